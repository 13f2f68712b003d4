"""A logistics request and its procedure (seed 000 steps a-f), dispatch and handover (BAST).

`LogisticsRequest.office` is the province office that handles it (it owns the warehouse);
`regency_office` is the regency/city Dinsos that acknowledges it and sees it too. When the
request engine (`sigap.applications`) drives the procedure, `application_id` links the two.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sigap.core.models import BaseModel


class RequesterKind(models.TextChoices):
    COMMUNITY = "community", _("Community")
    POSKO = "posko", _("Post (posko)")
    VILLAGE = "village", _("Village (desa/kelurahan)")
    DISTRICT = "district", _("District (kecamatan)")


class RequestStatus(models.TextChoices):
    FILED = "filed", _("Filed, awaiting receipt")
    RECEIVED = "received", _("Received by the head of office")
    DISPOSED = "disposed", _("Disposition to the counsellor")
    REVIEWED = "reviewed", _("Reviewed (telaahan)")
    APPROVED = "approved", _("Approved, awaiting dispatch")
    REJECTED = "rejected", _("Rejected")
    IN_TRANSIT = "in_transit", _("Dispatched, in transit")
    HANDED_OVER = "handed_over", _("Handed over (BAST signed)")
    CANCELLED = "cancelled", _("Cancelled")


class Step(models.TextChoices):
    """The seed's procedure, with the codes the catalogue standard uses."""

    RECEIVE = "receive", _("a. Receipt by the head of office")
    DISPOSITION = "disposition", _("b. Disposition by the head of division")
    REVIEW = "review", _("c. Review (telaahan) by the counsellor")
    DECISION = "decision", _("d. Decision by the head of division")
    DISPATCH = "dispatch", _("e. Dispatch")
    HANDOVER = "handover", _("f. Handover (BAST)")


class LogisticsRequest(BaseModel):
    """A request for emergency logistics from the community, a posko, a village or a district."""

    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    regency_office = models.ForeignKey(
        "accounts.Office",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("regency/city office"),
    )
    code = models.CharField(_("number"), max_length=30, unique=True, null=True, blank=True)
    application_id = models.PositiveBigIntegerField(null=True, blank=True, unique=True)
    event = models.ForeignKey(
        "logistics.DisasterEvent", on_delete=models.PROTECT, related_name="requests"
    )
    posko = models.ForeignKey(
        "logistics.Posko", null=True, blank=True, on_delete=models.PROTECT, related_name="requests"
    )
    region_code = models.CharField(_("region code"), max_length=13)
    requester_kind = models.CharField(
        _("requested by"), max_length=16, choices=RequesterKind.choices
    )
    requester_name = models.CharField(_("requester name"), max_length=200)
    requester_contact = models.CharField(_("requester contact"), max_length=60, blank=True)
    people_affected = models.PositiveIntegerField(_("people affected"))
    families_affected = models.PositiveIntegerField(_("families affected"), null=True, blank=True)
    letter_number = models.CharField(_("request letter number"), max_length=120)
    letter_date = models.DateField(_("request letter date"))
    letter_file = models.FileField(
        _("request letter"), upload_to="logistics/letters/%Y/", blank=True
    )
    assessment_by = models.CharField(_("assessed by"), max_length=200)
    assessment_summary = models.TextField(_("assessment summary"))
    assessment_file = models.FileField(
        _("assessment"), upload_to="logistics/assessments/%Y/", blank=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.FILED
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("logistics request")
        verbose_name_plural = _("logistics requests")

    def __str__(self) -> str:
        return self.code or f"#{self.pk}"


class RequestLine(models.Model):
    """An item asked for, with the counsellor's recommendation (telaahan)."""

    request = models.ForeignKey(LogisticsRequest, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey("logistics.Item", on_delete=models.PROTECT, related_name="+")
    requested_quantity = models.PositiveIntegerField(_("requested"))
    recommended_quantity = models.PositiveIntegerField(_("recommended"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "item"], name="request_item_once"),
            models.CheckConstraint(
                condition=Q(requested_quantity__gt=0), name="request_line_quantity_positive"
            ),
        ]
        verbose_name = _("requested item")
        verbose_name_plural = _("requested items")

    def __str__(self) -> str:
        return f"{self.item} × {self.requested_quantity}"


ACTION_LABELS = {
    "file": _("Filed"),
    "receive": _("Received"),
    "dispose": _("Disposition given"),
    "review": _("Reviewed"),
    "approve": _("Approved"),
    "reject": _("Rejected"),
    "return": _("Returned for another review"),
    "dispatch": _("Dispatched"),
    "hand_over": _("Handed over"),
    "cancel": _("Cancelled"),
}


class StepRecord(models.Model):
    """What was done at a step, by whom and when: the request's history (append-only)."""

    request = models.ForeignKey(LogisticsRequest, on_delete=models.CASCADE, related_name="history")
    step = models.CharField(_("step"), max_length=16, choices=Step.choices)
    action = models.CharField(_("action"), max_length=20)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("step record")
        verbose_name_plural = _("step records")

    def __str__(self) -> str:
        return f"{self.step} {self.action}"

    @property
    def step_label(self) -> str:
        return str(Step(self.step).label) if self.step in Step.values else ""

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))


