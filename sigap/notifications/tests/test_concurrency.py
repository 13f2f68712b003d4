import threading
from collections import Counter

import pytest
from django.db import connection, connections

from sigap.notifications import gateways
from sigap.notifications.models import Notification, NotificationStatus
from sigap.notifications.services import notification_deliver_due


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_runners_send_each_message_exactly_once(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SKIP LOCKED needs PostgreSQL")
    # Rows written directly: as if the first attempts had failed and are now due again.
    Notification.objects.bulk_create(
        Notification(
            channel="email", recipient=f"warga{i}@example.id", body="b", idempotency_key=f"k{i}"
        )
        for i in range(40)
    )
    sent: Counter[str] = Counter()
    lock = threading.Lock()

    def fake_send(*, to: str, subject: str, body: str) -> None:
        with lock:
            sent[to] += 1

    monkeypatch.setattr(gateways, "send_email", fake_send)
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def runner() -> None:
        try:
            barrier.wait()
            notification_deliver_due(limit=15)
            notification_deliver_due(limit=15)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(sent) == 40
    assert set(sent.values()) == {1}
    assert Notification.objects.filter(status=NotificationStatus.SENT).count() == 40
