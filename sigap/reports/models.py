"""The service pledge (Maklumat Pelayanan, UU 25/2009) of each office, and the summary table of
the report card's monthly SLA figures."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sigap.core.models import BaseModel


class ServicePledge(BaseModel):
    """One pledge per office; the signer's name and NIP are a snapshot taken when it is saved."""

    office = models.OneToOneField(
        "accounts.Office", on_delete=models.PROTECT, related_name="service_pledge"
    )
    text = models.TextField(_("pledge text"))
    effective_date = models.DateField(_("effective date"))
    signer_name = models.CharField(_("signed by"), max_length=200)
    signer_nip = models.CharField(_("NIP"), max_length=18, blank=True)

    class Meta:
        verbose_name = _("service pledge")
        verbose_name_plural = _("service pledges")

    def __str__(self) -> str:
        return f"{self.office} ({self.effective_date})"


class MonthlyFigures(BaseModel):
    """The SLA figures of one office, service, month of submission and assigned officer.

    A cache of what `sigap.applications.selectors` counts, refreshed by
    `sigap report_figures_refresh` so that the report card and the dashboards never scan a
    year of requests. `durations` counts completion times in buckets (seconds, rounded down:
    to the minute under 2 hours, 10 minutes under 2 days, the hour under 60 days, then the day);
    `reasons` counts rejection reasons.
    """

    office = models.ForeignKey("accounts.Office", on_delete=models.CASCADE, related_name="+")
    standard_code = models.SlugField(max_length=60)
    month = models.DateField()
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    durations = models.JSONField(default=dict, blank=True)
    reasons = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["office", "month"], name="figures_office_month")]
        verbose_name = _("monthly figures")
        verbose_name_plural = _("monthly figures")

    def __str__(self) -> str:
        return f"{self.office_id} {self.standard_code} {self.month:%Y-%m}"


class FiguresMark(models.Model):
    """How far an office's MonthlyFigures reach: requests submitted before the day
    `summarised_before` are counted in the table (as of `refreshed_at`); later ones live."""

    office = models.OneToOneField("accounts.Office", on_delete=models.CASCADE, related_name="+")
    summarised_before = models.DateField()
    refreshed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.office_id} < {self.summarised_before}"
