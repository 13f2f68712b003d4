"""Requests (permohonan) filed under one revision of a service standard, with their checks,
uploads and history. The standard's procedure drives them (see workflow.py)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.core.models import BaseModel


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_PROGRESS = "in_progress", _("In progress")
    RETURNED = "returned", _("Returned to the applicant")
    REJECTED = "rejected", _("Rejected")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


# Statuses in which a request waits for staff.
OPEN_STATUSES = (RequestStatus.SUBMITTED, RequestStatus.IN_PROGRESS)
CLOSED_STATUSES = (RequestStatus.REJECTED, RequestStatus.COMPLETED, RequestStatus.CANCELLED)


class Channel(models.TextChoices):
    FRONT_OFFICE = "front_office", _("Front office")
    PORTAL = "portal", _("Public portal")
    API = "api", _("API")


class OrganisationKind(models.TextChoices):
    POSKO = "posko", _("Disaster post (posko)")
    VILLAGE = "village", _("Village / kelurahan")
    DISTRICT = "district", _("District (kecamatan)")
    COMMUNITY = "community", _("Community")
    OFFICE = "office", _("Government office")


class Request(BaseModel):
    """A request (permohonan) for one service, filed under the standard revision in force.

    The applicant is a registry person or, where the standard allows, an organisation.
    `version` grows with every change: writers pass the version they saw (optimistic locking).
    """

    code = models.CharField(_("tracking code"), max_length=12, unique=True)
    standard = models.ForeignKey(
        "standards.ServiceStandard",
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("service standard"),
    )
    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="requests")
    product_code = models.SlugField(_("product"), max_length=60, blank=True)
    applicant_person = models.ForeignKey(
        "registry.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("applicant"),
    )
    org_kind = models.CharField(
        _("organisation kind"), max_length=16, choices=OrganisationKind.choices, blank=True
    )
    org_name = models.CharField(_("organisation name"), max_length=200, blank=True)
    org_region_code = models.CharField(_("region code"), max_length=13, blank=True)
    org_contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail for updates"), blank=True)
    contact_phone = models.CharField(_("phone for updates"), max_length=30, blank=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RequestStatus.choices,
        default=RequestStatus.DRAFT,
        db_index=True,
    )
    current_step = models.ForeignKey(
        "standards.ProcedureStep",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("current step"),
    )
    # Actions already taken at the current step, in order; cleared when the step changes.
    done_actions = models.JSONField(_("actions done at this step"), default=list, blank=True)
    # What the steps recorded, by step code: {"analyse": {"problem": ...}, "sign": {...}}.
    step_data = models.JSONField(_("recorded data"), default=dict, blank=True)
    # Requirement codes found missing or invalid at the last check (shown to the applicant).
    missing = models.JSONField(_("missing requirements"), default=list, blank=True)
    return_reason = models.TextField(_("reason for return or rejection"), blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True, db_index=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, db_index=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_requests",
        verbose_name=_("assigned to"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(applicant_person__isnull=False) | ~Q(org_name=""),
                name="request_has_applicant",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="request_version_positive"),
        ]
        indexes = [
            models.Index(fields=["office", "status"]),
            # Report card and dashboards aggregate one office's requests of a period.
            models.Index(fields=["office", "submitted_at"], name="request_office_submitted"),
            # The dashboards' open work per step and officer: an index-only scan of open requests.
            models.Index(
                fields=["office", "current_step", "assigned_to", "due_at"],
                condition=Q(status__in=["submitted", "in_progress"]),
                name="request_open_work",
            ),
        ]
        verbose_name = _("request")
        verbose_name_plural = _("requests")

    def __str__(self) -> str:
        return self.code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        if self.due_at is None:
            return False
        end = self.completed_at or timezone.now()
        if self.status in (RequestStatus.REJECTED, RequestStatus.CANCELLED):
            return False
        return end > self.due_at

    @property
    def applicant_name(self) -> str:
        if self.applicant_person_id:
            return self.applicant_person.name
        return self.org_name

    @property
    def product(self):
        return self.standard.products.filter(code=self.product_code).first()


class CheckStatus(models.TextChoices):
    PENDING = "pending", _("Not checked yet")
    COMPLETE = "complete", _("Complete")
    MISSING = "missing", _("Missing")
    INVALID = "invalid", _("Invalid")


class RequirementCheck(models.Model):
    """The front office's finding on one requirement of a request."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="checks")
    requirement = models.ForeignKey(
        "standards.Requirement", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CheckStatus.choices, default=CheckStatus.PENDING
    )
    # For a data requirement: the value entered; for a condition: "yes".
    value = models.CharField(_("value"), max_length=300, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)

    class Meta:
        ordering = ["requirement__order"]
        constraints = [
            models.UniqueConstraint(fields=["request", "requirement"], name="check_once_per_item"),
        ]
        verbose_name = _("requirement check")
        verbose_name_plural = _("requirement checks")

    def __str__(self) -> str:
        return f"{self.request_id}: {self.requirement_id} {self.status}"


def upload_path(instance: "Upload", filename: str) -> str:
    """A generated private name: the applicant's file name never reaches the file system."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"requests/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


class Upload(BaseModel):
    """A file handed in for a requirement. Stored privately; served only through a staff view."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="uploads")
    requirement = models.ForeignKey(
        "standards.Requirement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to=upload_path, max_length=200)
    original_name = models.CharField(_("original name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=60)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("upload")
        verbose_name_plural = _("uploads")

    def __str__(self) -> str:
        return self.original_name


class RequestEvent(models.Model):
    """One entry of a request's history: who did what at which step, and the status change."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="events")
    step = models.ForeignKey(
        "standards.ProcedureStep", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("action"), max_length=32)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    from_status = models.CharField(max_length=16, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=RequestStatus.choices, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("request event")
        verbose_name_plural = _("request history")

    def __str__(self) -> str:
        return f"{self.request_id} {self.action} {self.at:%Y-%m-%d %H:%M}"
