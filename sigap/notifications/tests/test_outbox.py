import io
import json
from datetime import timedelta
from types import SimpleNamespace

import httpx
import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from sigap.notifications import gateways
from sigap.notifications.models import Channel, Notification, NotificationStatus
from sigap.notifications.services import (
    MAX_ATTEMPTS,
    normalise_phone,
    notification_deliver,
    notification_send,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def http_gateway(settings):
    """The HTTP SMS backend pointed at a mock transport; `calls` records what it received."""
    settings.SIGAP_SMS_BACKEND = "http"
    settings.SIGAP_SMS_URL = "https://gateway.example/send"
    settings.SIGAP_SMS_KEY = "secret-key"
    state = {"status": 200, "error": None, "calls": []}

    def handler(request: httpx.Request) -> httpx.Response:
        state["calls"].append(request)
        if state["error"]:
            raise state["error"]
        return httpx.Response(state["status"], json={})

    gateways.set_transport(httpx.MockTransport(handler))
    yield state
    gateways.set_transport(None)


def _send(**kwargs):
    defaults = {"subject": "Permohonan diterima", "body": "Kode TRK-1. Lacak di sini."}
    return notification_send(**{**defaults, **kwargs})


def test_email_is_queued_and_sent_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rows = _send(email="warga@example.id")
    assert [row.channel for row in rows] == [Channel.EMAIL]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["warga@example.id"]
    row = Notification.objects.get()
    assert row.status == NotificationStatus.SENT
    assert row.sent_at is not None
    assert row.attempts == 1


def test_nothing_is_sent_before_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _send(email="warga@example.id")
    assert len(callbacks) == 1
    assert mail.outbox == []
    assert Notification.objects.get().status == NotificationStatus.PENDING


def test_one_row_per_channel_with_a_recipient():
    rows = _send(email="warga@example.id", phone="0812-3456-7890", channels=["email", "whatsapp"])
    assert {(row.channel, row.recipient) for row in rows} == {
        ("email", "warga@example.id"),
        ("whatsapp", "+6281234567890"),
    }
    assert _send(email="", phone="", channels=None) == []
    assert _send(email="not-an-address", channels=["email"]) == []


def test_same_key_twice_sends_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = _send(email="warga@example.id", key="request:1:received")
    with django_capture_on_commit_callbacks(execute=True):
        second = _send(email="warga@example.id", key="request:1:received")
    assert [row.pk for row in first] == [row.pk for row in second]
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_http_gateway_posts_json_with_bearer_key(http_gateway, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _send(phone="081234567890", channels=["sms"])
    request = http_gateway["calls"][0]
    assert request.headers["Authorization"] == "Bearer secret-key"
    assert json.loads(request.content) == {
        "to": "+6281234567890",
        "message": "Kode TRK-1. Lacak di sini.",
        "channel": "sms",
    }
    assert Notification.objects.get().status == NotificationStatus.SENT


def test_failing_gateway_leaves_row_pending_with_error_and_caller_unharmed(
    http_gateway, django_capture_on_commit_callbacks
):
    http_gateway["status"] = 503
    with django_capture_on_commit_callbacks(execute=True):
        rows = _send(phone="081234567890", channels=["whatsapp"])
    row = Notification.objects.get(pk=rows[0].pk)
    assert row.status == NotificationStatus.PENDING
    assert row.attempts == 1
    assert "503" in row.last_error
    assert row.next_attempt_at > timezone.now()


def test_network_error_is_recorded_not_raised(http_gateway, django_capture_on_commit_callbacks):
    http_gateway["error"] = httpx.ConnectError("connection refused")
    with django_capture_on_commit_callbacks(execute=True):
        _send(phone="081234567890", channels=["sms"])
    row = Notification.objects.get()
    assert row.status == NotificationStatus.PENDING
    assert "ConnectError" in row.last_error


def test_retry_later_succeeds(http_gateway, django_capture_on_commit_callbacks):
    http_gateway["status"] = 500
    with django_capture_on_commit_callbacks(execute=True):
        _send(phone="081234567890", channels=["sms"])
    row = Notification.objects.get()
    call_command("send_notifications", stdout=io.StringIO())
    row.refresh_from_db()
    assert row.attempts == 1, "not due yet: the backoff must be respected"
    http_gateway["status"] = 200
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    call_command("send_notifications", stdout=io.StringIO())
    row.refresh_from_db()
    assert row.status == NotificationStatus.SENT
    assert row.attempts == 2
    assert row.last_error == ""


def test_row_fails_after_max_attempts(http_gateway):
    http_gateway["status"] = 500
    row = _send(phone="081234567890", channels=["sms"])[0]
    for _ in range(MAX_ATTEMPTS):
        Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        notification_deliver(pk=row.pk)
    row.refresh_from_db()
    assert row.status == NotificationStatus.FAILED
    assert row.attempts == MAX_ATTEMPTS


def test_backoff_grows_exponentially(http_gateway):
    http_gateway["status"] = 500
    row = _send(phone="081234567890", channels=["sms"])[0]
    gaps = []
    for _ in range(3):
        Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        before = timezone.now()
        notification_deliver(pk=row.pk)
        row.refresh_from_db()
        gaps.append((row.next_attempt_at - before).total_seconds())
    assert gaps[0] >= 59
    assert gaps[1] >= 2 * gaps[0] - 2
    assert gaps[2] >= 2 * gaps[1] - 2


def test_sent_row_is_not_sent_again():
    row = _send(email="warga@example.id")[0]
    assert notification_deliver(pk=row.pk) == NotificationStatus.SENT
    assert notification_deliver(pk=row.pk) == NotificationStatus.SENT
    assert len(mail.outbox) == 1


def test_stale_sending_row_is_picked_up_again():
    row = _send(email="warga@example.id")[0]
    Notification.objects.filter(pk=row.pk).update(
        status=NotificationStatus.SENDING, claimed_at=timezone.now() - timedelta(hours=1)
    )
    call_command("send_notifications", stdout=io.StringIO())
    row.refresh_from_db()
    assert row.status == NotificationStatus.SENT


def test_queue_down_does_not_break_the_caller(monkeypatch, django_capture_on_commit_callbacks):
    from sigap.notifications import tasks

    def broken(*args, **kwargs):
        raise RuntimeError("queue unavailable")

    monkeypatch.setattr(tasks, "deliver_notification", SimpleNamespace(enqueue=broken))
    with django_capture_on_commit_callbacks(execute=True):
        rows = _send(email="warga@example.id")
    assert Notification.objects.get(pk=rows[0].pk).status == NotificationStatus.PENDING


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("812345", ""),
        ("0812abc", ""),
        ("", ""),
    ],
)
def test_phone_numbers_are_normalised(raw, expected):
    assert normalise_phone(raw) == expected
