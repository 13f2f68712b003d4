"""Staff document API: revoke, agenda, numbering settings and templates, with the pages' roles."""

import pytest

from sigap.accounts.roles import Role
from sigap.api.testing import call
from sigap.documents.models import AgendaEntry, DocumentStatus

pytestmark = pytest.mark.django_db


def test_head_of_office_revokes_a_document_by_api(cast, issue_letter, tarakan_head):
    document = issue_letter()
    response = call("post", f"/documents/{document.pk}/revoke", tarakan_head, {"reason": "Salah"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == DocumentStatus.REVOKED
    document.refresh_from_db()
    assert document.revoke_reason == "Salah"


@pytest.mark.parametrize(
    ("office", "role", "status"),
    [
        ("tarakan", Role.FRONT_OFFICE, 403),
        ("sragen", Role.HEAD_OF_OFFICE, 404),
        (None, None, 401),
    ],
)
def test_revoke_refuses_wrong_role_other_office_and_anonymous(
    cast, issue_letter, office, role, status
):
    document = issue_letter()
    user = cast.user(office, role) if office else None
    response = call("post", f"/documents/{document.pk}/revoke", user, {"reason": "x"})
    assert response.status_code == status
    document.refresh_from_db()
    assert document.status != DocumentStatus.REVOKED


def test_revoke_without_a_reason_is_a_400_naming_the_field(cast, issue_letter, tarakan_head):
    document = issue_letter()
    response = call("post", f"/documents/{document.pk}/revoke", tarakan_head, {"reason": ""})
    assert response.status_code == 400
    assert "reason" in response.json()["errors"]


def test_front_office_registers_a_letter_in_the_agenda(cast):
    user = cast.user("tarakan", Role.FRONT_OFFICE)
    payload = {"title": "Undangan rapat", "recipient": "Camat"}
    response = call("post", "/agenda", user, payload)
    assert response.status_code == 201, response.content
    entry = AgendaEntry.objects.get(pk=response.json()["id"])
    assert entry.number == response.json()["number"]
    assert entry.office == cast.office("tarakan")
    listed = call("get", "/agenda", user).json()
    assert [row["number"] for row in listed] == [entry.number]


@pytest.mark.parametrize(("role", "status"), [(Role.AUDITOR, 403), (Role.SOCIAL_WORKER, 403)])
def test_agenda_register_refuses_reader_and_outsider_roles(cast, role, status):
    user = cast.user("tarakan", role)
    response = call("post", "/agenda", user, {"title": "x", "recipient": "y"})
    assert response.status_code == status
    assert not AgendaEntry.objects.exists()


def test_agenda_register_refuses_anonymous(db):
    assert call("post", "/agenda", None, {"title": "x", "recipient": "y"}).status_code == 401


def test_agenda_settings_are_saved_by_api_and_bad_format_is_a_400(cast):
    admin = cast.user("tarakan", Role.ADMINISTRATOR)
    good = {
        "number_format": "{classification}/{seq}/DINSOS/{year}",
        "default_classification": "400",
    }
    response = call("put", "/agenda/settings", admin, good)
    assert response.status_code == 200, response.content
    assert response.json()["default_classification"] == "400"
    bad = call("put", "/agenda/settings", admin, {**good, "number_format": "{nope}"})
    assert bad.status_code == 400
    assert "number_format" in bad.json()["errors"]
    front = cast.user("tarakan", Role.FRONT_OFFICE)
    assert call("put", "/agenda/settings", front, good).status_code == 403


def test_template_is_edited_then_reset_by_api(cast, tarakan_head):
    path = "/document-templates/sk-kks-lost"
    before = call("get", path, tarakan_head).json()
    assert before["source"] == "file"
    saved = call("put", path, tarakan_head, {"title": "Judul baru", "body": before["body"]})
    assert saved.status_code == 200, saved.content
    assert (saved.json()["source"], saved.json()["title"]) == ("office", "Judul baru")
    reset = call("delete", path, tarakan_head)
    assert reset.json()["source"] == "file"


def test_template_edit_checks_the_body_like_the_page(cast, tarakan_head):
    response = call(
        "put",
        "/document-templates/sk-kks-lost",
        tarakan_head,
        {"title": "t", "body": "{% load x %}"},
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("office", "role", "status"),
    [("tarakan", Role.FRONT_OFFICE, 403), (None, None, 401)],
)
def test_template_edit_refuses_wrong_role_and_anonymous(cast, office, role, status):
    user = cast.user(office, role) if office else None
    response = call("put", "/document-templates/sk-kks-lost", user, {"title": "t", "body": "b"})
    assert response.status_code == status


def test_unknown_template_is_a_404(cast, tarakan_head):
    assert call("get", "/document-templates/nope", tarakan_head).status_code == 404
