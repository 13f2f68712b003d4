"""Signers see what they sign: the draft letter (DRAF, unnumbered) at paraf and sign, its
fingerprint kept in the history, and the issued letter refused if its content changed since."""

import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from sigap.accounts.roles import Role
from sigap.applications.models import RequestEvent
from sigap.applications.tests.test_workflow import ANALYSIS, act, file_sembako
from sigap.documents.models import AgendaEntry


def _to_initial(sembako, tarakan):
    fo = tarakan[Role.FRONT_OFFICE]
    request = act(file_sembako(sembako, fo), fo, "receive")
    from sigap.applications.tests import factories

    request = act(request, fo, "check", factories.all_checks(request))
    return act(request, tarakan[Role.BACK_OFFICE], "analyse", ANALYSIS)


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_section_head_opens_the_draft_with_the_findings_before_paraf(cast, sembako, tarakan):
    request = _to_initial(sembako, tarakan)
    client = cast.client_for(tarakan[Role.SECTION_HEAD])
    page = client.get(f"/staff/requests/{request.code}/").content.decode()
    assert f"/staff/requests/{request.code}/draft.pdf" in page
    assert ANALYSIS["analysis"] in page
    response = client.get(f"/staff/requests/{request.code}/draft.pdf")
    assert response.status_code == 200
    text = _text(response.content)
    assert "DRAF" in text
    assert ANALYSIS["solution"] in text
    assert not AgendaEntry.objects.exists(), "a draft takes no number"


def test_other_office_cannot_open_the_draft(cast, sembako, tarakan):
    request = _to_initial(sembako, tarakan)
    outsider = cast.client_for(cast.user("sragen", Role.HEAD_OF_OFFICE))
    assert outsider.get(f"/staff/requests/{request.code}/draft.pdf").status_code == 404


def test_the_fingerprint_of_the_approved_draft_is_kept_and_checked_at_issue(sembako, tarakan):
    request = _to_initial(sembako, tarakan)
    request = act(request, tarakan[Role.SECTION_HEAD], "initial")
    request = act(request, tarakan[Role.HEAD_OF_OFFICE], "sign")
    signed = RequestEvent.objects.get(request=request, action="sign")
    assert len(signed.data["draft_sha256"]) == 64
    assert (
        len(RequestEvent.objects.get(request=request, action="initial").data["draft_sha256"]) == 64
    )
    # The analysis is changed after signing: the letter is no longer what was signed.
    step_data = request.step_data
    step_data["analyse"]["analyse"]["solution"] = "Solusi lain yang tidak pernah dibaca"
    request.step_data = step_data
    request.save(update_fields=["step_data"])
    with pytest.raises(ValidationError) as error:
        act(request, tarakan[Role.FRONT_OFFICE], "register")
    assert error.value.code == "draft_changed"
    assert not AgendaEntry.objects.exists()


def test_an_unchanged_letter_is_issued_after_signing(sembako, tarakan):
    request = _to_initial(sembako, tarakan)
    request = act(request, tarakan[Role.SECTION_HEAD], "initial")
    request = act(request, tarakan[Role.HEAD_OF_OFFICE], "sign")
    request = act(request, tarakan[Role.FRONT_OFFICE], "register")
    assert AgendaEntry.objects.count() == 1
