"""Login lockout, two-factor authentication and personal API tokens."""

import pytest
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sigap.accounts.roles import Role
from sigap.accounts.services import api_token_create


def _login(client, username, password):
    return client.post("/staff/login/", {"username": username, "password": password})


def test_login_locks_after_repeated_failures(cast, client):
    user = cast.user("sragen", Role.FRONT_OFFICE)
    for _ in range(5):
        response = _login(client, user.username, "wrong-password")
    response = _login(client, user.username, "x-test-password-1")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_correct_password_logs_in(cast, client):
    user = cast.user("sragen", Role.FRONT_OFFICE)
    response = _login(client, user.username, "x-test-password-1")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@override_settings(SIGAP_ENFORCE_2FA=True)
def test_head_of_office_must_set_up_two_factor(cast):
    head = cast.user("tarakan", Role.HEAD_OF_OFFICE)
    response = cast.client_for(head).get("/staff/")
    assert response.status_code == 302
    assert response["Location"] == "/staff/2fa/setup/"


@override_settings(SIGAP_ENFORCE_2FA=True)
def test_front_office_without_device_is_not_forced(cast):
    officer = cast.user("tarakan", Role.FRONT_OFFICE)
    assert cast.client_for(officer).get("/staff/").status_code == 200


@override_settings(SIGAP_ENFORCE_2FA=True)
def test_two_factor_setup_with_a_real_code_unlocks_the_staff_pages(cast):
    head = cast.user("tarakan", Role.HEAD_OF_OFFICE)
    client = cast.client_for(head)
    assert client.get("/staff/2fa/setup/").status_code == 200
    device = TOTPDevice.objects.get(user=head, confirmed=False)
    wrong = client.post("/staff/2fa/setup/", {"code": "000000"})
    assert wrong.status_code == 200 and "error-summary" in wrong.text
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down retries after a failure
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post("/staff/2fa/setup/", {"code": code})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/staff/").status_code == 200


@override_settings(SIGAP_ENFORCE_2FA=True)
def test_user_with_device_must_verify_after_login(cast):
    officer = cast.user("tarakan", Role.FRONT_OFFICE)
    TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    response = cast.client_for(officer).get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/2fa/verify/")


def test_api_token_authenticates_staff(cast, client):
    user = cast.user("tarakan", Role.FRONT_OFFICE)
    _token, raw = api_token_create(user=user, name="script")
    from sigap.accounts.services import api_token_user

    assert api_token_user(raw=raw) == user
    assert api_token_user(raw=raw + "x") is None


def test_profile_creates_a_token_shown_once(cast):
    user = cast.user("tarakan", Role.FRONT_OFFICE)
    client = cast.client_for(user)
    response = client.post("/staff/profile/", {"name": "laporan"})
    assert response.status_code == 200
    assert "sgp_" in response.text
    assert user.api_tokens.count() == 1
    assert "sgp_" not in client.get("/staff/profile/").text


@pytest.mark.parametrize("path", ["/staff/profile/", "/staff/2fa/setup/"])
def test_account_pages_need_login(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]
