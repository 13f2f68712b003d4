"""Complaints (pengaduan) on every channel the seeds name, their history and deadlines.

A complaint belongs to the office that handles it now (`office`); every office that handled it
(referral province <-> regency/city, seed 000) stays in `involved_offices` and keeps reading it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sigap.core.models import BaseModel


class Channel(models.TextChoices):
    """The channels the seeds name; the same values as standards.ChannelKind."""

    IN_PERSON = "in_person", _("In person to the complaints officer")
    COMPLAINT_BOX = "complaint_box", _("Complaint box")
    SMS_WHATSAPP = "sms_whatsapp", _("SMS / WhatsApp")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    LAPOR = "lapor", _("SP4N-LAPOR!")
    WEBSITE = "website", _("Website")
    INSTAGRAM = "instagram", _("Instagram")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Not a complaint")
    DISPOSED = "disposed", _("Disposed to the unit responsible")
    FOLLOW_UP = "follow_up", _("Being followed up")
    COMPLETED = "completed", _("Completed")


# Statuses in which the handling office still has work to do.
OPEN_STATUSES = (Status.RECEIVED, Status.VERIFIED, Status.DISPOSED, Status.FOLLOW_UP)


class Complaint(BaseModel):
    """One complaint, suggestion or input. Identity fields stay empty for anonymous complaints."""

    code = models.CharField(_("tracking code"), max_length=16, unique=True)
    # SHA-256 of the complainant's secret (rating and reopening from the tracking page).
    secret_digest = models.CharField(max_length=64)
    office = models.ForeignKey(
        "accounts.Office", on_delete=models.PROTECT, related_name="complaints"
    )
    origin_office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    involved_offices = models.ManyToManyField("accounts.Office", related_name="+")
    unit = models.ForeignKey(
        "accounts.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    standard = models.ForeignKey(
        "standards.ServiceStandard",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("service"),
    )
    # The request (permohonan) it is about: the code as given, and the request when it exists.
    request_code = models.CharField(_("request tracking code"), max_length=20, blank=True)
    request = models.ForeignKey(
        "applications.Request",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
        verbose_name=_("request"),
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    lapor_number = models.CharField(_("SP4N-LAPOR! tracking number"), max_length=40, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("complaint"), max_length=5000)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    confidential = models.BooleanField(_("confidential"), default=False)
    complainant_name = models.CharField(_("name"), max_length=120, blank=True)
    complainant_phone = models.CharField(_("phone / WhatsApp"), max_length=30, blank=True)
    complainant_email = models.EmailField(_("e-mail"), blank=True)
    complainant_address = models.CharField(_("address"), max_length=300, blank=True)

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    rejection_reason = models.TextField(_("reason"), blank=True)
    received_on = models.DateField(_("received on"))
    verify_due = models.DateField(_("verify by"))
    answer_due = models.DateField(_("answer by"))
    complete_due = models.DateField(_("complete by"))
    verified_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating of the answer"), null=True, blank=True)
    rating_comment = models.TextField(_("comment on the answer"), blank=True, max_length=1000)
    reopened_count = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymous=False)
                | Q(
                    complainant_name="",
                    complainant_phone="",
                    complainant_email="",
                    complainant_address="",
                ),
                name="complaint_anonymous_has_no_identity",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="complaint_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="complaint_rejection_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["office", "status"])]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return self.code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected as not a complaint")
    DISPOSED = "disposed", _("Disposed")
    REFERRED = "referred", _("Referred to another office")
    RESPONSE = "response", _("Response")
    ACTION = "action", _("Action taken")
    MEETING = "meeting", _("Complaint discussion meeting")
    NOTE = "note", _("Internal note")
    COMPLETED = "completed", _("Completed")
    RATED = "rated", _("Rated by the complainant")
    REOPENED = "reopened", _("Reopened")


class ComplaintEvent(models.Model):
    """One step in a complaint's history; `public` ones show on the tracking page."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    to_office = models.ForeignKey(
        "accounts.Office", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey(
        "accounts.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(blank=True, max_length=10000)
    public = models.BooleanField(default=False)
    # Meeting (rapat pembahasan pengaduan, seed 003): date and who attended; minutes in `text`.
    meeting_on = models.DateField(null=True, blank=True)
    attendees = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind}"


class ComplaintSettings(BaseModel):
    """An office's deadlines per stage (defaults: the national complaint-handling rules)."""

    office = models.OneToOneField(
        "accounts.Office", on_delete=models.CASCADE, related_name="complaint_settings"
    )
    verify_working_days = models.PositiveSmallIntegerField(
        _("verify within (working days)"), default=3
    )
    # UU 25/2009 art. 50: a written complaint is answered within 14 days (calendar days).
    answer_days = models.PositiveSmallIntegerField(_("answer within (days)"), default=14)
    answer_in_working_days = models.BooleanField(
        _("count answer days as working days"), default=False
    )
    complete_working_days = models.PositiveSmallIntegerField(
        _("complete within (working days)"), default=60
    )

    class Meta:
        verbose_name = _("complaint settings")
        verbose_name_plural = _("complaint settings")

    def __str__(self) -> str:
        return str(self.office)


class OfficeDayOff(models.Model):
    """A day the office is closed besides national holidays: collective leave (cuti bersama)."""

    office = models.ForeignKey("accounts.Office", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["office", "day"], name="office_day_off_once")
        ]
        verbose_name = _("office day off")
        verbose_name_plural = _("office days off")

    def __str__(self) -> str:
        return f"{self.day} {self.name}"
