"""Writes for requests: intake (draft, uploads, submission), return and resubmission, claim
and assignment. Taking a step is `request_act` (workflow.py), re-exported here."""

import unicodedata
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.api.errors import ConflictError
from sigap.applications import notify, sla
from sigap.applications.extensions import extension_for
from sigap.applications.models import (
    OPEN_STATUSES,
    Channel,
    CheckStatus,
    OrganisationKind,
    Request,
    RequestEvent,
    RequestStatus,
    RequirementCheck,
    Upload,
)
from sigap.applications.uploads import check_upload
from sigap.applications.workflow import (  # noqa: F401 - re-exported
    MSG_STALE,
    applicable_requirements,
    intake_requirements,
    request_act,
)
from sigap.core.access import has_role, users_with_role
from sigap.core.codes import tracking_code
from sigap.standards.models import ApplicantKind, RequirementKind, ServiceStandard

MSG_UNKNOWN_PRODUCT = _("Choose one of the products of this service.")
MSG_PRODUCT_REQUIRED = _("Choose the product (which letter or help) you need.")
MSG_PERSON_NOT_ALLOWED = _("This service is requested by an organisation, not by a person.")
MSG_ORG_NOT_ALLOWED = _("This service is requested by a person (with a NIK), not an organisation.")
MSG_APPLICANT_REQUIRED = _("Give the applicant: a person with a NIK or an organisation.")
MSG_NOT_DRAFT = _("This request has already been sent.")
MSG_NOT_RETURNED = _("Only a request returned to the applicant can be handed in again.")
MSG_UPLOAD_CLOSED = _("Files can no longer be added to this request.")
MSG_UPLOAD_NOT_DOCUMENT = _("This requirement is not a document to upload.")
MSG_DOCUMENT_REQUIRED = _("Upload the document: %(label)s.")
MSG_DATA_REQUIRED = _("Fill in: %(label)s.")
MSG_CONDITION_REQUIRED = _("Confirm: %(label)s.")
MSG_OUTSIDE_OFFICE = _("This service belongs to another office.")
MSG_NO_STEPS = _("This service standard has no procedure steps.")
MSG_ASSIGNEE_ROLE = _("%(name)s does not hold the role of this step in this office.")


def new_code() -> str:
    return tracking_code()


