"""The caller's own account by API: who am I, personal tokens created, listed and revoked."""

import pytest

from sigap.accounts.models import ApiToken
from sigap.accounts.roles import Role
from sigap.api.testing import call

pytestmark = pytest.mark.django_db


def test_a_staff_member_creates_a_token_that_then_works_and_revokes_it(cast, client):
    user = cast.user("tarakan", Role.FRONT_OFFICE)
    created = call("post", "/me/tokens", user, {"name": "Aplikasi desa"})
    assert created.status_code == 201, created.content
    raw = created.json()["token"]
    headers = {"Authorization": f"Bearer {raw}"}
    me = client.get("/api/v1/me", headers=headers).json()
    assert (me["username"], me["office"], me["roles"]) == (
        user.username,
        "tarakan",
        ["front_office"],
    )
    listed = call("get", "/me/tokens", user).json()
    assert "Aplikasi desa" in [t["name"] for t in listed]
    assert all("token" not in t for t in listed)
    token_id = created.json()["id"]
    assert call("delete", f"/me/tokens/{token_id}", user).status_code == 204
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_a_token_needs_a_name(cast):
    response = call("post", "/me/tokens", cast.user("tarakan", Role.FRONT_OFFICE), {"name": ""})
    assert response.status_code == 400 and "name" in response.json()["errors"]


def test_another_users_token_cannot_be_revoked(cast):
    owner = cast.user("tarakan", Role.FRONT_OFFICE)
    token_id = call("post", "/me/tokens", owner, {"name": "x"}).json()["id"]
    other = cast.user("tarakan", Role.HEAD_OF_OFFICE)
    assert call("delete", f"/me/tokens/{token_id}", other).status_code == 404
    assert ApiToken.objects.get(pk=token_id).revoked_at is None


def test_anonymous_gets_401(db):
    assert call("get", "/me", None).status_code == 401
    assert call("post", "/me/tokens", None, {"name": "x"}).status_code == 401
