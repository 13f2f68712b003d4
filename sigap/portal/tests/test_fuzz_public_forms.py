"""A hand list of hostile input over every public page and form: never a 5xx.

Each public form is fetched, its field names read from the page, and then posted with
oversized, nested, null-byte, unicode and wrong-typed values (and the pages' query strings
get the same). The inputs come from an outside probe of the system and from the usual
suspects; the test fails listing every request that answered 5xx.
"""

import json
import re

import pytest
from django.test import Client

from sigap.accounts.roles import Role

HOSTILE = {
    "oversized": "A" * 20_000,  # past every max_length (the longest text field is 10,000)
    "null byte": "a\x00b",
    "unicode": "𝕏ñ你好\u202eغ\U0001f600\ufeff",
    "empty list": "[]",
    "object": '{"$gt": ""}',
    "number": "1e309",
    "markup": "<script>alert(1)</script>'\"-- NaN -1",
}
FIELD = re.compile(r'name="([^"]+)"')
SKIP_FIELDS = {"csrfmiddlewaretoken", "language", "next"}


def _public_pages(standard_code: str, office_code: str) -> list[str]:
    return [
        "/",
        "/services/",
        f"/services/{standard_code}/",
        f"/offices/{office_code}/",
        f"/apply/{standard_code}/",
        "/track/",
        "/track/ZZZZZZZZZZ",
        "/verify/not-a-token",
        "/complaints/new/",
        "/complaints/track/",
        "/complaints/ADU-ZZZZZZZZZZ",
        f"/survey/{standard_code}/",
        "/survey/r/not-a-token/",
        f"/skm/{office_code}/",
        f"/report-card/{office_code}/",
        f"/pledge/{office_code}/",
        "/regions/",
        "/regions/search",
        "/staff/login/",
    ]


def _fields(html: str) -> list[str]:
    names = {n.removesuffix("[]") for n in FIELD.findall(html)} - SKIP_FIELDS
    return sorted(names) or ["q"]


@pytest.fixture
def visitor(settings) -> Client:
    # Many requests from one address: the rate limits would answer 429 (fine, but it would
    # hide what the forms do with the input behind them).
    settings.SIGAP_LOOKUP_RATE_PER_ADDRESS = 10_000
    settings.SIGAP_LOOKUP_MISSES_OVERALL = 10_000
    settings.SIGAP_COMPLAINT_MIN_FILL_SECONDS = 0
    return Client(raise_request_exception=False)


def test_no_public_page_or_form_answers_5xx_to_hostile_input(cast, catalogue, visitor):
    office = cast.office("tarakan")
    cast.user("tarakan", Role.FRONT_OFFICE)
    standard = next(s for s in catalogue.values() if s.office_id == office.pk)
    failures = []

    def check(method: str, path: str, label: str, **kwargs) -> None:
        response = getattr(visitor, method)(path, **kwargs)
        if response.status_code >= 500:
            failures.append(f"{method.upper()} {path} [{label}] -> {response.status_code}")

    for path in _public_pages(standard.code, office.code):
        page = visitor.get(path)
        assert page.status_code < 500, path
        fields = _fields(page.content.decode(errors="replace"))
        for label, value in HOSTILE.items():
            data = {name: value for name in fields}
            check("get", path, label, data=data)
            check("post", path, label, data=data)
        # Nested and repeated keys, as PHP-style clients send them.
        nested = {f"{fields[0]}[a][b]": "1", fields[0]: ["1", "2", "3"]}
        check("post", path, "nested keys", data=nested)
        # A JSON body where a form is expected, and a deeply nested one.
        deep = "[" * 5000 + "]" * 5000
        check(
            "post",
            path,
            "json",
            data=json.dumps({"a": {"b": [1]}}),
            content_type="application/json",
        )
        check("post", path, "deep json", data=deep, content_type="application/json")
    assert failures == []