def normalise_code(raw: str) -> str:
    """What a person typed, as stored: upper case, without spaces or dashes (and full-width
    letters of some phone keyboards read as the ASCII ones)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", raw or "").upper() if ch.isalnum())


def _save_with_code(request: Request, attempts: int = 5) -> Request:
    """Saves a new request under a fresh code; a collision (1 in 10^15) draws again."""
    for attempt in range(attempts):
        request.code = new_code()
        try:
            with transaction.atomic():
                request.save()
            return request
        except IntegrityError:
            if attempt == attempts - 1 or Request.objects.filter(code=request.code).count() == 0:
                raise
    raise RuntimeError("unreachable")


@transaction.atomic
def request_start(
    *,
    standard: ServiceStandard,
    product_code: str = "",
    person=None,
    organisation: dict[str, str] | None = None,
    contact_email: str = "",
    contact_phone: str = "",
    channel: str = Channel.FRONT_OFFICE,
    user=None,
) -> Request:
    """Opens a draft request under this revision of the standard (its revision never changes).

    `organisation`: {"kind", "name", "region_code", "contact_name"} where the standard allows it.
    """
    if user is not None and standard.office_id != user.office_id:
        raise PermissionDenied(MSG_OUTSIDE_OFFICE)
    products = list(standard.products.values_list("code", flat=True))
    if product_code and product_code not in products:
        raise ValidationError({"product_code": [MSG_UNKNOWN_PRODUCT]})
    if not product_code and len(products) == 1:
        product_code = products[0]
    if not product_code and len(products) > 1:
        raise ValidationError({"product_code": [MSG_PRODUCT_REQUIRED]})
    kinds = set(standard.applicant_kinds or [ApplicantKind.PERSON])
    request = Request(
        standard=standard,
        office=standard.office,
        product_code=product_code,
        contact_email=contact_email,
        contact_phone=contact_phone,
        channel=channel,
        status=RequestStatus.DRAFT,
        created_by=user,
    )
    if person is not None:
        if ApplicantKind.PERSON not in kinds:
            raise ValidationError({"applicant": [MSG_PERSON_NOT_ALLOWED]})
        request.applicant_person = person
    elif organisation and organisation.get("name"):
        if ApplicantKind.ORGANISATION not in kinds:
            raise ValidationError({"applicant": [MSG_ORG_NOT_ALLOWED]})
        request.org_kind = organisation.get("kind") or OrganisationKind.COMMUNITY
        request.org_name = organisation["name"]
        request.org_region_code = organisation.get("region_code", "")
        request.org_contact_name = organisation.get("contact_name", "")
    else:
        raise ValidationError({"applicant": [MSG_APPLICANT_REQUIRED]})
    request.code = "-"  # full_clean needs a value; the real code is drawn on save
    request.full_clean(exclude=["code", "current_step"])
    return _save_with_code(request)


@transaction.atomic
def upload_add(*, request: Request, requirement_code: str, file: UploadedFile, user=None) -> Upload:
    """Stores a file for a requirement after checking its content, type and size."""
    if request.status not in (RequestStatus.DRAFT, RequestStatus.RETURNED, *OPEN_STATUSES):
        raise ConflictError(str(MSG_UPLOAD_CLOSED), code="closed")
    requirement = request.standard.requirements.filter(code=requirement_code).first()
    if requirement is None:
        raise ValidationError({"requirement": [_("Unknown requirement.")]})
    if requirement.kind != RequirementKind.DOCUMENT:
        raise ValidationError({"requirement": [MSG_UPLOAD_NOT_DOCUMENT]})
    try:
        checked = check_upload(file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    original = (getattr(file, "name", "") or "file").rsplit("/", 1)[-1][:200]
    upload = Upload(
        request=request,
        requirement=requirement,
        original_name=original,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    # The stored name is generated and its extension is the detected type's, not the client's.
    upload.file.save(f"upload.{checked.extension}", file, save=False)
    upload.save()
    return upload


@transaction.atomic
def requirement_answers_set(*, request: Request, answers: dict[str, str], user=None) -> None:
    """Stores the applicant's data fields and confirmed conditions (value only, not the check)."""
    for requirement in applicable_requirements(request):
        if requirement.kind == RequirementKind.DOCUMENT or requirement.code not in answers:
            continue
        value = str(answers[requirement.code] or "").strip()[:300]
        request.checks.update_or_create(requirement=requirement, defaults={"value": value})


@transaction.atomic
def requirement_check_record(
    *, request: Request, requirement_code: str, status: str, user, note: str = ""
) -> RequirementCheck:
    """Records a finding on one requirement outside the check step: a service app that holds
    the document itself (a child's case holds the consent) marks the requirement complete."""
    requirement = next(
        (r for r in applicable_requirements(request) if r.code == requirement_code), None
    )
    if requirement is None:
        raise ValidationError({"requirement": [_("Unknown requirement.")]})
    if status not in CheckStatus.values:
        raise ValidationError({"status": [_("Unknown status.")]})
    check, _created = RequirementCheck.objects.update_or_create(
        request=request,
        requirement=requirement,
        defaults={
            "status": status,
            "note": note[:500],
            "checked_by": user if getattr(user, "is_authenticated", False) else None,
            "checked_at": timezone.now(),
        },
    )
    return check


def intake_errors(request: Request) -> dict[str, list[str]]:
    """What the applicant must still provide: mandatory uploads, data and conditions (not
    those due at a later step, which come into being during the procedure)."""
    uploaded = set(request.uploads.values_list("requirement__code", flat=True))
    values = dict(request.checks.values_list("requirement__code", "value"))
    errors: dict[str, list[str]] = {}
    for req in intake_requirements(request):
        if not req.mandatory:
            continue
        if req.kind == RequirementKind.DOCUMENT and req.code not in uploaded:
            errors[req.code] = [str(MSG_DOCUMENT_REQUIRED % {"label": req.label})]
        elif req.kind == RequirementKind.DATA and not values.get(req.code):
            errors[req.code] = [str(MSG_DATA_REQUIRED % {"label": req.label})]
        elif req.kind == RequirementKind.CONDITION and not values.get(req.code):
            errors[req.code] = [str(MSG_CONDITION_REQUIRED % {"label": req.label})]
    return errors


def clean_extension_data(standard: ServiceStandard, data: dict[str, Any] | None) -> dict:
    """Validates the service-specific intake fields with the extension's form, if it has one."""
    form_class = extension_for(standard).intake_form(standard=standard)
    if form_class is None:
        return dict(data or {})
    form = form_class(data or {})
    if not form.is_valid():
        raise ValidationError({name: list(errs) for name, errs in form.errors.items()})
    return form.cleaned_data


