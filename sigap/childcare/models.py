"""Child-protection cases of neglected children (seed 003): referral, consent, assessment,
health certificate, placement into a balai/loka or panti, care reviews and the outcome.

Who may open a case is decided in `sigap.childcare.access` and nowhere else.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.core.models import BaseModel


class CentreKind(models.TextChoices):
    BALAI = "balai", _("Rehabilitation centre (balai)")
    LOKA = "loka", _("Rehabilitation centre (loka)")
    PANTI = "panti", _("Child welfare institution (panti)")


class Centre(BaseModel):
    """A place a child can be placed in: a government balai/loka or a partner panti."""

    office = models.ForeignKey(
        "accounts.Office", on_delete=models.PROTECT, related_name="child_centres"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=CentreKind.choices)
    address = models.CharField(_("address"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(_("capacity (children)"))
    head_name = models.CharField(_("head of the centre"), max_length=200, blank=True)
    head_nip = models.CharField(_("NIP of the head"), max_length=18, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "code"], name="child_centre_code_per_office"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="child_centre_capacity"),
        ]
        verbose_name = _("centre")
        verbose_name_plural = _("centres")

    def __str__(self) -> str:
        return self.name


class CaseStatus(models.TextChoices):
    REFERRED = "referred", _("Referred, preparing placement")
    PLACED = "placed", _("Placed, in service")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    RETURN_TO_FAMILY = "return_to_family", _("Returned to the family")
    FOSTER_CARE = "foster_care", _("Foster care")
    CONTINUED_CARE = "continued_care", _("Continued care")
    TRANSFER = "transfer", _("Transferred")


class Case(BaseModel):
    """One child's case, held by the province office that received the referral.

    The child lives in the registry (`child`, possibly without NIK); the request the engine
    keeps for the referral names only the referring office, never the child.
    """

    code = models.CharField(_("case number"), max_length=16, unique=True)
    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    referring_office = models.ForeignKey(
        "accounts.Office",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("referring office"),
    )
    # The engine's request for this referral; none for a referral registered on the case pages.
    request = models.OneToOneField(
        "applications.Request",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",  # applications knows nothing of children
        verbose_name=_("request"),
    )
    child = models.ForeignKey(
        "registry.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("child")
    )
    referral_number = models.CharField(_("request letter number"), max_length=100)
    referral_date = models.DateField(_("request letter date"))
    referral_summary = models.TextField(_("reason for referral"), blank=True)
    # Eligibility: at least one of the three conditions of the standard, each with its evidence.
    no_carer = models.BooleanField(_("no person, family or community cares for the child"))
    no_carer_evidence = models.TextField(_("evidence"), blank=True)
    violence = models.BooleanField(_("the child suffered violence from its surroundings"))
    violence_evidence = models.TextField(_("evidence"), blank=True)
    at_risk = models.BooleanField(
        _("the child has family but is at risk of violence, mistreatment, exploitation or neglect")
    )
    at_risk_evidence = models.TextField(_("evidence"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CaseStatus.choices,
        default=CaseStatus.REFERRED,
        db_index=True,
    )
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("social worker"),
    )
    child_companion = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("child companion"),
    )
    service_starts_on = models.DateField(_("service starts"), null=True, blank=True)
    service_ends_on = models.DateField(_("service ends"), null=True, blank=True)
    next_review_on = models.DateField(_("next review"), null=True, blank=True, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(_("outcome date"), null=True, blank=True)
    outcome_note = models.TextField(_("outcome note"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(no_carer=True) | Q(violence=True) | Q(at_risk=True),
                name="child_case_eligible",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | (~Q(outcome="") & Q(outcome_on__isnull=False)),
                name="child_case_closed_has_outcome",
            ),
        ]
        indexes = [models.Index(fields=["office", "status"], name="child_case_office_status")]
        verbose_name = _("child case")
        verbose_name_plural = _("child cases")

    def __str__(self) -> str:
        # Never the child's name: a case's str() reaches logs, admin and messages.
        return self.code

    @property
    def review_overdue(self) -> bool:
        return (
            self.status == CaseStatus.PLACED
            and self.next_review_on is not None
            and self.next_review_on < timezone.localdate()
        )

    @property
    def review_due(self) -> bool:
        return (
            self.status == CaseStatus.PLACED
            and self.next_review_on is not None
            and self.next_review_on <= timezone.localdate()
        )


class AssignmentRole(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("Social worker")
    CHILD_COMPANION = "child_companion", _("Child companion")


class CaseAssignment(models.Model):
    """One assignment or hand-over of a case: from whom, to whom, by whom, when and why.

    Append-only, like the access log: the history of who held a child's case is evidence.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField(_("as"), max_length=20, choices=AssignmentRole.choices)
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("from"),
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("to")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=500)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("case assignment")
        verbose_name_plural = _("case assignments")

    def __str__(self) -> str:
        return f"{self.case_id} {self.role} -> {self.to_user_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Case assignments are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Case assignments are append-only.")


