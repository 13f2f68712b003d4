"""Stock: receipts, FEFO, transfers, adjustments, never negative, ledger equals balance."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sigap.accounts.roles import Role
from sigap.logistics.models import Lot, MovementKind, StockMovement, Warehouse
from sigap.logistics.selectors import ledger_mismatches, stock_alerts, stock_available
from sigap.logistics.services.stock import (
    ReceiptLine,
    stock_adjust,
    stock_receive,
    stock_take_out,
    stock_transfer,
)


def test_receipt_creates_lots_and_ledger_lines(world):
    world.receive(world.rice, 1000, "B-01", world.today + timedelta(days=90))
    lot = Lot.objects.get(lot_code="B-01")
    assert lot.quantity_on_hand == 1000
    assert StockMovement.objects.get(lot=lot).kind == MovementKind.IN
    assert ledger_mismatches() == []


def test_food_without_expiry_date_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        world.receive(world.rice, 10, "B-X")
    assert exc.value.code == "expiry_required"
    assert not Lot.objects.exists()


def test_fefo_takes_the_first_expiring_lot_first_and_skips_expired(world):
    late = world.today + timedelta(days=200)
    soon = world.today + timedelta(days=20)
    world.receive(world.rice, 300, "LATE", late)
    world.receive(world.rice, 100, "SOON", soon)
    world.receive(world.rice, 500, "OLD", world.today - timedelta(days=1))
    with transaction.atomic():
        moved = stock_take_out(
            warehouse=world.warehouse,
            quantities={world.rice: 150},
            user=world.user(Role.WAREHOUSE_OFFICER),
        )
    assert [(pick.lot.lot_code, pick.quantity) for pick, _ in moved] == [
        ("SOON", 100),
        ("LATE", 50),
    ]
    assert Lot.objects.get(lot_code="OLD").quantity_on_hand == 500
    assert stock_available(office=world.banten, items=[world.rice])[world.rice.pk] == 250


def test_taking_more_than_available_changes_nothing(world):
    world.receive(world.rice, 100, "A", world.today + timedelta(days=30))
    world.receive(world.blanket, 10, "S-1")
    with pytest.raises(ValidationError) as exc, transaction.atomic():
        stock_take_out(
            warehouse=world.warehouse,
            quantities={world.rice: 50, world.blanket: 11},
            user=world.user(Role.WAREHOUSE_OFFICER),
        )
    assert exc.value.code == "insufficient_stock"
    assert Lot.objects.get(lot_code="A").quantity_on_hand == 100
    assert StockMovement.objects.filter(quantity__lt=0).count() == 0


def test_database_refuses_a_negative_balance(world):
    world.receive(world.blanket, 5, "S-1")
    lot = Lot.objects.get(lot_code="S-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Lot.objects.filter(pk=lot.pk).update(quantity_on_hand=-1)


def test_adjustment_after_a_count_records_the_difference_with_reason(world):
    world.receive(world.blanket, 40, "S-1")
    lot = Lot.objects.get(lot_code="S-1")
    movement = stock_adjust(
        lot=lot,
        counted_quantity=37,
        reason="Stock opname 2026-11",
        user=world.user(Role.WAREHOUSE_OFFICER),
    )
    assert movement.quantity == -3
    lot.refresh_from_db()
    assert lot.quantity_on_hand == 37
    with pytest.raises(ValidationError):
        stock_adjust(lot=lot, counted_quantity=30, reason=" ", user=None)
    assert ledger_mismatches() == []


def test_transfer_keeps_lot_and_expiry_and_pairs_movements(world):
    expiry = world.today + timedelta(days=60)
    world.receive(world.rice, 200, "B-01", expiry)
    lebak_store = Warehouse.objects.create(
        office=world.banten, code="gudang-lebak", name="Gudang Lebak"
    )
    ref = stock_transfer(
        source=world.warehouse,
        destination=lebak_store,
        item=world.rice,
        quantity=80,
        user=world.user(Role.WAREHOUSE_OFFICER),
    )
    moved = Lot.objects.get(warehouse=lebak_store)
    assert (moved.lot_code, moved.expires_on, moved.quantity_on_hand) == ("B-01", expiry, 80)
    assert sorted(
        StockMovement.objects.filter(transfer_ref=ref).values_list("quantity", flat=True)
    ) == [-80, 80]
    assert ledger_mismatches() == []


def test_ledger_sum_equals_balance_after_many_movements(world):
    for n in range(5):
        world.receive(world.rice, 100 + n, f"L{n}", world.today + timedelta(days=10 + n))
    with transaction.atomic():
        stock_take_out(warehouse=world.warehouse, quantities={world.rice: 333}, user=None)
    stock_adjust(lot=Lot.objects.get(lot_code="L4"), counted_quantity=1, reason="count", user=None)
    assert ledger_mismatches() == []
    # A balance changed behind the ledger's back is detected.
    Lot.objects.filter(lot_code="L3").update(quantity_on_hand=7)
    assert [row[0] for row in ledger_mismatches()] == [Lot.objects.get(lot_code="L3").pk]


def test_ledger_rows_cannot_be_changed(world):
    world.receive(world.blanket, 5, "S-1")
    movement = StockMovement.objects.get()
    with pytest.raises(PermissionError):
        movement.save()
    with pytest.raises(PermissionError):
        movement.delete()


def test_alerts_report_low_stock_and_lots_near_expiry(world):
    world.receive(world.rice, 100, "SOON", world.today + timedelta(days=5))
    alerts = stock_alerts(warehouses=Warehouse.objects.all())
    kinds = {(alert.kind, alert.item.code) for alert in alerts}
    assert ("low_stock", "beras") in kinds
    assert ("near_expiry", "beras") in kinds


def test_same_lot_code_with_other_expiry_is_refused(world):
    world.receive(world.rice, 10, "B-01", world.today + timedelta(days=10))
    with pytest.raises(ValidationError) as exc:
        stock_receive(
            warehouse=world.warehouse,
            received_on=world.today,
            source="donation",
            lines=[ReceiptLine(world.rice, 5, "B-01", world.today + timedelta(days=11))],
            user=None,
        )
    assert exc.value.code == "lot_expiry_differs"


def test_stock_alerts_command_notifies_the_warehouse_officer_once_a_day(world):
    from django.core.management import call_command

    from sigap.notifications.models import Notification

    officer = world.user(Role.WAREHOUSE_OFFICER)
    officer.email = "gudang@example.org"
    officer.save()
    world.receive(world.rice, 100, "SOON", world.today + timedelta(days=5))
    out = io.StringIO()
    call_command("stock_alerts", stdout=out)
    call_command("stock_alerts", stdout=out)
    assert "banten: 2 alert(s)" in out.getvalue()
    sent = Notification.objects.filter(recipient="gudang@example.org")
    assert sent.count() == 1
    assert "SOON" in sent.get().body


def test_ledger_check_command_fails_on_a_balance_changed_behind_the_ledger(world):
    from django.core.management import CommandError, call_command

    world.receive(world.blanket, 5, "S-1")
    out = io.StringIO()
    call_command("stock_ledger_check", stdout=out)
    assert "equal" in out.getvalue()
    Lot.objects.filter(lot_code="S-1").update(quantity_on_hand=4)
    with pytest.raises(CommandError):
        call_command("stock_ledger_check", stdout=out, stderr=io.StringIO())
