"""Every change of stock: receipts, dispatches (FEFO), transfers, adjustments and returns.

Each change writes one ledger row (StockMovement) and updates the lot's balance in the same
transaction. Lots are locked with SELECT ... FOR UPDATE in primary-key order (one query for all
lots a change touches), so two officers dispatching the same item at once are serialised and
never deadlock; the CHECK constraint on the balance refuses anything that slips through.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.logistics.models import (
    Item,
    Lot,
    MovementKind,
    StockMovement,
    StockReceipt,
    StockSource,
    Warehouse,
)

MSG_NO_LINES = _("Add at least one item.")
MSG_QUANTITY_POSITIVE = _("Quantities must be whole numbers above zero.")
MSG_FOOD_NEEDS_EXPIRY = _("Food needs an expiry date for each lot: %(item)s.")
MSG_LOT_EXPIRY_DIFFERS = _(
    "Lot %(lot)s of %(item)s is already in this warehouse with another expiry date."
)
MSG_INSUFFICIENT_STOCK = _(
    "Not enough %(item)s in %(warehouse)s: %(wanted)s asked, %(available)s available."
)
MSG_REASON_REQUIRED = _("Give the reason for the adjustment (e.g. the count's minutes).")
MSG_COUNT_UNCHANGED = _("The counted quantity equals the stock on hand: nothing to adjust.")
MSG_SAME_WAREHOUSE = _("Choose two different warehouses.")
MSG_LOT_CODE_REQUIRED = _("Give the lot code (batch, or receipt date) for each line.")


@dataclass(frozen=True)
class ReceiptLine:
    item: Item
    quantity: int
    lot_code: str
    expires_on: date | None = None


@dataclass(frozen=True)
class Pick:
    lot: Lot
    quantity: int


def fefo_key(lot: Lot) -> tuple:
    """First-expiring first out; lots without an expiry last; then oldest first."""
    return (lot.expires_on is None, lot.expires_on or date.max, lot.created_at, lot.pk)


def _move(*, lot: Lot, kind: str, quantity: int, user, reason: str = "", **refs) -> StockMovement:
    """Writes one ledger row and applies it to the lot's balance (caller holds the lock)."""
    Lot.objects.filter(pk=lot.pk).update(quantity_on_hand=F("quantity_on_hand") + quantity)
    lot.quantity_on_hand += quantity
    return StockMovement.objects.create(
        warehouse_id=lot.warehouse_id,
        item_id=lot.item_id,
        lot=lot,
        kind=kind,
        quantity=quantity,
        reason=reason[:300],
        created_by=user if getattr(user, "pk", None) else None,
        **refs,
    )


def _locked_lots(*, warehouse_ids: list[int], item_ids: list[int]) -> list[Lot]:
    """All lots of these items in these warehouses, locked in one consistent (pk) order."""
    return list(
        Lot.objects.select_for_update()
        .filter(warehouse_id__in=warehouse_ids, item_id__in=item_ids)
        .select_related("item", "warehouse")
        .order_by("pk")
    )


def fefo_pick(
    *, lots: list[Lot], item: Item, warehouse: Warehouse, quantity: int, today: date
) -> list[Pick]:
    """Chooses lots first-expiring-first-out; expired lots are never dispatched."""
    usable = sorted(
        (
            lot
            for lot in lots
            if lot.item_id == item.pk
            and lot.quantity_on_hand > 0
            and (lot.expires_on is None or lot.expires_on >= today)
        ),
        key=fefo_key,
    )
    available = sum(lot.quantity_on_hand for lot in usable)
    if available < quantity:
        raise ValidationError(
            MSG_INSUFFICIENT_STOCK,
            code="insufficient_stock",
            params={
                "item": item.name,
                "warehouse": warehouse.name,
                "wanted": quantity,
                "available": available,
            },
        )
    picks: list[Pick] = []
    remaining = quantity
    for lot in usable:
        if remaining == 0:
            break
        take = min(lot.quantity_on_hand, remaining)
        picks.append(Pick(lot=lot, quantity=take))
        remaining -= take
    return picks


@transaction.atomic
def stock_receive(
    *,
    warehouse: Warehouse,
    received_on: date,
    source: str,
    lines: list[ReceiptLine],
    user,
    source_detail: str = "",
    reference: str = "",
) -> StockReceipt:
    """Receives goods into a warehouse: one lot per line (added to a same-code lot if any)."""
    if not lines:
        raise ValidationError(MSG_NO_LINES, code="no_lines")
    receipt = StockReceipt(
        warehouse=warehouse,
        received_on=received_on,
        source=source,
        source_detail=source_detail,
        reference=reference,
        received_by=user if getattr(user, "pk", None) else None,
    )
    receipt.full_clean()
    receipt.save()
    for line in lines:
        _check_receipt_line(line)
        lot, created = Lot.objects.select_for_update().get_or_create(
            warehouse=warehouse,
            item=line.item,
            lot_code=line.lot_code.strip(),
            defaults={"expires_on": line.expires_on, "receipt": receipt},
        )
        if not created and lot.expires_on != line.expires_on:
            raise ValidationError(
                MSG_LOT_EXPIRY_DIFFERS,
                code="lot_expiry_differs",
                params={"lot": lot.lot_code, "item": line.item.name},
            )
        _move(lot=lot, kind=MovementKind.IN, quantity=line.quantity, user=user, receipt=receipt)
    return receipt