class DocumentKind(models.TextChoices):
    REFERRAL_LETTER = "referral_letter", _("Request letter of the regency/city Dinsos")
    CONSENT_LETTER = "consent_letter", _("Consent letter")
    ASSESSMENT = "assessment", _("Signed assessment")
    HEALTH_CERTIFICATE = "health_certificate", _("Doctor's health certificate")
    BAST = "bast", _("Placement handover report (BAST)")
    OTHER = "other", _("Other document")


def case_file_path(instance: "CaseDocument", filename: str) -> str:
    """A generated private name; the uploaded name never reaches the file system."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"childcare/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


class CaseDocument(BaseModel):
    """A file of a case, kept in private storage and served only by the checked view."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=case_file_path, max_length=200)
    original_name = models.CharField(_("original name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=60)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.kind}"


class ConsentGiver(models.TextChoices):
    FAMILY = "family", _("Family")
    GUARDIAN = "guardian", _("Guardian (wali)")
    CARER = "carer", _("Carer (pengasuh)")
    VILLAGE_HEAD = "village_head", _("Village head / lurah")
    DINSOS_HEAD = "dinsos_head", _("Head of the local Dinsos")


class Consent(BaseModel):
    """Consent to further social rehabilitation (surat persetujuan)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="consent")
    giver_kind = models.CharField(_("given by"), max_length=16, choices=ConsentGiver.choices)
    giver_name = models.CharField(_("name of the person who consented"), max_length=200)
    relation = models.CharField(_("relation to the child"), max_length=100)
    given_on = models.DateField(_("date of consent"))
    document = models.ForeignKey(
        CaseDocument, on_delete=models.PROTECT, related_name="+", verbose_name=_("signed letter")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.giver_kind}"


class Recommendation(models.TextChoices):
    BALAI = "balai", _("Placement in a rehabilitation centre (balai/loka)")
    PANTI = "panti", _("Referral to an institution (panti)")
    FAMILY = "family", _("Care in the family with support")
    OTHER = "other", _("Other")


class Assessment(BaseModel):
    """The social worker's assessment (asesmen), structured, with the signed copy."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="assessment")
    situation = models.TextField(_("the child's situation"))
    family = models.TextField(_("family"))
    health = models.TextField(_("health"))
    education = models.TextField(_("education"))
    risks = models.TextField(_("risks"))
    needs = models.TextField(_("needs"))
    recommendation = models.CharField(
        _("recommendation"), max_length=8, choices=Recommendation.choices
    )
    recommendation_note = models.TextField(_("recommendation explained"), blank=True)
    assessed_on = models.DateField(_("date of assessment"))
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_document = models.ForeignKey(
        CaseDocument,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("signed copy"),
    )

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.assessed_on}"


class HealthCertificate(BaseModel):
    """The doctor's health certificate at the time of placement."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="health_certificate")
    doctor_name = models.CharField(_("doctor"), max_length=200)
    facility = models.CharField(_("health facility"), max_length=200)
    issued_on = models.DateField(_("date of the certificate"))
    document = models.ForeignKey(
        CaseDocument, on_delete=models.PROTECT, related_name="+", verbose_name=_("certificate")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("health certificate")
        verbose_name_plural = _("health certificates")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.issued_on}"


class Placement(BaseModel):
    """The placement of the child into a centre, with its handover report (BAST)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="placement")
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="placements")
    placed_on = models.DateField(_("date of placement"))
    place = models.CharField(_("place of handover"), max_length=100)
    received_by_name = models.CharField(_("received by (name)"), max_length=200)
    received_by_position = models.CharField(_("received by (position)"), max_length=200)
    received_by_nip = models.CharField(_("received by (NIP)"), max_length=18, blank=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The issued BAST (documents.IssuedDocument pk) or, without that app, the case document.
    bast_issued_id = models.PositiveBigIntegerField(null=True, blank=True)
    bast_document = models.ForeignKey(
        CaseDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Still counted against the centre's capacity (cleared when the case closes).
    is_active = models.BooleanField(default=True, db_index=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")

    def __str__(self) -> str:
        return f"{self.case_id} -> {self.centre_id}"


class CarePlan(BaseModel):
    """The plan for the year of service: goals, activities and how often it is reviewed."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="care_plan")
    goals = models.TextField(_("goals"))
    activities = models.TextField(_("activities and services"))
    review_every_days = models.PositiveIntegerField(_("review every (days)"), default=90)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(review_every_days__gte=7) & Q(review_every_days__lte=183),
                name="child_care_plan_review_interval",
            )
        ]
        verbose_name = _("care plan")
        verbose_name_plural = _("care plans")

    def __str__(self) -> str:
        return f"{self.case_id}"


class CareReview(BaseModel):
    """A periodic review by the social worker with the child companion."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("date of review"))
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    child_companion = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    progress = models.TextField(_("progress"))
    concerns = models.TextField(_("concerns"), blank=True)
    next_review_on = models.DateField(_("next review"))

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_on__gt=models.F("reviewed_on")),
                name="child_review_next_after",
            )
        ]
        verbose_name = _("care review")
        verbose_name_plural = _("care reviews")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.reviewed_on}"


class ProgressNote(BaseModel):
    """A dated note on the child's progress, by the social worker or child companion."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.created_at:%Y-%m-%d}"
