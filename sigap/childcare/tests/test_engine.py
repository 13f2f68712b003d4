"""The children's standard run by the request engine: the request names the referring office,
the child lives only in the case, and each step needs what the case holds."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sigap.applications.models import RequestEvent, RequestStatus
from sigap.applications.services import request_act, request_create
from sigap.childcare import services
from sigap.childcare.extension import MSG_NOT_ON_CASE, MSG_STEP_CONSENT, case_for_request
from sigap.childcare.models import CaseStatus, ConsentGiver, Recommendation
from sigap.childcare.selectors import issued_documents_for
from sigap.childcare.tests.conftest import CHILD_NIK, pdf

pytestmark = pytest.mark.django_db

CHILD = "Anak Demo Rahayu"


def intake(team, **overrides) -> dict:
    data = {
        "referring_office": team.lebak.pk,
        "referral_number": "400.9/77/Dinsos-Lbk/2026",
        "referral_date": timezone.localdate().isoformat(),
        "child_name": CHILD,
        "child_nik": CHILD_NIK,
        "child_sex": "F",
        "no_carer": True,
        "no_carer_evidence": "Orang tua meninggal dunia.",
    }
    data.update(overrides)
    return data


def file_referral(team, standard, **overrides):
    return request_create(
        standard=standard,
        organisation={"kind": "office", "name": team.lebak.name},
        user=team.front_office,
        uploads={"regency-request-letter": pdf("permohonan.pdf")},
        answers={"eligibility": "yes"},
        extension_data=intake(team, **overrides),
        issue_receipt=False,
    )


def act(request, user, action, data=None):
    return request_act(
        request=request, user=user, action=action, data=data or {}, expected_version=request.version
    )


def all_checks(request) -> dict:
    from sigap.applications.workflow import applicable_requirements

    return {
        "checks": [
            {"requirement": r.code, "status": "complete", "note": ""}
            for r in applicable_requirements(request)
        ]
    }


def test_intake_creates_the_case_and_the_request_holds_no_child_identity(team, standard):
    request = file_referral(team, standard)
    case = case_for_request(request)
    assert case is not None and case.child.name == CHILD and case.referring_office == team.lebak
    assert request.applicant_name == team.lebak.name
    assert case.documents.filter(kind="referral_letter").count() == 1
    stored = f"{request.step_data} {list(RequestEvent.objects.values('data', 'note'))}"
    assert CHILD not in stored and CHILD_NIK not in stored


def test_intake_without_any_condition_is_refused_and_nothing_is_stored(team, standard):
    with pytest.raises(ValidationError) as info:
        file_referral(team, standard, no_carer=False, no_carer_evidence="")
    assert services.MSG_NOT_ELIGIBLE in info.value.messages
    from sigap.childcare.models import Case

    assert not Case.objects.exists()


def test_the_whole_standard_through_the_engine_to_the_bast(team, standard):
    request = file_referral(team, standard)
    case = case_for_request(request)
    request = act(request, team.front_office, "receive")
    request = act(request, team.front_office, "check", all_checks(request))
    services.case_assign(
        case=case, role="social_worker", to_user=team.worker, by=team.head_of_division, reason="x"
    )

    # A social worker who is not on the case cannot take the case's steps.
    with pytest.raises(ValidationError) as info:
        act(request, team.other_worker, "carry_out")
    assert MSG_NOT_ON_CASE in info.value.messages
    # The step needs the consent recorded on the case page.
    with pytest.raises(ValidationError) as info:
        act(request, team.worker, "carry_out")
    assert MSG_STEP_CONSENT in info.value.messages

    today = timezone.localdate()
    services.consent_record(
        case=case,
        giver_kind=ConsentGiver.FAMILY,
        giver_name="Paman Demo",
        relation="Paman",
        given_on=today,
        file=pdf(),
        by=team.worker,
    )
    request = act(request, team.worker, "carry_out")
    services.assessment_record(
        case=case,
        by=team.worker,
        signed_copy=pdf(),
        situation="s",
        family="f",
        health="h",
        education="e",
        risks="r",
        needs="n",
        recommendation=Recommendation.BALAI,
        assessed_on=today,
    )
    request = act(request, team.worker, "review", {"advice": "Layak ditempatkan di balai"})
    services.health_certificate_record(
        case=case, doctor_name="dr. D", facility="RSUD", issued_on=today, file=pdf(), by=team.worker
    )
    request = act(request, team.worker, "carry_out")
    request = act(request, team.head_of_division, "decide", {"decision": "approve"})
    centre = team.centre()
    request = act(
        request,
        team.head_of_division,
        "hand_over",
        {
            "centre": centre.pk,
            "placed_on": today.isoformat(),
            "place": "Serang",
            "received_by": "Kepala Balai Demo",
            "received_by_position": "Kepala Balai",
        },
    )
    case.refresh_from_db()
    assert request.status == RequestStatus.COMPLETED
    assert case.status == CaseStatus.PLACED
    assert issued_documents_for(case).count() == 1
    stored = f"{request.step_data} {list(RequestEvent.objects.values('data', 'note'))}"
    assert CHILD not in stored and CHILD_NIK not in stored


def test_the_generic_request_page_never_shows_the_child(team, standard):
    request = file_referral(team, standard)
    for user in (team.front_office, team.head_of_division):
        response = team.cast.client_for(user).get(
            reverse("applications:detail", args=[request.code])
        )
        assert response.status_code == 200
        assert CHILD not in response.text and CHILD_NIK not in response.text
        assert case_for_request(request).code in response.text


def test_the_referral_files_of_the_request_open_only_for_those_who_may_open_the_case(
    team, standard
):
    request = file_referral(team, standard)
    upload = request.uploads.get()
    url = reverse("applications:upload", args=[request.code, upload.pk])
    assert team.cast.client_for(team.front_office).get(url).status_code == 404
    assert team.cast.client_for(team.other_worker).get(url).status_code == 404
    assert team.cast.client_for(team.head_of_division).get(url).status_code == 200


def intake_checks(request) -> dict:
    """What the front office checks on the referral: only the items due at intake."""
    from sigap.applications.workflow import intake_requirements

    return {
        "checks": [
            {"requirement": r.code, "status": "complete", "note": ""}
            for r in intake_requirements(request)
        ]
    }


def test_the_referral_passes_the_front_office_check_without_consent_assessment_or_health(
    team, standard
):
    request = file_referral(team, standard)
    request = act(request, team.front_office, "receive")
    checked = {c["requirement"] for c in intake_checks(request)["checks"]}
    assert checked == {"eligibility", "regency-request-letter"}
    request = act(request, team.front_office, "check", intake_checks(request))
    assert request.status == RequestStatus.IN_PROGRESS
    assert request.current_step.code == "consent"
    assert request.missing == []


def test_the_consent_step_refuses_without_the_consent_and_passes_with_it(team, standard):
    from sigap.api.errors import ConflictError
    from sigap.applications.models import CheckStatus

    request = file_referral(team, standard)
    case = case_for_request(request)
    request = act(request, team.front_office, "receive")
    request = act(request, team.front_office, "check", intake_checks(request))
    services.case_assign(
        case=case, role="social_worker", to_user=team.worker, by=team.head_of_division, reason="x"
    )
    with pytest.raises(ValidationError) as info:
        act(request, team.worker, "carry_out")
    assert MSG_STEP_CONSENT in info.value.messages

    services.consent_record(
        case=case,
        giver_kind=ConsentGiver.FAMILY,
        giver_name="Paman Demo",
        relation="Paman",
        given_on=timezone.localdate(),
        file=pdf(),
        by=team.worker,
    )
    # An officer's finding that the consent letter is missing still holds the step (409).
    missing = {"checks": [{"requirement": "consent-letter", "status": "missing", "note": "x"}]}
    with pytest.raises(ConflictError) as conflict:
        act(request, team.worker, "carry_out", missing)
    assert conflict.value.code == "requirement_due"

    request = act(request, team.worker, "carry_out")
    assert request.current_step.code == "assessment"
    check = request.checks.get(requirement__code="consent-letter")
    assert check.status == CheckStatus.COMPLETE and case.code in check.note
    # The assessment and health certificate are still open: due at their own steps.
    assert request.checks.get(requirement__code="assessment").status == CheckStatus.PENDING
