"""Warehouses, the item catalogue, lots and the stock ledger.

The ledger (StockMovement) is the truth; `Lot.quantity_on_hand` is a balance kept in the same
transaction as each movement so that reads and row locks are cheap. The two are proved equal by
`selectors.ledger_mismatches()` (and its tests); the balance can never be negative (CHECK).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sigap.core.models import BaseModel


class Warehouse(BaseModel):
    """A logistics warehouse (gudang) of an office."""

    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    region_code = models.CharField(_("region code"), max_length=13, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)

    class Meta:
        ordering = ["office", "name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "code"], name="warehouse_code_per_office")
        ]
        verbose_name = _("warehouse")
        verbose_name_plural = _("warehouses")

    def __str__(self) -> str:
        return self.name


class ItemCategory(models.TextChoices):
    FOOD = "food", _("Food")
    NON_FOOD = "non_food", _("Non-food")


class Item(BaseModel):
    """An item of the catalogue; quantities are whole numbers of its unit of measure."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=16, choices=ItemCategory.choices)
    unit = models.CharField(_("unit of measure"), max_length=30, help_text=_("e.g. kg, pack"))
    pack_size = models.PositiveIntegerField(
        _("units per pack"), default=1, help_text=_("e.g. a sack of rice holds 25 kg")
    )
    pack_name = models.CharField(_("pack name"), max_length=30, blank=True)
    min_stock = models.PositiveIntegerField(
        _("low-stock level"), default=0, help_text=_("Alert when the total falls below this.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["category", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(pack_size__gte=1), name="item_pack_size_positive")
        ]
        verbose_name = _("item")
        verbose_name_plural = _("items")

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"

    @property
    def needs_expiry(self) -> bool:
        return self.category == ItemCategory.FOOD


class StockSource(models.TextChoices):
    APBD = "apbd", _("Regional budget (APBD)")
    APBN = "apbn", _("State budget (APBN)")
    DONATION = "donation", _("Donation")
    TRANSFER = "transfer", _("Transfer from another warehouse")


class StockReceipt(BaseModel):
    """Goods received into a warehouse, with their source (budget, donation, transfer)."""

    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="receipts")
    received_on = models.DateField(_("received on"))
    source = models.CharField(_("source"), max_length=16, choices=StockSource.choices)
    source_detail = models.CharField(
        _("source detail"), max_length=200, blank=True, help_text=_("donor, budget line, letter")
    )
    reference = models.CharField(_("reference document"), max_length=120, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("stock receipt")
        verbose_name_plural = _("stock receipts")

    def __str__(self) -> str:
        return f"{self.warehouse} {self.received_on}"


class Lot(BaseModel):
    """A lot of one item in one warehouse; food lots carry their expiry date (FEFO)."""

    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="lots")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="lots")
    lot_code = models.CharField(_("lot"), max_length=60)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    receipt = models.ForeignKey(
        StockReceipt, null=True, blank=True, on_delete=models.PROTECT, related_name="lots"
    )
    quantity_on_hand = models.PositiveIntegerField(_("on hand"), default=0)

    class Meta:
        ordering = ["item", "expires_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["warehouse", "item", "lot_code"], name="lot_code_once_per_item_warehouse"
            ),
            # The last line of defence: services lock and check first, the database refuses.
            models.CheckConstraint(
                condition=Q(quantity_on_hand__gte=0), name="lot_quantity_never_negative"
            ),
        ]
        indexes = [models.Index(fields=["warehouse", "item", "expires_on"])]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")

    def __str__(self) -> str:
        return f"{self.item.name} · {self.lot_code}"


class MovementKind(models.TextChoices):
    IN = "in", _("Received")
    OUT = "out", _("Dispatched")
    TRANSFER_OUT = "transfer_out", _("Transferred out")
    TRANSFER_IN = "transfer_in", _("Transferred in")
    ADJUSTMENT = "adjustment", _("Adjustment after a count")
    RETURN = "return", _("Returned from a dispatch")


class StockMovement(models.Model):
    """One line of the stock ledger: a signed change of one lot. Append-only."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="movements")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="movements")
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="movements")
    kind = models.CharField(_("kind"), max_length=16, choices=MovementKind.choices)
    quantity = models.IntegerField(_("quantity"), help_text=_("positive in, negative out"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    receipt = models.ForeignKey(
        StockReceipt, null=True, blank=True, on_delete=models.PROTECT, related_name="movements"
    )
    dispatch = models.ForeignKey(
        "logistics.Dispatch", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Pairs the two halves of a transfer between warehouses.
    transfer_ref = models.CharField(max_length=36, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(quantity=0), name="movement_quantity_not_zero"),
            models.CheckConstraint(
                condition=(
                    Q(kind__in=["in", "transfer_in", "return"], quantity__gt=0)
                    | Q(kind__in=["out", "transfer_out"], quantity__lt=0)
                    | Q(kind="adjustment")
                ),
                name="movement_sign_matches_kind",
            ),
        ]
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock ledger")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.kind} {self.quantity} {self.lot_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The stock ledger is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The stock ledger is append-only.")