class DispatchStatus(models.TextChoices):
    IN_TRANSIT = "in_transit", _("In transit")
    RECEIVED = "received", _("Received")


class Dispatch(BaseModel):
    """Goods leaving the warehouse for a request: vehicle, driver; in transit until handed over."""

    request = models.OneToOneField(
        LogisticsRequest, on_delete=models.PROTECT, related_name="dispatch"
    )
    warehouse = models.ForeignKey(
        "logistics.Warehouse", on_delete=models.PROTECT, related_name="dispatches"
    )
    vehicle = models.CharField(_("vehicle (plate number)"), max_length=60)
    driver_name = models.CharField(_("driver"), max_length=200)
    driver_phone = models.CharField(_("driver phone"), max_length=30, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DispatchStatus.choices,
        default=DispatchStatus.IN_TRANSIT,
    )
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")

    def __str__(self) -> str:
        return f"{self.request} · {self.vehicle}"


class DispatchLine(models.Model):
    """A quantity taken from one lot (FEFO) for a dispatch."""

    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey("logistics.Item", on_delete=models.PROTECT, related_name="+")
    lot = models.ForeignKey("logistics.Lot", on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("quantity"))
    received_quantity = models.PositiveIntegerField(_("received"), null=True, blank=True)
    damaged_quantity = models.PositiveIntegerField(_("damaged"), default=0)
    returned_quantity = models.PositiveIntegerField(_("returned to stock"), default=0)

    class Meta:
        ordering = ["item", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="dispatch_line_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(received_quantity__isnull=True)
                | Q(
                    quantity__gte=F("received_quantity")
                    + F("damaged_quantity")
                    + F("returned_quantity")
                ),
                name="dispatch_line_accounted_within_sent",
            ),
        ]
        verbose_name = _("dispatched lot")
        verbose_name_plural = _("dispatched lots")

    def __str__(self) -> str:
        return f"{self.lot} × {self.quantity}"

    @property
    def lost_quantity(self) -> int:
        """Sent but neither received, damaged nor brought back: lost in transit."""
        if self.received_quantity is None:
            return 0
        return (
            self.quantity - self.received_quantity - self.damaged_quantity - self.returned_quantity
        )


class Handover(BaseModel):
    """The handover to the recipient, recorded in a Berita Acara Serah Terima Barang (BAST)."""

    dispatch = models.OneToOneField(Dispatch, on_delete=models.PROTECT, related_name="handover")
    handed_over_at = models.DateTimeField(_("handed over at"))
    place = models.CharField(_("place"), max_length=200)
    recipient_name = models.CharField(_("recipient name"), max_length=200)
    recipient_position = models.CharField(_("recipient position"), max_length=200)
    recipient_phone = models.CharField(_("recipient phone"), max_length=30, blank=True)
    signature = models.FileField(
        _("recipient signature"), upload_to="logistics/signatures/%Y/", blank=True
    )
    signed_copy = models.FileField(
        _("scanned signed BAST"), upload_to="logistics/bast/%Y/", blank=True
    )
    note = models.TextField(_("note"), blank=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The issued document (sigap.documents) when available; else the PDF is kept here.
    document_id = models.PositiveBigIntegerField(null=True, blank=True)
    document_number = models.CharField(_("BAST number"), max_length=120, blank=True)
    pdf = models.FileField(upload_to="logistics/bast-pdf/%Y/", blank=True)

    class Meta:
        ordering = ["-handed_over_at"]
        verbose_name = _("handover (BAST)")
        verbose_name_plural = _("handovers (BAST)")

    def __str__(self) -> str:
        return self.document_number or f"BAST {self.dispatch.request}"
