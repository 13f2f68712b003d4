"""Requirements due at a later step: not asked for at intake, required before their step moves on.

Seed 003's consent, assessment and health certificate come into being during the procedure; the
engine is generic, so these tests make one of seed 001's documents due at its analysis step.
"""

import pytest
from django.urls import reverse

from sigap.accounts.roles import Role
from sigap.api.errors import ConflictError
from sigap.applications.models import CheckStatus, RequestStatus
from sigap.applications.services import intake_errors, request_act, request_create
from sigap.applications.tests import factories
from sigap.applications.tests.test_views_staff import _client, intake_at_counter, post_act
from sigap.applications.workflow import intake_requirements

pytestmark = pytest.mark.django_db

LATER = "savings-book"
ANALYSIS = {
    "aid_type": "BPNT / Sembako",
    "problem": "KKS hilang",
    "analysis": "Kartu hilang saat pindah rumah",
    "solution": "Penerbitan KKS baru melalui bank penyalur",
    "siks_ng_updated": True,
    "kpm_educated": True,
}


@pytest.fixture
def later_standard(sembako):
    """Seed 001 with the savings book due at the back office's analysis, not at the counter."""
    sembako.requirements.filter(code=LATER).update(due_at_step="analyse")
    return sembako


def act(request, user, action, data=None):
    return request_act(
        request=request, user=user, action=action, data=data or {}, expected_version=request.version
    )


def intake_checks(request) -> dict:
    return {
        "checks": [
            {"requirement": r.code, "status": "complete", "note": ""}
            for r in intake_requirements(request)
        ]
    }


def at_analysis(standard, tarakan):
    """A request filed without the later document and checked complete at the counter."""
    front = tarakan[Role.FRONT_OFFICE]
    uploads = factories.files_for(standard, "kks-new")
    uploads.pop(LATER)
    request = request_create(
        standard=standard,
        product_code="kks-new",
        person=factories.person(),
        user=front,
        channel="api",  # uploads are required on this channel: the later one is not
        uploads=uploads,
        issue_receipt=False,
    )
    request = act(request, front, "receive")
    return act(request, front, "check", intake_checks(request))


def test_a_requirement_due_later_is_not_asked_for_at_intake(later_standard, tarakan):
    request = at_analysis(later_standard, tarakan)
    assert LATER not in intake_errors(request)
    # The counter's complete check of what is due at intake moves the request on.
    assert request.status == RequestStatus.IN_PROGRESS
    assert request.current_step.code == "analyse"
    assert request.checks.get(requirement__code=LATER).status == CheckStatus.PENDING


def test_marking_only_intake_items_at_the_check_does_not_return_the_request(
    later_standard, tarakan
):
    request = at_analysis(later_standard, tarakan)
    assert request.missing == [] and request.status != RequestStatus.RETURNED


def test_the_step_a_requirement_is_due_at_refuses_to_go_on_without_it(later_standard, tarakan):
    request = at_analysis(later_standard, tarakan)
    with pytest.raises(ConflictError) as info:
        act(request, tarakan[Role.BACK_OFFICE], "analyse", ANALYSIS)
    assert info.value.code == "requirement_due"
    assert "Fotocopy Buku Tabungan" in info.value.message
    request.refresh_from_db()
    assert request.current_step.code == "analyse" and request.done_actions == []


def test_a_finding_of_missing_at_the_due_step_is_refused_too(later_standard, tarakan):
    request = at_analysis(later_standard, tarakan)
    data = {**ANALYSIS, "checks": [{"requirement": LATER, "status": "missing", "note": "x"}]}
    with pytest.raises(ConflictError):
        act(request, tarakan[Role.BACK_OFFICE], "analyse", data)
    # Refused as a whole: the finding is not stored either.
    assert request.checks.get(requirement__code=LATER).status == CheckStatus.PENDING


