"""The case pages used as staff use them: register, record each step, place, review, close."""

import io

import pytest
from django.core.management.base import OutputWrapper
from django.urls import reverse
from django.utils import timezone

from sigap.childcare.models import Case, CaseStatus
from sigap.childcare.selectors import issued_documents_for
from sigap.childcare.tests.conftest import pdf

pytestmark = pytest.mark.django_db


def referral_post(team, **overrides) -> dict:
    data = {
        "referring_office": team.lebak.pk,
        "referral_number": "400.9/5/2026",
        "referral_date": timezone.localdate().isoformat(),
        "referral_letter": pdf("permohonan.pdf"),
        "child_name": "Anak Halaman",
        "child_nik": "",
        "violence": "on",
        "violence_evidence": "Visum dan laporan polisi",
    }
    data.update(overrides)
    return data


def test_front_office_registers_a_referral_and_then_cannot_open_it(team):
    client = team.cast.client_for(team.front_office)
    response = client.post(reverse("childcare:register"), referral_post(team))
    assert response.status_code == 302
    assert response["Location"] == reverse("childcare:list")
    case = Case.objects.get()
    assert case.child.nik is None and case.violence
    assert case.documents.filter(kind="referral_letter").count() == 1
    assert client.get(reverse("childcare:detail", args=[case.pk])).status_code == 404


def test_an_ineligible_referral_shows_the_reason_and_stores_nothing(team):
    client = team.cast.client_for(team.front_office)
    response = client.post(
        reverse("childcare:register"), referral_post(team, violence="", violence_evidence="")
    )
    assert response.status_code == 200
    assert "error-summary" in response.text
    assert not Case.objects.exists()


@pytest.mark.parametrize("who", ["worker", "lebak_worker", "auditor"])
def test_only_province_registration_roles_see_the_register_page(team, who):
    response = team.cast.client_for(getattr(team, who)).get(reverse("childcare:register"))
    assert response.status_code == (200 if who == "worker" else 403)


def test_the_case_team_records_each_step_through_the_pages(team):
    case = team.assigned_case()
    worker = team.cast.client_for(team.worker)
    today = timezone.localdate().isoformat()
    assert (
        worker.post(
            reverse("childcare:consent", args=[case.pk]),
            {
                "giver_kind": "guardian",
                "giver_name": "Wali Demo",
                "relation": "Wali",
                "given_on": today,
                "file": pdf(),
            },
        ).status_code
        == 302
    )
    assert (
        worker.post(
            reverse("childcare:assessment", args=[case.pk]),
            {
                "assessed_on": today,
                "situation": "s",
                "family": "f",
                "health": "h",
                "education": "e",
                "risks": "r",
                "needs": "n",
                "recommendation": "balai",
                "signed_copy": pdf(),
            },
        ).status_code
        == 302
    )
    assert (
        worker.post(
            reverse("childcare:health", args=[case.pk]),
            {"doctor_name": "dr. X", "facility": "RSUD", "issued_on": today, "file": pdf()},
        ).status_code
        == 302
    )
    # The social worker cannot decide the placement: that is the Kepala Bidang's step.
    assert worker.get(reverse("childcare:placement", args=[case.pk])).status_code == 403

    hod = team.cast.client_for(team.head_of_division)
    centre = team.centre(capacity=3)
    page = hod.get(reverse("childcare:placement", args=[case.pk]))
    assert page.status_code == 200
    assert "0 of 3" in page.text or "0 dari 3" in page.text
    response = hod.post(
        reverse("childcare:placement", args=[case.pk]),
        {
            "centre": centre.pk,
            "placed_on": today,
            "place": "Serang",
            "received_by_name": "Kepala Balai",
            "received_by_position": "Kepala Balai",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.PLACED
    bast = issued_documents_for(case).get()
    detail = worker.get(reverse("childcare:detail", args=[case.pk]))
    assert reverse("childcare:issued", args=[case.pk, bast.pk]) in detail.text

    companion = team.cast.client_for(team.companion)
    assert (
        companion.post(
            reverse("childcare:review", args=[case.pk]),
            {"reviewed_on": today, "progress": "Anak mulai sekolah"},
        ).status_code
        == 302
    )
    assert case.reviews.count() == 1
    assert (
        worker.post(
            reverse("childcare:close", args=[case.pk]),
            {"outcome": "foster_care", "outcome_on": today},
        ).status_code
        == 302
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.outcome == "foster_care"


def test_a_full_centre_is_refused_on_the_placement_page(team):
    small = team.centre(code="penuh", capacity=1)
    team.placed_case(centre=small)
    case = team.ready_case(name="Anak Kedua")
    response = team.cast.client_for(team.head_of_division).post(
        reverse("childcare:placement", args=[case.pk]),
        {
            "centre": small.pk,
            "placed_on": timezone.localdate().isoformat(),
            "place": "Serang",
            "received_by_name": "K",
            "received_by_position": "K",
        },
    )
    assert response.status_code == 200
    assert "error-summary" in response.text
    case.refresh_from_db()
    assert case.status == CaseStatus.REFERRED


def test_the_head_of_division_assigns_through_the_page_and_a_worker_cannot(team):
    case = team.register()
    url = reverse("childcare:assign", args=[case.pk])
    data = {"role": "social_worker", "to_user": team.worker.pk, "reason": "Penugasan"}
    assert team.cast.client_for(team.head_of_division).post(url, data).status_code == 302
    assert team.cast.client_for(team.worker).post(url, data).status_code == 403


def test_the_children_menu_and_list_pages_render_for_every_role(team):
    for user in (team.worker, team.front_office, team.auditor, team.lebak_head):
        client = team.cast.client_for(user)
        assert client.get(reverse("childcare:list")).status_code == 200
        assert client.get(reverse("childcare:centres")).status_code == 200


def test_the_demo_loads_twice_without_duplicates(team, standard):
    from sigap.childcare import demo
    from sigap.childcare.models import Centre

    out = OutputWrapper(io.StringIO())
    demo.load(stdout=out)
    demo.load(stdout=out)
    assert Centre.objects.filter(office=team.office).count() == 2
    case = Case.objects.get(referral_number=demo.DEMO_REFERRAL_NUMBER)
    assert case.child.name == "Anak Demo" and case.child.nik is None
    assert case.social_worker == team.worker and case.child_companion == team.companion
    assert hasattr(case, "consent") and not hasattr(case, "assessment")
    # Filed through the request engine, whose request now waits at the assessment step.
    from sigap.applications.models import Request

    request = Request.objects.get(pk=case.request_id)
    assert request.current_step.code == "assessment"
    assert request.applicant_name == team.lebak.name


def test_the_assign_list_names_each_staff_members_role(team):
    from sigap.childcare.forms import AssignForm

    form = AssignForm(office=team.office)
    labels = [label for _, label in form.fields["to_user"].choices if _]
    assert f"{team.worker.display_name} (Pekerja sosial)" in labels
    assert f"{team.companion.display_name} (Pendamping anak)" in labels