def _first_step(standard: ServiceStandard):
    step = standard.steps.order_by("order").first()
    if step is None:
        raise ValidationError(MSG_NO_STEPS)
    return step


def _event(request: Request, *, action: str, user, from_status: str, note: str = "", data=None):
    return RequestEvent.objects.create(
        request=request,
        step=request.current_step,
        action=action,
        actor=user if getattr(user, "is_authenticated", False) else None,
        note=note,
        data=data or {},
        from_status=from_status,
        to_status=request.status,
    )


@transaction.atomic
def request_submit(
    *,
    request: Request,
    user=None,
    extension_data: dict[str, Any] | None = None,
    require_uploads: bool | None = None,
    issue_receipt: bool = True,
) -> Request:
    """Sends a draft: checks the intake, runs the extension, starts the clock, issues a receipt.

    Mandatory document uploads are required on the portal and the API; at the front office
    the officer may receive paper copies and record them at the check step instead
    (`require_uploads=False`), unless the extension insists (seed 002's police letter).
    """
    request = Request.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.DRAFT:
        raise ConflictError(str(MSG_NOT_DRAFT), code="not_draft")
    if require_uploads is None:
        require_uploads = request.channel != Channel.FRONT_OFFICE
    errors = intake_errors(request)
    if not require_uploads:
        kinds = dict(request.standard.requirements.values_list("code", "kind"))
        errors = {k: v for k, v in errors.items() if kinds.get(k) != RequirementKind.DOCUMENT}
    if errors:
        raise ValidationError(errors)
    extension = extension_for(request.standard)
    cleaned = clean_extension_data(request.standard, extension_data)
    extension.validate_intake(request=request, data=cleaned)
    now = timezone.now()
    request.status = RequestStatus.SUBMITTED
    request.submitted_at = now
    request.due_at = sla.due_at(request.standard, now)
    request.current_step = _first_step(request.standard)
    request.done_actions = []
    request.version += 1
    request.save()
    for requirement in applicable_requirements(request):
        request.checks.get_or_create(requirement=requirement)
    extension.after_intake(request=request, data=cleaned, user=user)
    _event(request, action="submit", user=user, from_status=RequestStatus.DRAFT)
    extension.after_status_change(
        request=request, from_status=RequestStatus.DRAFT, to_status=request.status, user=user
    )
    if issue_receipt and request.channel == Channel.PORTAL:
        # Rendering the PDF (about a second of CPU) inside the citizen's submission capped the
        # portal at a few submissions a second: a task issues it once the request is committed.
        from sigap.applications.tasks import issue_receipt as issue_receipt_task

        request_id = request.pk
        transaction.on_commit(lambda: issue_receipt_task.enqueue(request_id))
    elif issue_receipt:
        from sigap.applications.letters import receipt_issue

        receipt_issue(request=request, user=user if getattr(user, "pk", None) else None)
    notify.status_changed(request)
    return request


@transaction.atomic
def request_create(
    *,
    standard: ServiceStandard,
    product_code: str = "",
    person=None,
    organisation: dict[str, str] | None = None,
    contact_email: str = "",
    contact_phone: str = "",
    channel: str = Channel.FRONT_OFFICE,
    user=None,
    uploads: dict[str, UploadedFile] | None = None,
    answers: dict[str, str] | None = None,
    extension_data: dict[str, Any] | None = None,
    require_uploads: bool | None = None,
    issue_receipt: bool = True,
) -> Request:
    """Files a request in one go (API, tests, scripts): draft, uploads, answers, submission."""
    request = request_start(
        standard=standard,
        product_code=product_code,
        person=person,
        organisation=organisation,
        contact_email=contact_email,
        contact_phone=contact_phone,
        channel=channel,
        user=user,
    )
    for code, file in (uploads or {}).items():
        upload_add(request=request, requirement_code=code, file=file, user=user)
    if answers:
        requirement_answers_set(request=request, answers=answers, user=user)
    return request_submit(
        request=request,
        user=user,
        extension_data=extension_data,
        require_uploads=require_uploads,
        issue_receipt=issue_receipt,
    )


