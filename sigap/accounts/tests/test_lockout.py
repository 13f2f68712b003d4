"""Lockout by username and address together; the address from the proxy only when trusted.

Behind one proxy (or an office's NAT) every colleague shares an address: a lock on the address
alone would let one person's typos, or anyone outside, lock the whole office out.
"""

import pytest
from django.test import RequestFactory, override_settings

from sigap.accounts.roles import Role
from sigap.core.client_ip import client_ip

PASSWORD = "x-test-password-1"


def _login(client, username, password, **extra):
    return client.post("/staff/login/", {"username": username, "password": password}, **extra)


def _fail_five_times(client, username, **extra):
    for _ in range(5):
        _login(client, username, "wrong-password", **extra)


def test_one_users_failures_never_lock_a_colleague_on_the_same_address(cast, client):
    careless = cast.user("sragen", Role.FRONT_OFFICE)
    colleague = cast.user("sragen", Role.BACK_OFFICE)
    _fail_five_times(client, careless.username)
    assert _login(client, careless.username, PASSWORD).status_code == 429
    response = _login(client, colleague.username, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


def test_the_locked_user_can_still_log_in_from_another_address(cast, client):
    user = cast.user("sragen", Role.FRONT_OFFICE)
    _fail_five_times(client, user.username, REMOTE_ADDR="10.0.0.5")
    assert _login(client, user.username, PASSWORD, REMOTE_ADDR="10.0.0.5").status_code == 429
    assert _login(client, user.username, PASSWORD, REMOTE_ADDR="10.0.0.6").status_code == 302


def test_without_a_trusted_proxy_a_forged_forwarded_header_changes_nothing(cast, client):
    user = cast.user("sragen", Role.FRONT_OFFICE)
    for n in range(5):
        _login(client, user.username, "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    forged = _login(client, user.username, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert forged.status_code == 429


@override_settings(SIGAP_TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_a_trusted_proxy_each_client_is_locked_on_its_own(cast, client):
    user = cast.user("sragen", Role.FRONT_OFFICE)
    colleague = cast.user("sragen", Role.BACK_OFFICE)
    attacker = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    office = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.50"}
    _fail_five_times(client, user.username, **attacker)
    assert _login(client, user.username, PASSWORD, **attacker).status_code == 429
    # The same user from the office's own address, through the same proxy, is not locked.
    assert _login(client, user.username, PASSWORD, **office).status_code == 302
    client.logout()
    assert _login(client, colleague.username, PASSWORD, **attacker).status_code == 302


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        ("203.0.113.7", "", [], "203.0.113.7"),
        ("127.0.0.1", "203.0.113.7", [], "127.0.0.1"),
        ("127.0.0.1", "203.0.113.7", ["127.0.0.1"], "203.0.113.7"),
        # A client prepending its own entries cannot choose its address.
        ("127.0.0.1", "1.2.3.4, 203.0.113.7", ["127.0.0.1"], "203.0.113.7"),
        # Two proxies of ours (a load balancer in 10.0.0.0/8, then nginx on localhost).
        ("127.0.0.1", "203.0.113.7, 10.1.2.3", ["127.0.0.1", "10.0.0.0/8"], "203.0.113.7"),
        # A header from an address we do not trust is ignored.
        ("192.0.2.1", "203.0.113.7", ["127.0.0.1"], "192.0.2.1"),
        # Rubbish in the header: the proxy's own address, never the rubbish.
        ("127.0.0.1", "<script>", ["127.0.0.1"], "127.0.0.1"),
    ],
)
def test_client_ip(remote, forwarded, trusted, expected):
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(SIGAP_TRUSTED_PROXIES=trusted):
        assert client_ip(request) == expected
