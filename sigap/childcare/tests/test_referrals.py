"""Seed 003's inter-office referral: a Lebak social worker sends the child to Banten's service
with the regency's request letter and the assessment; it arrives in Banten's intake queue as a
request with its documents; Lebak follows it and sees the outcome, never the child's record."""

import pytest
from django.urls import reverse
from django.utils import timezone

from sigap.accounts.roles import Role
from sigap.applications.models import Channel, RequestStatus
from sigap.childcare import referrals
from sigap.childcare.extension import case_for_request
from sigap.childcare.models import Case, Outcome
from sigap.childcare.tests.conftest import CHILD_NIK, pdf

pytestmark = pytest.mark.django_db
CHILD = "Anak Rujukan Lebak"


def _form(**overrides) -> dict:
    data = {
        "referral_number": "400.9/15/Dinsos-Lbk/2026",
        "referral_date": timezone.localdate().isoformat(),
        "child_name": CHILD,
        "child_nik": f"{CHILD_NIK[:6]} {CHILD_NIK[6:12]} {CHILD_NIK[12:]}",
        "child_sex": "F",
        "no_carer": "on",
        "no_carer_evidence": "Orang tua meninggal; tidak ada kerabat.",
        "referral_letter": pdf("surat-permohonan-lebak.pdf"),
        "assessment": pdf("asesmen-peksos-lebak.pdf"),
    }
    data.update(overrides)
    return data


def test_a_lebak_referral_arrives_in_bantens_queue_with_its_documents(team, standard):
    client = team.cast.client_for(team.lebak_worker)
    assert client.get(reverse("childcare:referral_send")).status_code == 200
    response = client.post(reverse("childcare:referral_send"), _form())
    assert response.status_code == 302, response.content.decode().split("<main", 1)[-1][:3000]
    case = Case.objects.get()
    request = case.request
    assert request.office == team.office and request.status == RequestStatus.SUBMITTED
    assert request.channel == Channel.API and request.applicant_name == team.lebak.name
    assert case.referring_office == team.lebak and case.registered_by == team.lebak_worker
    assert case.child.nik == CHILD_NIK
    files = set(request.uploads.values_list("requirement__code", flat=True))
    assert files == {"regency-request-letter", "assessment"}
    # Banten's front office finds it in the queue to receive.
    queue = team.cast.client_for(team.front_office).get(reverse("applications:queue"))
    assert request.code in queue.content.decode()


def test_lebak_follows_the_referral_and_gets_the_outcome_without_the_childs_record(team, standard):
    client = team.cast.client_for(team.lebak_worker)
    client.post(reverse("childcare:referral_send"), _form())
    case = Case.objects.get()
    page = client.get(reverse("childcare:referrals_sent")).content.decode()
    assert "400.9/15/Dinsos-Lbk/2026" in page and case.code in page
    assert CHILD not in page and CHILD_NIK not in page
    assert client.get(reverse("childcare:detail", args=[case.pk])).status_code == 404
    Case.objects.filter(pk=case.pk).update(
        status="closed", outcome=Outcome.choices[0][0], outcome_on=timezone.localdate()
    )
    page = client.get(reverse("childcare:referrals_sent")).content.decode()
    assert str(Outcome.choices[0][1]) in page


def test_a_referral_without_the_assessment_is_refused_and_nothing_stored(team, standard):
    client = team.cast.client_for(team.lebak_worker)
    data = _form()
    del data["assessment"]
    response = client.post(reverse("childcare:referral_send"), data)
    assert response.status_code == 400
    assert not Case.objects.exists()
    from sigap.applications.models import Request

    assert not Request.objects.exists()


def test_an_ineligible_child_is_refused_with_the_reason(team, standard):
    client = team.cast.client_for(team.lebak_worker)
    response = client.post(
        reverse("childcare:referral_send"), _form(no_carer="", no_carer_evidence="")
    )
    assert response.status_code == 400
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("office", "role", "expected"),
    [
        ("lebak", Role.SOCIAL_WORKER, 200),
        ("lebak", Role.HEAD_OF_OFFICE, 200),
        ("lebak", Role.FRONT_OFFICE, 403),
        ("banten", Role.SOCIAL_WORKER, 403),  # the province registers, it does not refer
    ],
)
def test_who_may_send_and_follow_referrals(team, standard, office, role, expected):
    client = team.cast.client_for(team.cast.user(office, role))
    assert client.get(reverse("childcare:referral_send")).status_code == expected
    assert client.get(reverse("childcare:referrals_sent")).status_code == expected


def test_anonymous_visitors_go_to_the_login(client):
    response = client.get(reverse("childcare:referrals_sent"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_another_regencys_list_does_not_show_lebaks_referrals(team, standard):
    team.cast.client_for(team.lebak_worker).post(reverse("childcare:referral_send"), _form())
    assert case_for_request(Case.objects.get().request) is not None
    assert list(referrals.referrals_sent(team.cast.office("tarakan"))) == []
