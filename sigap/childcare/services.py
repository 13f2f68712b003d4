"""Writes of a child's case: referral, assignment, consent, assessment, health certificate,
placement with its BAST, care plan, reviews, notes and the outcome.

Each function checks the policy of `sigap.childcare.access` itself, so the pages, the API and
the request engine's hooks cannot differ on who may do what.
"""

import datetime
import hashlib
import secrets

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.accounts.roles import Role
from sigap.childcare import access
from sigap.childcare.models import (
    Assessment,
    AssignmentRole,
    CarePlan,
    CareReview,
    Case,
    CaseAssignment,
    CaseDocument,
    CaseStatus,
    Centre,
    Consent,
    DocumentKind,
    HealthCertificate,
    Placement,
    ProgressNote,
)

MSG_NOT_ELIGIBLE = _(
    "The child does not meet any condition of the service: no one cares for the child, the child "
    "suffered violence from its surroundings, or the child has family but is at risk of violence, "
    "mistreatment, exploitation or neglect. Tick at least one and describe the evidence."
)
MSG_EVIDENCE_REQUIRED = _("Describe the evidence for each condition you ticked.")
MSG_NOT_PROVINCE = _("Referrals are registered at a province office.")
MSG_REFERRER_NOT_UNDER = _(
    "The referring office must be a regency/city office under this province."
)
MSG_ASSIGNEE_ROLE = _("This staff member does not hold the role needed for this case.")
MSG_ASSIGNEE_OFFICE = _("Cases can only be assigned to staff of the office that holds them.")
MSG_ASSIGNEE_SAME = _("This staff member already holds the case.")
MSG_REASON_REQUIRED = _("Give the reason for the assignment or hand-over.")
MSG_CASE_NOT_OPEN = _("This case is no longer being prepared for placement.")
MSG_CASE_NOT_PLACED = _(
    "This case is not in service: the child has not been placed or it is closed."
)
MSG_CASE_CLOSED = _("This case is already closed.")
MSG_NEEDS_CONSENT = _("Record the consent to further rehabilitation before the placement.")
MSG_NEEDS_ASSESSMENT = _("Record the social worker's assessment before the placement.")
MSG_NEEDS_SIGNED_ASSESSMENT = _("Attach the signed copy of the assessment before the placement.")
MSG_NEEDS_HEALTH = _("Record the doctor's health certificate before the placement.")
MSG_HEALTH_TOO_OLD = _(
    "The health certificate must be issued at the time of placement: at most %(days)s days before."
)
MSG_DATE_IN_FUTURE = _("The date cannot be in the future.")
MSG_CENTRE_FULL = _(
    "%(centre)s is full (%(occupied)s of %(capacity)s places). Choose another centre."
)
MSG_CENTRE_OTHER_OFFICE = _("Choose a centre of this office.")
MSG_CENTRE_INACTIVE = _("This centre no longer takes children.")
MSG_ALREADY_PLACED = _("The child has already been placed.")
MSG_NEXT_REVIEW_AFTER = _("The next review must be after this review.")
MSG_NIK_TAKEN_BY_CASE = _("Another open case already has a child with this NIK.")
MSG_NIK_ALREADY = _("This child already has a NIK.")
MSG_FILE_TYPE = _("The file must be a PDF, JPEG or PNG.")
MSG_FILE_SIZE = _("The file is too large.")
MSG_FILE_EMPTY = _("The file is empty.")
MSG_FILE_REQUIRED = _("Attach the signed document.")

ALLOWED_FILE_TYPES = {"application/pdf", "image/jpeg", "image/png"}
# "At the time of placement": a certificate older than this no longer describes the child.
HEALTH_CERTIFICATE_MAX_AGE_DAYS = 30
DEFAULT_REVIEW_DAYS = 90


