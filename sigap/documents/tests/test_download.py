import pytest
from django.urls import reverse

from sigap.accounts.roles import Role
from sigap.core.models import AccessAction, AccessLog
from sigap.documents.access import _POLICIES, register_subject_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def restore_policies():
    saved = dict(_POLICIES)
    yield
    _POLICIES.clear()
    _POLICIES.update(saved)


def test_staff_of_the_office_downloads_the_pdf_and_it_is_logged(cast, issue_letter):
    document = issue_letter()
    user = cast.user("tarakan", Role.SECTION_HEAD)
    response = cast.client_for(user).get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    log = AccessLog.objects.get(user=user)
    assert log.action == AccessAction.DOWNLOAD
    assert log.object_id == str(document.pk)


def test_staff_of_another_office_get_404(cast, issue_letter):
    document = issue_letter()
    client = cast.client_for(cast.user("sragen", Role.HEAD_OF_OFFICE))
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404
    assert client.get(reverse("documents:detail", args=[document.pk])).status_code == 404
    assert not AccessLog.objects.exists()


def test_anonymous_is_redirected_to_login(client, issue_letter):
    document = issue_letter()
    response = client.get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_subject_policy_can_restrict_further(cast, issue_letter, restore_policies):
    subject = cast.user("tarakan", Role.SOCIAL_WORKER)
    document = issue_letter(subject=subject)
    allowed = cast.user("tarakan", Role.HEAD_OF_OFFICE)
    register_subject_policy("accounts.user", lambda user, subj: user.pk == allowed.pk)
    other = cast.client_for(cast.user("tarakan", Role.FRONT_OFFICE))
    assert other.get(reverse("documents:download", args=[document.pk])).status_code == 404
    ok = cast.client_for(allowed).get(reverse("documents:download", args=[document.pk]))
    assert ok.status_code == 200


def test_head_of_office_revokes_and_front_office_cannot(cast, issue_letter, tarakan_head):
    document = issue_letter()
    url = reverse("documents:revoke", args=[document.pk])
    front = cast.client_for(cast.user("tarakan", Role.FRONT_OFFICE))
    assert front.post(url, {"reason": "x"}).status_code == 403
    head = cast.client_for(tarakan_head)
    assert head.post(url, {"reason": ""}).status_code == 400
    response = head.post(url, {"reason": "Nomor salah"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.is_revoked
    assert document.revoke_reason == "Nomor salah"