@transaction.atomic
def request_resubmit(*, request: Request, user, expected_version: int, note: str = "") -> Request:
    """The applicant handed in what was missing: the step runs again and the clock restarts."""
    locked = (
        Request.objects.select_for_update(of=("self",))
        .select_related("current_step")
        .get(pk=request.pk)
    )
    if locked.version != expected_version:
        raise ConflictError(str(MSG_STALE), code="stale")
    if locked.status != RequestStatus.RETURNED:
        raise ConflictError(str(MSG_NOT_RETURNED), code="not_returned")
    step = locked.current_step
    if step is not None and not has_role(user, step.role):
        raise PermissionDenied
    now = timezone.now()
    locked.status = RequestStatus.SUBMITTED
    locked.submitted_at = now
    locked.due_at = sla.due_at(locked.standard, now)
    locked.done_actions = []
    locked.missing = []
    locked.version += 1
    locked.save()
    locked.checks.exclude(status=CheckStatus.COMPLETE).update(status=CheckStatus.PENDING)
    _event(locked, action="resubmit", user=user, from_status=RequestStatus.RETURNED, note=note)
    extension_for(locked.standard).after_status_change(
        request=locked, from_status=RequestStatus.RETURNED, to_status=locked.status, user=user
    )
    notify.status_changed(locked)
    return locked


@transaction.atomic
def request_assign(*, request: Request, user, assignee, expected_version: int) -> Request:
    """Claims the current step (assignee == user) or hands it to a colleague with its role."""
    locked = (
        Request.objects.select_for_update(of=("self",))
        .select_related("current_step")
        .get(pk=request.pk)
    )
    if locked.version != expected_version:
        raise ConflictError(str(MSG_STALE), code="stale")
    step = locked.current_step
    if step is None or locked.status not in OPEN_STATUSES:
        raise ConflictError(str(_("This request is not waiting for anyone.")), code="not_open")
    if locked.office_id != user.office_id or not has_role(user, step.role):
        raise PermissionDenied
    if assignee is not None:
        holders = users_with_role(locked.office, [step.role])
        if not holders.filter(pk=assignee.pk).exists():
            raise ValidationError(
                {"assignee": [MSG_ASSIGNEE_ROLE % {"name": assignee.display_name}]}
            )
    locked.assigned_to = assignee
    locked.version += 1
    locked.save(update_fields=["assigned_to", "version", "updated_at"])
    _event(
        locked,
        action="assign" if assignee != user else "claim",
        user=user,
        from_status=locked.status,
        data={"assignee": assignee.pk if assignee else None},
        note=assignee.display_name if assignee else "",
    )
    return locked


@transaction.atomic
def request_cancel(*, request: Request, user, expected_version: int, reason: str) -> Request:
    """Withdraws a request (the applicant asked, or it was filed by mistake)."""
    locked = Request.objects.select_for_update().get(pk=request.pk)
    if locked.version != expected_version:
        raise ConflictError(str(MSG_STALE), code="stale")
    if locked.status not in (RequestStatus.DRAFT, RequestStatus.RETURNED, *OPEN_STATUSES):
        raise ConflictError(str(_("This request is already closed.")), code="closed")
    if not reason:
        raise ValidationError({"reason": [_("Give the reason.")]})
    from_status = locked.status
    locked.status = RequestStatus.CANCELLED
    locked.return_reason = reason
    locked.current_step = None
    locked.assigned_to = None
    locked.version += 1
    locked.save()
    _event(locked, action="cancel", user=user, from_status=from_status, note=reason)
    extension_for(locked.standard).after_status_change(
        request=locked, from_status=from_status, to_status=locked.status, user=user
    )
    notify.status_changed(locked)
    return locked


def applicant_person_resolve(
    *, nik: str, name: str, address: str = "", phone: str = "", email: str = ""
):
    """The registry person with this NIK, or a new one made from what the applicant gave.

    A known person is used as the registry holds them: a request is no place to rename
    someone (the registry's own pages are). Raises ValidationError (on `nik`) for a NIK that
    cannot be right.
    """
    from sigap.identity import validate_nik
    from sigap.registry.models import Person
    from sigap.registry.services import person_upsert

    try:
        nik = validate_nik(nik).nik
        existing = Person.objects.filter(nik=nik).first()
        if existing is not None:
            return existing
        return person_upsert(nik=nik, name=name.strip(), address=address, phone=phone, email=email)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            raise
        raise ValidationError({"nik": exc.messages}) from exc


def intake_warnings(*, standard: ServiceStandard, person, data: dict[str, Any]) -> list[str]:
    """The extension's warnings for the officer before submission (never a block)."""
    return extension_for(standard).intake_warnings(
        standard=standard, office=standard.office, person=person, data=data or {}
    )
