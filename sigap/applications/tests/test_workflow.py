"""The engine: steps in order, roles, versions, returns and rejections, history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from sigap.accounts.roles import Role
from sigap.api.errors import ConflictError
from sigap.applications.models import CheckStatus, RequestStatus
from sigap.applications.services import request_act, request_create, request_resubmit
from sigap.applications.tests import factories
from sigap.standards.models import ProcedureStep

ANALYSIS = {
    "aid_type": "BPNT / Sembako",
    "problem": "KKS hilang",
    "analysis": "Kartu hilang saat pindah rumah; saldo masih ada",
    "solution": "Penerbitan KKS baru melalui bank penyalur",
    "kks_number": "6013011234567890",
    "siks_ng_updated": True,
    "kpm_educated": True,
}


def file_sembako(standard, user, product="kks-new", **kwargs):
    kwargs.setdefault("issue_receipt", False)
    return request_create(
        standard=standard,
        product_code=product,
        person=factories.person(),
        user=user,
        contact_email="pemohon@example.org",
        **kwargs,
    )


def act(request, user, action, data=None):
    return request_act(
        request=request, user=user, action=action, data=data or {}, expected_version=request.version
    )


def test_a_new_request_waits_at_the_first_step_with_a_tracking_code(sembako, tarakan):
    request = file_sembako(sembako, tarakan[Role.FRONT_OFFICE])
    assert request.status == RequestStatus.SUBMITTED
    assert request.current_step.code == "receive"
    assert len(request.code) == 10 and request.code.isalnum()
    assert request.events.get().action == "submit"
    # The death certificate applies only to the death letter.
    assert "death-certificate" not in set(
        request.checks.values_list("requirement__code", flat=True)
    )


def test_the_death_letter_requires_the_death_certificate(sembako, tarakan):
    request = file_sembako(sembako, tarakan[Role.FRONT_OFFICE], product="death")
    codes = set(request.checks.values_list("requirement__code", flat=True))
    assert "death-certificate" in codes


def test_an_incomplete_file_goes_back_to_the_applicant_with_what_is_missing(sembako, tarakan):
    fo = tarakan[Role.FRONT_OFFICE]
    request = act(file_sembako(sembako, fo), fo, "receive")
    checks = factories.all_checks(request)
    checks["checks"][1]["status"] = CheckStatus.MISSING
    checks["checks"][1]["note"] = "Tidak membawa fotocopy KKS"
    request = act(request, fo, "check", checks)
    assert request.status == RequestStatus.RETURNED
    assert request.missing == ["kks"]
    assert request.current_step.code == "check"
    request = request_resubmit(request=request, user=fo, expected_version=request.version)
    assert request.status == RequestStatus.SUBMITTED
    request = act(request, fo, "check", factories.all_checks(request))
    assert request.current_step.code == "analyse"
    assert request.status == RequestStatus.IN_PROGRESS


def test_front_office_cannot_sign(sembako, tarakan):
    fo = tarakan[Role.FRONT_OFFICE]
    request = act(file_sembako(sembako, fo), fo, "receive")
    request = act(request, fo, "check", factories.all_checks(request))
    request = act(request, tarakan[Role.BACK_OFFICE], "analyse", ANALYSIS)
    request = act(request, tarakan[Role.SECTION_HEAD], "initial")
    with pytest.raises(PermissionDenied):
        act(request, fo, "sign")
    request.refresh_from_db()
    assert request.current_step.code == "sign"


def test_an_action_the_current_step_does_not_offer_is_a_conflict(sembako, tarakan):
    request = file_sembako(sembako, tarakan[Role.FRONT_OFFICE])
    with pytest.raises(ConflictError) as exc:
        act(request, tarakan[Role.HEAD_OF_OFFICE], "sign")
    assert exc.value.code == "not_offered"


def test_actions_within_a_step_are_taken_in_order(sembako, tarakan):
    fo = tarakan[Role.FRONT_OFFICE]
    request = file_sembako(sembako, fo)
    step = request.current_step
    ProcedureStep.objects.filter(pk=step.pk).update(actions=["receive", "check"])
    request.refresh_from_db()
    with pytest.raises(ConflictError) as exc:
        act(request, fo, "check", factories.all_checks(request))
    assert exc.value.code == "out_of_order"


def test_a_stale_version_is_refused_and_nothing_is_recorded(sembako, tarakan):
    fo = tarakan[Role.FRONT_OFFICE]
    request = file_sembako(sembako, fo)
    seen = request.version
    act(request, fo, "receive")
    with pytest.raises(ConflictError) as exc:
        request_act(request=request, user=fo, action="receive", data={}, expected_version=seen)
    assert exc.value.code == "stale"
    assert request.events.filter(action="receive").count() == 1


def test_another_office_gets_not_found(sembako, tarakan, cast):
    request = file_sembako(sembako, tarakan[Role.FRONT_OFFICE])
    with pytest.raises(Http404):
        act(request, cast.user("sragen", Role.FRONT_OFFICE), "receive")


def test_analysis_needs_the_siks_ng_confirmation(sembako, tarakan):
    fo = tarakan[Role.FRONT_OFFICE]
    request = act(file_sembako(sembako, fo), fo, "receive")
    request = act(request, fo, "check", factories.all_checks(request))
    with pytest.raises(ValidationError) as exc:
        act(request, tarakan[Role.BACK_OFFICE], "analyse", {**ANALYSIS, "siks_ng_updated": False})
    assert "siks_ng_updated" in exc.value.message_dict
    request.refresh_from_db()
    assert request.current_step.code == "analyse"


def test_every_action_is_kept_in_the_history_with_who(sembako, tarakan):
    fo = tarakan[Role.FRONT_OFFICE]
    request = act(file_sembako(sembako, fo), fo, "receive", {"note": "Berkas diterima"})
    event = request.events.get(action="receive")
    assert event.actor == fo
    assert event.note == "Berkas diterima"
    assert (event.from_status, event.to_status) == ("submitted", "in_progress")


def _decision_standard(cast):
    """A standard with a decision step (as seed 000 has): the engine is general."""
    standard = factories.sembako_standard(cast.office("tarakan"))
    standard.steps.filter(code="initial").update(actions=["decide"], role=Role.SECTION_HEAD)
    return standard


def _to_decision(standard, tarakan):
    fo = tarakan[Role.FRONT_OFFICE]
    request = act(file_sembako(standard, fo), fo, "receive")
    request = act(request, fo, "check", factories.all_checks(request))
    return act(request, tarakan[Role.BACK_OFFICE], "analyse", ANALYSIS)


def test_a_rejection_needs_a_reason_and_closes_the_request(cast, tarakan):
    request = _to_decision(_decision_standard(cast), tarakan)
    head = tarakan[Role.SECTION_HEAD]
    with pytest.raises(ValidationError):
        act(request, head, "decide", {"decision": "reject"})
    request = act(request, head, "decide", {"decision": "reject", "reason": "Bukan KPM"})
    assert request.status == RequestStatus.REJECTED
    assert request.return_reason == "Bukan KPM"
    assert request.current_step is None


def test_a_return_goes_back_to_the_previous_step(cast, tarakan):
    request = _to_decision(_decision_standard(cast), tarakan)
    request = act(
        request, tarakan[Role.SECTION_HEAD], "decide", {"decision": "return", "reason": "Lengkapi"}
    )
    assert request.current_step.code == "analyse"
    assert request.status == RequestStatus.IN_PROGRESS


def test_an_approval_moves_on(cast, tarakan):
    request = _to_decision(_decision_standard(cast), tarakan)
    request = act(request, tarakan[Role.SECTION_HEAD], "decide", {"decision": "approve"})
    assert request.current_step.code == "sign"


def test_a_request_keeps_its_revision_after_a_new_one_is_loaded(sembako, tarakan, cast):
    request = file_sembako(sembako, tarakan[Role.FRONT_OFFICE])
    newer = factories.sembako_standard(cast.office("tarakan"), revision=2)
    newer.steps.filter(code="check").update(label="Pengecekan berkas (revisi 2)")
    request.refresh_from_db()
    assert request.standard_id == sembako.pk
    act(request, tarakan[Role.FRONT_OFFICE], "receive")
    request.refresh_from_db()
    assert request.current_step.standard_id == sembako.pk
    assert request.current_step.label == "Petugas FO melakukan Pengecekan Berkas"


def walk_to_register(standard, tarakan, **kwargs):
    fo = tarakan[Role.FRONT_OFFICE]
    request = act(file_sembako(standard, fo, **kwargs), fo, "receive")
    request = act(request, fo, "check", factories.all_checks(request))
    request = act(request, tarakan[Role.BACK_OFFICE], "analyse", ANALYSIS)
    request = act(request, tarakan[Role.SECTION_HEAD], "initial")
    return act(request, tarakan[Role.HEAD_OF_OFFICE], "sign")


def test_registering_issues_the_numbered_letter_signed_by_the_signer(sembako, tarakan):
    from sigap.documents.selectors import documents_for_subject

    request = walk_to_register(sembako, tarakan)
    fo = tarakan[Role.FRONT_OFFICE]
    request = act(request, fo, "register")
    letter = documents_for_subject(request).get()
    assert letter.number  # the agenda number
    assert letter.signer == tarakan[Role.HEAD_OF_OFFICE]
    assert letter.template_code == "sk-kks-new"
    assert "Siti" not in letter.title  # the public verify page shows the title
    assert request.step_data["register-handover"]["register"]["document_number"] == letter.number
    request = act(request, fo, "hand_over", {"received_by": "Siti Aminah"})
    assert request.status == RequestStatus.COMPLETED
    assert request.completed_at is not None
    assert request.current_step is None


def test_abandoned_drafts_are_purged_with_their_files(sembako, tarakan):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from sigap.applications.models import Request
    from sigap.applications.services import request_start, upload_add

    draft = request_start(
        standard=sembako, product_code="kks-new", person=factories.person(), user=None
    )
    upload = upload_add(request=draft, requirement_code="kk-ktp", file=factories.pdf_file())
    storage, name = upload.file.storage, upload.file.name
    Request.objects.filter(pk=draft.pk).update(created_at=timezone.now() - timedelta(days=3))
    submitted = file_sembako(sembako, tarakan[Role.FRONT_OFFICE])
    call_command("requests_purge_drafts", "--days", "2")
    assert not Request.objects.filter(pk=draft.pk).exists()
    assert not storage.exists(name)
    assert Request.objects.filter(pk=submitted.pk).exists()


def test_an_organisation_applies_only_where_the_standard_allows_it(sembako, tarakan):
    from sigap.applications.services import request_start

    posko = {"kind": "posko", "name": "Posko Banjir Juata", "region_code": "65.71.01"}
    with pytest.raises(ValidationError) as exc:
        request_start(standard=sembako, product_code="kks-new", organisation=posko)
    assert "applicant" in exc.value.message_dict
    sembako.applicant_kinds = ["person", "organisation"]
    sembako.save()
    draft = request_start(standard=sembako, product_code="kks-new", organisation=posko)
    assert draft.applicant_name == "Posko Banjir Juata" and draft.applicant_person is None


def test_a_product_must_be_chosen_when_the_service_has_several(sembako):
    from sigap.applications.services import request_start

    with pytest.raises(ValidationError) as exc:
        request_start(standard=sembako, person=factories.person())
    assert "product_code" in exc.value.message_dict