def one_year_after(day: datetime.date) -> datetime.date:
    """The end of the one running year of service (29 February falls back to 28)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _new_code() -> str:
    return f"ANK-{timezone.localdate():%y}{secrets.token_hex(3).upper()}"


def _forbid_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@transaction.atomic
def case_document_store(*, case: Case, kind: str, file: UploadedFile, by) -> CaseDocument:
    """Stores a case file privately after checking its content (not its name)."""
    if file is None:
        raise ValidationError(MSG_FILE_REQUIRED, code="file_required")
    size = file.size or 0
    if size == 0:
        raise ValidationError(MSG_FILE_EMPTY, code="file_empty")
    if size > settings.SIGAP_UPLOAD_MAX_BYTES:
        raise ValidationError(MSG_FILE_SIZE, code="file_size")
    file.seek(0)
    kind_guess = filetype.guess(file.read(8192))
    if kind_guess is None or kind_guess.mime not in ALLOWED_FILE_TYPES:
        raise ValidationError(MSG_FILE_TYPE, code="file_type")
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    document = CaseDocument(
        case=case,
        kind=kind,
        original_name=(file.name or "dokumen")[-200:],
        content_type=kind_guess.mime,
        size=size,
        sha256=digest.hexdigest(),
        uploaded_by=by,
    )
    document.file.save(f"upload.{kind_guess.extension}", file, save=False)
    document.full_clean()
    document.save()
    return document


CONDITIONS = ("no_carer", "violence", "at_risk")


def check_eligibility(data: dict) -> None:
    """The seed's rule: at least one of the three conditions, each ticked one with evidence."""
    _check_eligibility(
        {name: (bool(data.get(name)), data.get(f"{name}_evidence") or "") for name in CONDITIONS}
    )


def _check_eligibility(conditions: dict[str, tuple[bool, str]]) -> None:
    if not any(flag for flag, _evidence in conditions.values()):
        raise ValidationError(MSG_NOT_ELIGIBLE, code="not_eligible")
    missing = {
        f"{name}_evidence": MSG_EVIDENCE_REQUIRED
        for name, (flag, evidence) in conditions.items()
        if flag and not (evidence or "").strip()
    }
    if missing:
        raise ValidationError(missing, code="evidence_required")


@transaction.atomic
def case_register(
    *,
    office,
    referring_office,
    child_name: str,
    child_nik: str | None = None,
    child_sex: str = "",
    child_birth_place: str = "",
    child_birth_date: datetime.date | None = None,
    child_address: str = "",
    referral_number: str,
    referral_date: datetime.date,
    referral_summary: str = "",
    referral_letter: UploadedFile | None = None,
    no_carer: bool = False,
    no_carer_evidence: str = "",
    violence: bool = False,
    violence_evidence: str = "",
    at_risk: bool = False,
    at_risk_evidence: str = "",
    registered_by,
    request=None,
    check_permission: bool = True,
) -> Case:
    """Registers a referral from a regency/city Dinsos; refused unless the child is eligible."""
    from sigap.accounts.models import OfficeLevel
    from sigap.registry.services import person_upsert

    if check_permission:
        _forbid_unless(access.can_register(registered_by) and registered_by.office_id == office.pk)
    if office.level != OfficeLevel.PROVINCE:
        raise ValidationError(MSG_NOT_PROVINCE, code="not_province")
    if referring_office is not None and referring_office.parent_id != office.pk:
        raise ValidationError({"referring_office": MSG_REFERRER_NOT_UNDER})
    _check_eligibility(
        {
            "no_carer": (no_carer, no_carer_evidence),
            "violence": (violence, violence_evidence),
            "at_risk": (at_risk, at_risk_evidence),
        }
    )
    if referral_date and referral_date > timezone.localdate():
        raise ValidationError({"referral_date": MSG_DATE_IN_FUTURE})
    child = person_upsert(
        nik=_nik_or_none(child_nik, field="child_nik"),
        name=child_name.strip(),
        sex=child_sex,
        birth_place=child_birth_place,
        birth_date=child_birth_date,
        address=child_address,
    )
    case = Case(
        code=_new_code(),
        office=office,
        referring_office=referring_office,
        request=request,
        child=child,
        referral_number=referral_number.strip(),
        referral_date=referral_date,
        referral_summary=referral_summary.strip(),
        no_carer=no_carer,
        no_carer_evidence=no_carer_evidence.strip(),
        violence=violence,
        violence_evidence=violence_evidence.strip(),
        at_risk=at_risk,
        at_risk_evidence=at_risk_evidence.strip(),
        registered_by=registered_by,
    )
    case.full_clean()
    case.save()
    if referral_letter is not None:
        case_document_store(
            case=case, kind=DocumentKind.REFERRAL_LETTER, file=referral_letter, by=registered_by
        )
    return case


