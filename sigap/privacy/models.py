"""The register of data subjects' requests for their data (UU 27/2022): who asked, on what basis,
who answered and what was exported. The NIK is kept in full only until the export is downloaded."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.core.models import BaseModel

# An export not downloaded within this time is no longer available (record a new request).
EXPORT_VALID_FOR = timedelta(hours=24)


class RequesterRelation(models.TextChoices):
    SELF = "self", _("The data subject in person")
    PARENT_GUARDIAN = "parent_guardian", _("Parent or guardian (for a child)")
    REPRESENTATIVE = "representative", _("Representative with a power of attorney")


class SubjectRequestStatus(models.TextChoices):
    READY = "ready", _("Ready to download")
    DOWNLOADED = "downloaded", _("Downloaded")
    EXPIRED = "expired", _("Expired without download")


class SubjectRequest(BaseModel):
    """One request by a data subject (or their parent, guardian or representative) for a copy of
    the personal data the office holds about them.

    `nik` and `codes` identify the subject until the export is downloaded or expires, then they
    are blanked: the register keeps only their masked forms, so it can be read by the auditor
    without becoming a list of NIKs.
    """

    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    codes = models.JSONField(_("tracking codes"), default=list, blank=True)
    nik_masked = models.CharField(_("NIK"), max_length=16, blank=True)
    codes_masked = models.CharField(_("tracking codes"), max_length=200, blank=True)
    letter_number = models.CharField(_("request letter number"), max_length=100)
    letter_date = models.DateField(_("request letter date"))
    requester_name = models.CharField(_("requested by"), max_length=200)
    requester_relation = models.CharField(
        _("relation to the data subject"), max_length=20, choices=RequesterRelation.choices
    )
    identity_verified = models.BooleanField(_("identity verified"), default=False)
    identity_document = models.CharField(_("identity document seen"), max_length=120, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubjectRequestStatus.choices,
        default=SubjectRequestStatus.READY,
    )
    expires_at = models.DateTimeField(_("available until"))
    downloaded_at = models.DateTimeField(_("downloaded at"), null=True, blank=True)
    # {section key: number of records}: what was exported, without the data itself.
    summary = models.JSONField(_("exported records"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(identity_verified=True), name="privacy_request_identity_verified"
            ),
            models.CheckConstraint(
                condition=Q(status="ready") | Q(nik=""),
                name="privacy_request_identity_cleared_after_use",
            ),
        ]
        verbose_name = _("data subject request")
        verbose_name_plural = _("data subject requests")

    def __str__(self) -> str:
        return f"SAR-{self.pk}"

    @property
    def is_available(self) -> bool:
        return self.status == SubjectRequestStatus.READY and timezone.now() < self.expires_at