def _check_receipt_line(line: ReceiptLine) -> None:
    if not isinstance(line.quantity, int) or line.quantity <= 0:
        raise ValidationError(MSG_QUANTITY_POSITIVE, code="quantity")
    if not line.lot_code.strip():
        raise ValidationError(MSG_LOT_CODE_REQUIRED, code="lot_code")
    if line.item.needs_expiry and line.expires_on is None:
        raise ValidationError(
            MSG_FOOD_NEEDS_EXPIRY, code="expiry_required", params={"item": line.item.name}
        )


def stock_take_out(
    *, warehouse: Warehouse, quantities: dict[Item, int], user, today: date | None = None, **refs
) -> list[tuple[Pick, StockMovement]]:
    """Takes goods out FEFO for a dispatch; must run inside the caller's transaction."""
    today = today or timezone.localdate()
    for quantity in quantities.values():
        if not isinstance(quantity, int) or quantity <= 0:
            raise ValidationError(MSG_QUANTITY_POSITIVE, code="quantity")
    lots = _locked_lots(warehouse_ids=[warehouse.pk], item_ids=[i.pk for i in quantities])
    # Pick for every item first, so that a shortage of one item leaves all lots untouched.
    picks = [
        pick
        for item, quantity in sorted(quantities.items(), key=lambda kv: kv[0].pk)
        for pick in fefo_pick(
            lots=lots, item=item, warehouse=warehouse, quantity=quantity, today=today
        )
    ]
    return [
        (
            pick,
            _move(lot=pick.lot, kind=MovementKind.OUT, quantity=-pick.quantity, user=user, **refs),
        )
        for pick in picks
    ]


@transaction.atomic
def stock_return(*, lot: Lot, quantity: int, user, reason: str, **refs) -> StockMovement:
    """Puts goods brought back from a dispatch into their lot again."""
    if quantity <= 0:
        raise ValidationError(MSG_QUANTITY_POSITIVE, code="quantity")
    locked = Lot.objects.select_for_update().get(pk=lot.pk)
    return _move(
        lot=locked, kind=MovementKind.RETURN, quantity=quantity, user=user, reason=reason, **refs
    )


@transaction.atomic
def stock_adjust(*, lot: Lot, counted_quantity: int, reason: str, user) -> StockMovement:
    """Sets a lot to the quantity found by a physical count, recording the difference."""
    if not reason.strip():
        raise ValidationError(MSG_REASON_REQUIRED, code="reason_required")
    if not isinstance(counted_quantity, int) or counted_quantity < 0:
        raise ValidationError(MSG_QUANTITY_POSITIVE, code="quantity")
    locked = Lot.objects.select_for_update().get(pk=lot.pk)
    delta = counted_quantity - locked.quantity_on_hand
    if delta == 0:
        raise ValidationError(MSG_COUNT_UNCHANGED, code="unchanged")
    return _move(lot=locked, kind=MovementKind.ADJUSTMENT, quantity=delta, user=user, reason=reason)


@transaction.atomic
def stock_transfer(
    *,
    source: Warehouse,
    destination: Warehouse,
    item: Item,
    quantity: int,
    user,
    reason: str = "",
    today: date | None = None,
) -> str:
    """Moves stock between warehouses lot by lot (FEFO), keeping lot codes and expiry dates.

    Returns the reference pairing the out and in movements.
    """
    if source.pk == destination.pk:
        raise ValidationError(MSG_SAME_WAREHOUSE, code="same_warehouse")
    if not isinstance(quantity, int) or quantity <= 0:
        raise ValidationError(MSG_QUANTITY_POSITIVE, code="quantity")
    today = today or timezone.localdate()
    # Both warehouses' lots in one locking query: opposite transfers cannot deadlock.
    lots = _locked_lots(warehouse_ids=[source.pk, destination.pk], item_ids=[item.pk])
    source_lots = [lot for lot in lots if lot.warehouse_id == source.pk]
    picks = fefo_pick(lots=source_lots, item=item, warehouse=source, quantity=quantity, today=today)
    ref = str(uuid.uuid4())
    existing = {lot.lot_code: lot for lot in lots if lot.warehouse_id == destination.pk}
    for pick in picks:
        _move(
            lot=pick.lot,
            kind=MovementKind.TRANSFER_OUT,
            quantity=-pick.quantity,
            user=user,
            reason=reason,
            transfer_ref=ref,
        )
        target = existing.get(pick.lot.lot_code)
        if target is None:
            target = Lot.objects.create(
                warehouse=destination,
                item=item,
                lot_code=pick.lot.lot_code,
                expires_on=pick.lot.expires_on,
            )
            existing[target.lot_code] = target
        elif target.expires_on != pick.lot.expires_on:
            raise ValidationError(
                MSG_LOT_EXPIRY_DIFFERS,
                code="lot_expiry_differs",
                params={"lot": target.lot_code, "item": item.name},
            )
        _move(
            lot=target,
            kind=MovementKind.TRANSFER_IN,
            quantity=pick.quantity,
            user=user,
            reason=reason,
            transfer_ref=ref,
        )
    return ref


def group_picks(picks: list[Pick]) -> dict[int, list[Pick]]:
    grouped: dict[int, list[Pick]] = defaultdict(list)
    for pick in picks:
        grouped[pick.lot.item_id].append(pick)
    return grouped


__all__ = [
    "MSG_INSUFFICIENT_STOCK",
    "Pick",
    "ReceiptLine",
    "StockSource",
    "fefo_pick",
    "stock_adjust",
    "stock_receive",
    "stock_return",
    "stock_take_out",
    "stock_transfer",
]
