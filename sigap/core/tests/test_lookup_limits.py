"""Public lookups by code answer 429 past their rate: per address, and misses overall."""

import pytest
from django.test import Client, override_settings

MSG = "Terlalu banyak pencarian"
LOOKUPS = {
    "track page": ("/track/ZZZZZZZZZZ", "track"),
    "track API": ("/api/v1/track/ZZZZZZZZZZ", "track"),
    "verify page": ("/verify/not-a-token", "verify"),
    "verify API": ("/api/v1/documents/verify/not-a-token", "verify"),
    "complaint page": ("/complaints/ADU-ZZZZZZZZZZ", "complaint"),
    "complaint API": ("/api/v1/complaints/ADU-ZZZZZZZZZZ", "complaint"),
}


def _get(path: str, address: str = "192.0.2.10"):
    return Client(REMOTE_ADDR=address).get(path)


@pytest.mark.parametrize("name", LOOKUPS)
@override_settings(SIGAP_LOOKUP_RATE_PER_ADDRESS=3)
def test_a_lookup_past_the_rate_of_an_address_is_429_in_indonesian(db, name):
    path, _space = LOOKUPS[name]
    assert [_get(path).status_code for _ in range(3)] == [404, 404, 404]
    refused = _get(path)
    assert refused.status_code == 429
    assert MSG in refused.content.decode()
    if path.startswith("/api/"):
        assert refused.json()["code"] == "rate_limited"
        assert int(refused["Retry-After"]) > 0
    # Another address is still answered.
    assert _get(path, address="192.0.2.11").status_code == 404


@override_settings(SIGAP_LOOKUP_RATE_PER_ADDRESS=3)
def test_the_page_and_the_api_share_one_count(db):
    assert _get("/track/ZZZZZZZZZZ").status_code == 404
    assert _get("/api/v1/track/ZZZZZZZZZZ").status_code == 404
    assert _get("/track/YYYYYYYYYY").status_code == 404
    assert _get("/api/v1/track/XXXXXXXXXX").status_code == 429
    # Another code space is counted apart.
    assert _get("/verify/not-a-token").status_code == 404


@override_settings(SIGAP_LOOKUP_RATE_PER_ADDRESS=100, SIGAP_LOOKUP_MISSES_OVERALL=5)
def test_guesses_spread_over_many_addresses_run_out_together(db):
    statuses = [_get(f"/api/v1/track/ZZZZZZZZZ{n}", f"198.51.100.{n}").status_code for n in "23456"]
    assert statuses == [404] * 5
    assert _get("/api/v1/track/ZZZZZZZZZX", "198.51.100.200").status_code == 429
    assert _get("/track/ZZZZZZZZZX", "198.51.100.201").status_code == 429
    assert _get("/verify/not-a-token", "198.51.100.202").status_code == 404


@override_settings(SIGAP_LOOKUP_RATE_PER_ADDRESS=3, SIGAP_TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_the_trusted_proxy_each_client_has_its_own_count(db):
    def via_proxy(client_address: str):
        return Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=client_address).get(
            "/api/v1/track/ZZZZZZZZZZ"
        )

    assert [via_proxy("203.0.113.1").status_code for _ in range(4)] == [404, 404, 404, 429]
    assert via_proxy("203.0.113.2").status_code == 404