_ROLE_FIELD = {
    AssignmentRole.SOCIAL_WORKER: ("social_worker", Role.SOCIAL_WORKER),
    AssignmentRole.CHILD_COMPANION: ("child_companion", Role.CHILD_COMPANION),
}


@transaction.atomic
def case_assign(*, case: Case, role: str, to_user, by, reason: str) -> CaseAssignment:
    """Assigns (or hands over) the case's social worker or child companion; always logged."""
    _forbid_unless(access.can_assign(by, case))
    field, needed_role = _ROLE_FIELD[AssignmentRole(role)]
    if not reason or not reason.strip():
        raise ValidationError({"reason": MSG_REASON_REQUIRED})
    if to_user.office_id != case.office_id or not to_user.is_active:
        raise ValidationError({"to_user": MSG_ASSIGNEE_OFFICE})
    if not to_user.has_role(needed_role):
        raise ValidationError({"to_user": MSG_ASSIGNEE_ROLE})
    given = case
    case = Case.objects.select_for_update().get(pk=case.pk)
    current_id = getattr(case, f"{field}_id")
    if current_id == to_user.pk:
        raise ValidationError({"to_user": MSG_ASSIGNEE_SAME})
    assignment = CaseAssignment(
        case=case,
        role=role,
        from_user_id=current_id,
        to_user=to_user,
        by=by,
        reason=reason.strip(),
    )
    assignment.full_clean()
    assignment.save()
    setattr(case, field, to_user)
    case.save(update_fields=[field, "updated_at"])
    setattr(given, field, to_user)  # the caller's copy follows
    return assignment


@transaction.atomic
def case_link_nik(*, case: Case, nik: str, by) -> Case:
    """Links a NIK found later (a birth certificate, a new KK) to a child registered without."""
    from sigap.registry.services import person_upsert

    _forbid_unless(access.can_work_on(by, case))
    child = case.child
    if child.nik:
        raise ValidationError({"nik": MSG_NIK_ALREADY})
    person = person_upsert(
        nik=_nik_or_none(nik, field="nik"),
        name=child.name,
        sex=child.sex,
        birth_place=child.birth_place,
        birth_date=child.birth_date,
        address=child.address,
    )
    clash = (
        Case.objects.filter(child=person)
        .exclude(pk=case.pk)
        .exclude(status=CaseStatus.CLOSED)
        .exists()
    )
    if clash:
        raise ValidationError({"nik": MSG_NIK_TAKEN_BY_CASE})
    case.child = person
    case.save(update_fields=["child", "updated_at"])
    return case


def _require_referred(case: Case) -> None:
    if case.status != CaseStatus.REFERRED:
        raise ValidationError(MSG_CASE_NOT_OPEN, code="case_not_open")


def _not_future(field: str, day: datetime.date) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: MSG_DATE_IN_FUTURE})


@transaction.atomic
def consent_record(
    *,
    case: Case,
    giver_kind: str,
    giver_name: str,
    relation: str,
    given_on: datetime.date,
    file: UploadedFile | None,
    by,
) -> Consent:
    """Records (or replaces) the consent to further rehabilitation, with the signed letter."""
    _forbid_unless(access.can_work_on(by, case))
    _require_referred(case)
    _not_future("given_on", given_on)
    document = case_document_store(case=case, kind=DocumentKind.CONSENT_LETTER, file=file, by=by)
    Consent.objects.filter(case=case).delete()
    consent = Consent(
        case=case,
        giver_kind=giver_kind,
        giver_name=giver_name.strip(),
        relation=relation.strip(),
        given_on=given_on,
        document=document,
        recorded_by=by,
    )
    consent.full_clean()
    consent.save()
    return consent


ASSESSMENT_FIELDS = (
    "situation",
    "family",
    "health",
    "education",
    "risks",
    "needs",
    "recommendation",
    "recommendation_note",
    "assessed_on",
)


@transaction.atomic
def assessment_record(
    *, case: Case, by, signed_copy: UploadedFile | None = None, **fields
) -> Assessment:
    """Saves the social worker's structured assessment (a later save replaces the form)."""
    _forbid_unless(access.can_work_on(by, case))
    _require_referred(case)
    unknown = set(fields) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown assessment fields: {sorted(unknown)}")
    if fields.get("assessed_on"):
        _not_future("assessed_on", fields["assessed_on"])
    assessment = Assessment.objects.filter(case=case).first() or Assessment(case=case)
    for name, value in fields.items():
        setattr(assessment, name, value.strip() if isinstance(value, str) else value)
    assessment.social_worker = by
    if signed_copy is not None:
        assessment.signed_document = case_document_store(
            case=case, kind=DocumentKind.ASSESSMENT, file=signed_copy, by=by
        )
    assessment.full_clean()
    assessment.save()
    return assessment


