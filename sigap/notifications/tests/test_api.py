"""The outbox API: administrators of the office only, recipients masked, retry like the page."""

import pytest
from django.utils import timezone

from sigap.accounts.roles import Role
from sigap.api.testing import call
from sigap.notifications.models import Notification, NotificationStatus
from sigap.notifications.services import notification_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def tarakan_message(cast):
    rows = notification_send(
        subject_obj=cast.user("tarakan", Role.FRONT_OFFICE),
        email="warga.rahasia@example.id",
        subject="Permohonan TRK-1 selesai",
        body="Yth. Nama Rahasia, surat Anda siap diambil.",
        key="api-1",
    )
    return rows[0]


def _failed(message) -> None:
    Notification.objects.filter(pk=message.pk).update(status=NotificationStatus.FAILED, attempts=6)


def test_administrator_lists_the_outbox_masked_and_retries_a_failed_message(cast, tarakan_message):
    admin = cast.user("tarakan", Role.ADMINISTRATOR)
    rows = call("get", "/notifications", admin).json()
    assert [r["recipient"] for r in rows] == ["wa***@example.id"]
    _failed(tarakan_message)
    response = call("post", f"/notifications/{tarakan_message.pk}/retry", admin)
    assert response.status_code == 200
    tarakan_message.refresh_from_db()
    assert (tarakan_message.status, tarakan_message.attempts) == (NotificationStatus.PENDING, 0)


def test_a_sent_message_is_a_409(cast, tarakan_message):
    Notification.objects.filter(pk=tarakan_message.pk).update(
        status=NotificationStatus.SENT, sent_at=timezone.now()
    )
    admin = cast.user("tarakan", Role.ADMINISTRATOR)
    assert call("post", f"/notifications/{tarakan_message.pk}/retry", admin).status_code == 409


@pytest.mark.parametrize(
    ("office", "role", "status"),
    [("tarakan", Role.FRONT_OFFICE, 403), ("sragen", Role.ADMINISTRATOR, 404), (None, None, 401)],
)
def test_retry_refuses_wrong_role_other_office_and_anonymous(
    cast, tarakan_message, office, role, status
):
    _failed(tarakan_message)
    user = cast.user(office, role) if office else None
    assert call("post", f"/notifications/{tarakan_message.pk}/retry", user).status_code == status
    tarakan_message.refresh_from_db()
    assert tarakan_message.status == NotificationStatus.FAILED
