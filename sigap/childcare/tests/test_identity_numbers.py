"""Identity numbers typed by the Banten staff are kept whole: the receiving official's NIP on the
placement BAST in its spaced form, the child's NIK on the referral and when linked later."""

import pytest
from django.utils import timezone

from sigap.childcare.models import Case, Placement
from sigap.childcare.tests.conftest import CHILD_NIK

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate().isoformat()
SPACED_NIP = "19700515 199503 1 002"
NIP = "197005151995031002"
SPACED_CHILD_NIK = f"{CHILD_NIK[:4]} {CHILD_NIK[4:8]}.{CHILD_NIK[8:12]}-{CHILD_NIK[12:]}"


def _placement(team, case, nip: str):
    return team.cast.client_for(team.head_of_division).post(
        f"/api/v1/children/cases/{case.pk}/placement",
        {
            "centre": team.centre().pk,
            "placed_on": TODAY,
            "place": "Serang",
            "received_by_name": "Drs. Kepala Balai",
            "received_by_position": "Kepala Balai",
            "received_by_nip": nip,
        },
        content_type="application/json",
    )


def test_a_spaced_nip_is_kept_whole_on_the_placement_and_its_bast(team):
    case = team.ready_case()
    response = _placement(team, case, SPACED_NIP)
    assert response.status_code == 200, response.content
    placement = Placement.objects.get(case=case)
    assert placement.received_by_nip == NIP
    from sigap.childcare.bast import _bast_context

    assert _bast_context(placement)["second_party_nip"] == NIP


@pytest.mark.parametrize(
    "nip", ["19700515 199503 1", "19700515 199503 1 0021", "1970O515199503102"]
)
def test_a_shortened_or_wrong_nip_is_refused_and_nothing_placed(team, nip):
    case = team.ready_case()
    response = _placement(team, case, nip)
    assert response.status_code == 400, response.content
    assert "received_by_nip" in response.json()["errors"]
    assert not Placement.objects.filter(case=case).exists()


def test_the_engine_hand_over_service_keeps_the_spaced_nip(team):
    from sigap.childcare import services

    case = team.ready_case()
    placement = services.case_place(
        case=case,
        centre=team.centre(),
        placed_on=timezone.localdate(),
        place="Serang",
        received_by_name="Kepala Balai",
        received_by_position="Kepala Balai",
        received_by_nip=SPACED_NIP,
        by=team.head_of_division,
    )
    assert placement.received_by_nip == NIP


def test_a_spaced_child_nik_on_the_referral_api_is_stored_as_its_digits(team):
    client = team.cast.client_for(team.front_office)
    payload = {
        "referring_office": "lebak",
        "referral_number": "400.9/1/2026",
        "referral_date": TODAY,
        "child_name": "Anak API",
        "child_nik": SPACED_CHILD_NIK,
        "at_risk": True,
        "at_risk_evidence": "Laporan pendamping",
    }
    response = client.post("/api/v1/children/cases", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert Case.objects.get(pk=response.json()["id"]).child.nik == CHILD_NIK
    refused = client.post(
        "/api/v1/children/cases",
        {**payload, "child_nik": SPACED_CHILD_NIK[:-1], "referral_number": "400.9/2/2026"},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "child_nik" in refused.json()["errors"]


def test_a_nik_linked_later_may_be_typed_spaced(team):
    case = team.placed_case(nik=None)
    worker = team.cast.client_for(team.worker)
    linked = worker.post(
        f"/api/v1/children/cases/{case.pk}/nik",
        {"nik": SPACED_CHILD_NIK},
        content_type="application/json",
    )
    assert linked.status_code == 200, linked.content
    assert linked.json()["child_nik"] == CHILD_NIK
