"""The service pledge (Maklumat Pelayanan, UU 25/2009) each office publishes."""

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
