"""Cash help for stranded travellers (*kehabisan bekal*, seed 002), one record per request.

Help is given once per incident (the police letter names the incident) so the person can travel
home *secara estafet*: each office on the way helps as far as the next office on the route.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sigap.core.models import BaseModel


class CashAid(BaseModel):
    """The help given for one request: the incident, the route onward, the cash and receipt.

    `incident_key` is the police letter number normalised (upper case, no spaces): together with
    the office and the person's NIK it may occur only once among active records, so the same
    person is never helped twice by one office for one incident. A rejected or cancelled request
    releases its record (`active` False) so a corrected request can be filed.
    """

    request = models.OneToOneField(
        "applications.Request", on_delete=models.CASCADE, related_name="cashaid"
    )
    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    nik = models.CharField(_("NIK"), max_length=16, db_index=True)
    police_letter_number = models.CharField(_("police letter number"), max_length=100)
    police_letter_date = models.DateField(_("police letter date"))
    incident_key = models.CharField(max_length=100, editable=False)
    incident_date = models.DateField(_("date of the incident"))
    incident_place = models.CharField(_("place of the incident"), max_length=200)
    incident_text = models.TextField(_("what happened"))
    destination = models.CharField(_("home (destination)"), max_length=300)
    next_office = models.ForeignKey(
        "accounts.Office",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("next office on the route"),
    )
    next_office_text = models.CharField(_("next office on the route"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount (Rp)"), max_digits=12, decimal_places=0)
    amount_paid = models.DecimalField(
        _("amount paid (Rp)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True, db_index=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    receipt = models.ForeignKey(
        "documents.IssuedDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("kwitansi"),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "nik", "incident_key"],
                condition=Q(active=True),
                name="cashaid_once_per_incident",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="cashaid_amount_positive"),
            models.CheckConstraint(
                condition=Q(next_office__isnull=False) | ~Q(next_office_text=""),
                name="cashaid_has_next_office",
            ),
        ]
        verbose_name = _("cash help (kehabisan bekal)")
        verbose_name_plural = _("cash help (kehabisan bekal)")

    def __str__(self) -> str:
        return f"{self.request_id} Rp {self.amount}"

    @property
    def next_office_label(self) -> str:
        return self.next_office.name if self.next_office_id else self.next_office_text


def incident_key(police_letter_number: str) -> str:
    return "".join((police_letter_number or "").upper().split())
