import pytest
from django.urls import reverse

from sigap.accounts.roles import Role
from sigap.notifications.models import Notification, NotificationStatus
from sigap.notifications.services import notification_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def tarakan_message(cast):
    office = cast.office("tarakan")
    # Any office-owned record carries the office to the outbox row.
    subject_obj = cast.user("tarakan", Role.FRONT_OFFICE)
    rows = notification_send(
        subject_obj=subject_obj,
        email="warga.rahasia@example.id",
        subject="Permohonan TRK-1 selesai",
        body="Yth. Nama Rahasia, surat Anda siap diambil.",
        key="t1",
    )
    assert rows[0].office_id == office.pk
    return rows[0]


def test_administrator_sees_the_outbox_of_the_office_without_bodies(cast, tarakan_message):
    client = cast.client_for(cast.user("tarakan", Role.ADMINISTRATOR))
    response = client.get(reverse("notifications:outbox"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Permohonan TRK-1 selesai" in page
    assert "Nama Rahasia" not in page
    assert "warga.rahasia@example.id" not in page
    assert "wa***@example.id" in page


def test_other_roles_may_not_see_the_outbox(cast, tarakan_message):
    client = cast.client_for(cast.user("tarakan", Role.FRONT_OFFICE))
    assert client.get(reverse("notifications:outbox")).status_code == 403


def test_administrator_of_another_office_sees_nothing(cast, tarakan_message):
    client = cast.client_for(cast.user("sragen", Role.ADMINISTRATOR))
    response = client.get(reverse("notifications:outbox"))
    assert "Permohonan TRK-1 selesai" not in response.content.decode()
    retry = client.post(reverse("notifications:retry", args=[tarakan_message.pk]))
    assert retry.status_code == 404


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("notifications:outbox"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_administrator_can_retry_a_failed_message(cast, tarakan_message):
    Notification.objects.filter(pk=tarakan_message.pk).update(
        status=NotificationStatus.FAILED, attempts=6
    )
    client = cast.client_for(cast.user("tarakan", Role.ADMINISTRATOR))
    response = client.post(reverse("notifications:retry", args=[tarakan_message.pk]))
    assert response.status_code == 302
    tarakan_message.refresh_from_db()
    assert tarakan_message.status == NotificationStatus.PENDING
    assert tarakan_message.attempts == 0