@transaction.atomic
def health_certificate_record(
    *,
    case: Case,
    doctor_name: str,
    facility: str,
    issued_on: datetime.date,
    file: UploadedFile | None,
    by,
) -> HealthCertificate:
    _forbid_unless(access.can_work_on(by, case))
    _require_referred(case)
    _not_future("issued_on", issued_on)
    document = case_document_store(
        case=case, kind=DocumentKind.HEALTH_CERTIFICATE, file=file, by=by
    )
    HealthCertificate.objects.filter(case=case).delete()
    certificate = HealthCertificate(
        case=case,
        doctor_name=doctor_name.strip(),
        facility=facility.strip(),
        issued_on=issued_on,
        document=document,
        recorded_by=by,
    )
    certificate.full_clean()
    certificate.save()
    return certificate


def placement_blockers(case: Case, *, placed_on: datetime.date | None = None) -> list[str]:
    """What still stands between this case and a placement (empty: ready)."""
    placed_on = placed_on or timezone.localdate()
    found: list[str] = []
    if not Consent.objects.filter(case=case).exists():
        found.append(str(MSG_NEEDS_CONSENT))
    assessment = Assessment.objects.filter(case=case).first()
    if assessment is None:
        found.append(str(MSG_NEEDS_ASSESSMENT))
    elif assessment.signed_document_id is None:
        found.append(str(MSG_NEEDS_SIGNED_ASSESSMENT))
    certificate = HealthCertificate.objects.filter(case=case).first()
    if certificate is None:
        found.append(str(MSG_NEEDS_HEALTH))
    elif (placed_on - certificate.issued_on).days > HEALTH_CERTIFICATE_MAX_AGE_DAYS:
        found.append(str(MSG_HEALTH_TOO_OLD % {"days": HEALTH_CERTIFICATE_MAX_AGE_DAYS}))
    return found


def centre_occupancy(centre: Centre) -> int:
    return Placement.objects.filter(centre=centre, is_active=True).count()


def _nik_or_none(value: str | None, *, field: str) -> str | None:
    """A child's NIK through the identity rules, its refusal named after the form's field."""
    from sigap.identity import validate_nik

    if not (value or "").strip():
        return None
    try:
        return validate_nik(value).nik
    except ValidationError as exc:
        raise ValidationError({field: exc.error_list}) from None


def _nip_or_blank(value: str) -> str:
    """The receiving official's NIP through the identity rules: a spaced NIP as printed on a
    civil servant's card is kept whole, a wrong one refused; never a shortened number."""
    from sigap.identity import validate_nip

    if not (value or "").strip():
        return ""
    try:
        return validate_nip(value).nip
    except ValidationError as exc:
        raise ValidationError({"received_by_nip": exc.error_list}) from None