def test_the_due_step_goes_on_once_the_requirement_is_complete(later_standard, tarakan):
    request = at_analysis(later_standard, tarakan)
    data = {**ANALYSIS, "checks": [{"requirement": LATER, "status": "complete", "note": ""}]}
    request = act(request, tarakan[Role.BACK_OFFICE], "analyse", data)
    assert request.current_step.code == "initial"
    check = request.checks.get(requirement__code=LATER)
    assert check.status == CheckStatus.COMPLETE
    assert check.checked_by == tarakan[Role.BACK_OFFICE]


def test_a_finding_recorded_before_the_step_stands(later_standard, tarakan):
    from sigap.applications.services import requirement_check_record

    request = at_analysis(later_standard, tarakan)
    requirement_check_record(
        request=request,
        requirement_code=LATER,
        status=CheckStatus.COMPLETE,
        user=tarakan[Role.BACK_OFFICE],
    )
    request = act(request, tarakan[Role.BACK_OFFICE], "analyse", ANALYSIS)
    assert request.current_step.code == "initial"


def test_without_a_due_step_every_requirement_is_checked_at_intake_as_before(sembako, tarakan):
    front = tarakan[Role.FRONT_OFFICE]
    request = request_create(
        standard=sembako,
        product_code="kks-new",
        person=factories.person(),
        user=front,
        issue_receipt=False,
    )
    request = act(request, front, "receive")
    checks = intake_checks(request)
    assert {c["requirement"] for c in checks["checks"]} == {
        "kk-ktp",
        "kks",
        "kelurahan-letter",
        LATER,
    }
    checks["checks"][-1]["status"] = "missing"
    request = act(request, front, "check", checks)
    assert request.status == RequestStatus.RETURNED and request.missing == [LATER]


# --- through the staff UI ---------------------------------------------------------------------


def ui_at_analysis(standard, tarakan):
    client = _client(tarakan[Role.FRONT_OFFICE])
    req = intake_at_counter(client, standard)
    assert post_act(client, req, "receive").status_code == 302
    payload = {}
    for r in intake_requirements(req):
        payload[f"{r.code}__status"] = "complete"
    assert LATER not in {r.code for r in intake_requirements(req)}
    assert post_act(client, req, "check", payload).status_code == 302
    req.refresh_from_db()
    return req


def test_the_checklist_shows_a_later_item_with_its_step(later_standard, tarakan):
    req = ui_at_analysis(later_standard, tarakan)
    client = _client(tarakan[Role.FRONT_OFFICE])
    page = client.get(reverse("applications:detail", args=[req.code])).content.decode()
    assert "Dipenuhi pada tahap 3. Mengecek jenis bantuan" in page


def test_the_due_step_form_asks_for_the_finding_and_a_409_explains_in_indonesian(
    later_standard, tarakan
):
    req = ui_at_analysis(later_standard, tarakan)
    assert req.current_step.code == "analyse"
    client = _client(tarakan[Role.BACK_OFFICE])
    page = client.get(reverse("applications:detail", args=[req.code])).content.decode()
    assert f'name="act-{LATER}__status"' in page
    assert "Persyaratan yang jatuh pada tahap ini" in page

    response = post_act(client, req, "analyse", ANALYSIS)
    assert response.status_code == 409
    assert "Tahap ini belum dapat dilanjutkan" in response.content.decode()

    response = post_act(client, req, "analyse", {**ANALYSIS, f"{LATER}__status": "complete"})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.current_step.code == "initial"


def test_the_api_answers_409_requirement_due_and_takes_the_finding_with_the_action(
    later_standard, tarakan
):
    from sigap.applications.tests.test_api import Api

    request = at_analysis(later_standard, tarakan)
    api = Api(tarakan[Role.BACK_OFFICE])
    response = api.act(request.code, "analyse", ANALYSIS)
    assert response.status_code == 409
    assert response.json()["code"] == "requirement_due"

    finding = [{"requirement": LATER, "status": "complete", "note": ""}]
    response = api.act(request.code, "analyse", {**ANALYSIS, "checks": finding})
    assert response.status_code == 200, response.content
    request.refresh_from_db()
    assert request.current_step.code == "initial"
