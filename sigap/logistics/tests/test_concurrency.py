"""Two officers dispatching the same item at the same moment never overdraw (PostgreSQL)."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from sigap.accounts.roles import Role
from sigap.logistics.models import Lot, RequestStatus
from sigap.logistics.selectors import ledger_mismatches
from sigap.logistics.services.requests import (
    IntakeLine,
    request_decide,
    request_dispatch,
    request_dispose,
    request_receive,
    request_review,
)
from sigap.logistics.services.stock import stock_take_out

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def _run_together(workers) -> list:
    """Starts every worker at the same instant; returns each one's result or exception."""
    barrier = threading.Barrier(len(workers))
    results: list = [None] * len(workers)

    def run(index, work):
        try:
            barrier.wait()
            results[index] = work()
        except Exception as exc:
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, w)) for i, w in enumerate(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def _approved(world, quantity):
    request = world.request(lines=[IntakeLine(world.rice, quantity)])
    request_receive(request=request, user=world.user(Role.HEAD_OF_OFFICE))
    request_dispose(request=request, user=world.user(Role.HEAD_OF_DIVISION), note="Teliti")
    line = request.lines.get()
    request_review(
        request=request,
        user=world.user(Role.SOCIAL_COUNSELLOR),
        note="Layak",
        recommended={line.pk: quantity},
    )
    request_decide(
        request=request, user=world.user(Role.HEAD_OF_DIVISION), approve=True, reason="Setuju"
    )
    return request


def test_two_dispatches_of_the_last_stock_at_once_only_one_wins(world):
    world.receive(world.rice, 60, "A", world.today + timedelta(days=10))
    world.receive(world.rice, 40, "B", world.today + timedelta(days=20))
    first, second = _approved(world, 70), _approved(world, 70)
    officers = [world.user(Role.SOCIAL_COUNSELLOR), world.user(Role.WAREHOUSE_OFFICER)]

    def dispatch(request, officer):
        return lambda: request_dispatch(
            request=request,
            user=officer,
            warehouse=world.warehouse,
            vehicle="A 1",
            driver_name="Asep",
        )

    results = _run_together([dispatch(first, officers[0]), dispatch(second, officers[1])])
    failures = [r for r in results if isinstance(r, Exception)]
    assert len(failures) == 1, results
    assert isinstance(failures[0], ValidationError)
    assert failures[0].code == "insufficient_stock"
    assert sum(lot.quantity_on_hand for lot in Lot.objects.all()) == 30
    statuses = sorted(
        type(first).objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)
    )
    assert statuses == sorted([RequestStatus.APPROVED, RequestStatus.IN_TRANSIT])
    assert ledger_mismatches() == []


def test_many_officers_taking_at_once_never_drive_a_lot_below_zero(world):
    for n in range(3):
        world.receive(world.rice, 40, f"L{n}", world.today + timedelta(days=10 + n))
    world.receive(world.blanket, 50, "S-1")

    def take():
        with transaction.atomic():
            return stock_take_out(
                warehouse=world.warehouse, quantities={world.rice: 25, world.blanket: 5}, user=None
            )

    results = _run_together([take for _ in range(8)])
    succeeded = [r for r in results if not isinstance(r, Exception)]
    assert len(succeeded) == 4  # 120 kg of rice / 25 kg = 4 whole takes
    assert all(isinstance(r, ValidationError) for r in results if r not in succeeded)
    assert Lot.objects.filter(quantity_on_hand__lt=0).count() == 0
    assert sum(lot.quantity_on_hand for lot in Lot.objects.filter(item=world.rice)) == 20
    assert ledger_mismatches() == []
