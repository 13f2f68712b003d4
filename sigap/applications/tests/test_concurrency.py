"""Two officers acting on the same step at once: one wins, the other is told (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from sigap.accounts.roles import Role
from sigap.api.errors import ConflictError
from sigap.applications.services import request_act, request_create
from sigap.applications.tests import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")


def test_two_officers_receiving_at_once_record_one_action(cast):
    standard = factories.sembako_standard(cast.office("tarakan"))
    first = cast.user("tarakan", Role.FRONT_OFFICE)
    second = cast.user("tarakan", Role.FRONT_OFFICE, suffix="-2")
    request = request_create(
        standard=standard,
        product_code="kks-new",
        person=factories.person(),
        user=first,
        issue_receipt=False,
    )
    seen = request.version
    barrier = threading.Barrier(2)
    results: list[str] = []

    def take(user):
        try:
            barrier.wait()
            request_act(
                request=request, user=user, action="receive", data={}, expected_version=seen
            )
            results.append("ok")
        except ConflictError as exc:
            results.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take, args=(u,)) for u in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "stale"]
    request.refresh_from_db()
    assert request.events.filter(action="receive").count() == 1
    assert request.version == seen + 1
