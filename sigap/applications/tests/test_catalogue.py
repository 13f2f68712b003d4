"""The engine runs the standards as the catalogue files load them (not only test factories)."""

from sigap.applications.models import RequestStatus
from sigap.applications.services import request_act, request_create
from sigap.applications.tests import factories


def act(request, user, action, data=None):
    return request_act(
        request=request, user=user, action=action, data=data or {}, expected_version=request.version
    )


def test_seed_001_from_the_catalogue_runs_to_the_letter(catalogue, cast):
    standard = catalogue["tarakan-sembako"]
    users = {r: cast.user("tarakan", r) for r in set(standard.steps.values_list("role", flat=True))}
    request = request_create(
        standard=standard,
        product_code="death",
        person=factories.person(),
        user=users[standard.steps.first().role],
        issue_receipt=False,
    )
    analysis = {
        "aid_type": "Sembako",
        "problem": "KPM meninggal",
        "analysis": "Perlu penggantian pengurus",
        "solution": "Surat keterangan meninggal",
        "siks_ng_updated": True,
        "kpm_educated": True,
        "received_by": "Ahli waris",
        "decision": "approve",
    }
    while request.status in ("submitted", "in_progress"):
        step = request.current_step
        action = next(a for a in step.actions if a not in request.done_actions)
        data = factories.all_checks(request) if action == "check" else analysis
        request = act(request, users[step.role], action, data)
    assert request.status == RequestStatus.COMPLETED


def test_seed_002_from_the_catalogue_pays_out_with_a_kwitansi(catalogue, cast):
    from sigap.cashaid.models import CashAid
    from sigap.cashaid.tests.conftest import intake_data

    standard = catalogue["sragen-kehabisan-bekal"]
    users = {r: cast.user("sragen", r) for r in set(standard.steps.values_list("role", flat=True))}
    document = standard.requirements.get(kind="document")
    request = request_create(
        standard=standard,
        person=factories.person(nik="3314012003900901"),
        user=users[standard.steps.first().role],
        uploads={document.code: factories.pdf_file()},
        extension_data=intake_data(),
        issue_receipt=False,
    )
    while request.status in ("submitted", "in_progress"):
        step = request.current_step
        action = next(a for a in step.actions if a not in request.done_actions)
        data = factories.all_checks(request) if action == "check" else {"amount_paid": "150000"}
        request = act(request, users[step.role], action, data)
    assert request.status == RequestStatus.COMPLETED
    assert CashAid.objects.get(request=request).receipt is not None
