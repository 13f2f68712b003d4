"""A child's case is exported only under the childcare policy, and only to the child itself."""

from datetime import date

import pytest
from django.urls import reverse

from sigap.accounts.roles import Role
from sigap.childcare.models import Case
from sigap.privacy.models import SubjectRequest
from sigap.privacy.tests.conftest import basis
from sigap.registry.models import Person


@pytest.fixture
def case(cast):
    child = Person.objects.create(name="Anak Dilindungi", village_code="36.02.01.2001")
    return Case.objects.create(
        code="ANK-0001",
        office=cast.office("banten"),
        referring_office=cast.office("lebak"),
        child=child,
        referral_number="460/LEBAK/2026",
        referral_date=date(2026, 10, 1),
        no_carer=False,
        violence=True,
        violence_evidence="Dipukul oleh ayah tiri",
        at_risk=False,
    )


def _export_text(client, **fields) -> str:
    response = client.post(reverse("privacy:new"), {**basis(), **fields})
    assert response.status_code == 302
    pk = SubjectRequest.objects.latest("pk").pk
    return client.post(reverse("privacy:download", args=[pk])).content.decode("latin-1")


def _api_export(client, headers, **fields) -> str:
    created = client.post(
        "/api/v1/privacy/requests",
        {**basis(), "codes": [], **fields},
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201, created.content
    url = f"/api/v1/privacy/requests/{created.json()['id']}/export"
    return client.post(url, headers=headers).content.decode()


def _headers(user) -> dict:
    from sigap.accounts.services import api_token_create

    _, raw = api_token_create(user=user, name="privacy")
    return {"Authorization": f"Bearer {raw}"}


def test_head_of_office_exports_the_case_facts_without_the_evidence(cast, client, case):
    text = _api_export(
        client, _headers(cast.user("banten", Role.HEAD_OF_OFFICE)), codes=[case.code]
    )
    assert "ANK-0001" in text and "460/LEBAK/2026" in text
    assert "Dipukul" not in text


def test_an_officer_who_may_not_open_the_case_exports_no_trace_of_it(cast, client, case):
    text = _api_export(client, _headers(cast.user("banten", Role.ADMINISTRATOR)), codes=[case.code])
    assert "ANK-0001" not in text and "Anak Dilindungi" not in text
    assert "childcare.cases" not in text


def test_a_parent_or_guardian_gets_no_trace_of_the_case(cast, client, case):
    headers = _headers(cast.user("banten", Role.HEAD_OF_OFFICE))
    text = _api_export(client, headers, codes=[case.code], requester_relation="parent_guardian")
    assert "ANK-0001" not in text and "460/LEBAK/2026" not in text
    # Not even the child's registry record: that would show the number resolved to a child.
    assert "Anak Dilindungi" not in text


def test_the_referring_office_exports_nothing_of_the_case(cast, client, case):
    text = _api_export(client, _headers(cast.user("lebak", Role.HEAD_OF_OFFICE)), codes=[case.code])
    assert "ANK-0001" not in text and "Anak Dilindungi" not in text


def test_the_zip_of_a_case_export_is_made(cast, case):
    client = cast.client_for(cast.user("banten", Role.HEAD_OF_OFFICE))
    assert _export_text(client, codes=case.code).startswith("PK")