@transaction.atomic
def case_place(
    *,
    case: Case,
    centre: Centre,
    placed_on: datetime.date,
    place: str,
    received_by_name: str,
    received_by_position: str,
    received_by_nip: str = "",
    by,
) -> Placement:
    """Places the child (capacity checked under a row lock) and issues the placement BAST."""
    _forbid_unless(access.can_place(by, case))
    received_by_nip = _nip_or_blank(received_by_nip)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if Placement.objects.filter(case=case).exists():
        raise ValidationError(MSG_ALREADY_PLACED, code="already_placed")
    _require_referred(case)
    _not_future("placed_on", placed_on)
    blockers = placement_blockers(case, placed_on=placed_on)
    if blockers:
        raise ValidationError(blockers, code="not_ready")
    # Lock the centre row so two placements cannot both take its last place.
    centre = Centre.objects.select_for_update().get(pk=centre.pk)
    if centre.office_id != case.office_id:
        raise ValidationError({"centre": MSG_CENTRE_OTHER_OFFICE})
    if not centre.is_active:
        raise ValidationError({"centre": MSG_CENTRE_INACTIVE})
    occupied = centre_occupancy(centre)
    if occupied >= centre.capacity:
        raise ValidationError(
            {
                "centre": ValidationError(
                    MSG_CENTRE_FULL,
                    code="centre_full",
                    params={
                        "centre": centre.name,
                        "occupied": occupied,
                        "capacity": centre.capacity,
                    },
                )
            }
        )
    handed_over_by = case.social_worker or by
    placement = Placement(
        case=case,
        centre=centre,
        placed_on=placed_on,
        place=place.strip(),
        received_by_name=received_by_name.strip(),
        received_by_position=received_by_position.strip(),
        received_by_nip=received_by_nip.strip(),
        handed_over_by=handed_over_by,
        decided_by=by,
    )
    placement.full_clean()
    placement.save()
    case.status = CaseStatus.PLACED
    case.service_starts_on = placed_on
    case.service_ends_on = one_year_after(placed_on)
    case.next_review_on = placed_on + datetime.timedelta(days=DEFAULT_REVIEW_DAYS)
    case.save()
    from sigap.childcare.bast import bast_issue

    bast_issue(placement=placement, by=by)
    return placement


def _require_placed(case: Case) -> None:
    if case.status != CaseStatus.PLACED:
        raise ValidationError(MSG_CASE_NOT_PLACED, code="case_not_placed")


@transaction.atomic
def care_plan_save(
    *, case: Case, goals: str, activities: str, review_every_days: int, by
) -> CarePlan:
    """Writes the year's care plan; before the first review it also sets the next review date."""
    _forbid_unless(access.can_work_on(by, case))
    _require_placed(case)
    plan = CarePlan.objects.filter(case=case).first() or CarePlan(case=case)
    plan.goals = goals.strip()
    plan.activities = activities.strip()
    plan.review_every_days = review_every_days
    plan.written_by = by
    plan.full_clean()
    plan.save()
    if not case.reviews.exists() and case.service_starts_on:
        case.next_review_on = case.service_starts_on + datetime.timedelta(days=review_every_days)
        case.save(update_fields=["next_review_on", "updated_at"])
    return plan


@transaction.atomic
def review_record(
    *,
    case: Case,
    reviewed_on: datetime.date,
    progress: str,
    concerns: str = "",
    next_review_on: datetime.date | None = None,
    by,
) -> CareReview:
    """Records a periodic review by the social worker with the child companion."""
    _forbid_unless(access.can_work_on(by, case))
    _require_placed(case)
    _not_future("reviewed_on", reviewed_on)
    if next_review_on is None:
        plan = CarePlan.objects.filter(case=case).first()
        days = plan.review_every_days if plan else DEFAULT_REVIEW_DAYS
        next_review_on = reviewed_on + datetime.timedelta(days=days)
    if next_review_on <= reviewed_on:
        raise ValidationError({"next_review_on": MSG_NEXT_REVIEW_AFTER})
    review = CareReview(
        case=case,
        reviewed_on=reviewed_on,
        social_worker=case.social_worker or by,
        child_companion=case.child_companion,
        progress=progress.strip(),
        concerns=concerns.strip(),
        next_review_on=next_review_on,
    )
    review.full_clean()
    review.save()
    case.next_review_on = next_review_on
    case.save(update_fields=["next_review_on", "updated_at"])
    return review


@transaction.atomic
def note_add(*, case: Case, text: str, by) -> ProgressNote:
    _forbid_unless(access.can_work_on(by, case))
    note = ProgressNote(case=case, author=by, text=text.strip())
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def case_close(*, case: Case, outcome: str, outcome_on: datetime.date, note: str = "", by) -> Case:
    """Ends the service (or a referral never placed) with its outcome; the place is freed."""
    _forbid_unless(access.can_close(by, case))
    case = Case.objects.select_for_update().get(pk=case.pk)
    # A referral can also end before any placement (the family takes the child back).
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(MSG_CASE_CLOSED, code="case_closed")
    _not_future("outcome_on", outcome_on)
    case.status = CaseStatus.CLOSED
    case.outcome = outcome
    case.outcome_on = outcome_on
    case.outcome_note = note.strip()
    case.next_review_on = None
    case.full_clean()
    case.save()
    Placement.objects.filter(case=case).update(is_active=False, updated_at=timezone.now())
    return case
