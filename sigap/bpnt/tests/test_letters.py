"""Seed 004's letters go the Dinas way: the companion or the section drafts, the Kepala Bidang
initials or signs, the Kepala Dinas signs the initialled draft; only the signature numbers the
letter, and the PDF carries the signer's block. Pages and API, allowed role, wrong role, other
office and anonymous."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sigap.accounts.roles import Role
from sigap.bpnt import letters
from sigap.bpnt.models import (
    CamatNotice,
    DistributionStage,
    LetterAction,
    LetterDraft,
    LetterStatus,
    TicketStatus,
)
from sigap.bpnt.services import (
    stage_create,
    stage_notices_draft,
    ticket_create,
    ticket_resolve,
)
from sigap.bpnt.tests.conftest import YEAR, make_kpm
from sigap.documents.models import IssuedDocument


@pytest.fixture
def kabid(cast):
    return cast.user("sragen", Role.HEAD_OF_DIVISION)


@pytest.fixture
def kadis(cast):
    return cast.user("sragen", Role.HEAD_OF_OFFICE)


def _drafted(sragen, kpm, companion, recommendation="bank") -> LetterDraft:
    ticket = ticket_create(
        office=sragen,
        person=kpm,
        kind="kks_lost",
        reporter="beneficiary",
        description="KKS hilang.",
        assigned_to=companion,
        created_by=companion,
    )
    ticket = ticket_resolve(
        ticket=ticket,
        user=companion,
        resolution="Rekomendasi penggantian kartu.",
        recommendation=recommendation,
    )
    return ticket.letters.get()


def _pdf_text(document) -> str:
    from pypdf import PdfReader

    with document.file.open("rb") as fh:
        return "\n".join(page.extract_text() for page in PdfReader(fh).pages)


def test_the_companion_only_drafts_the_recommendation_nothing_is_numbered(sragen, kpm, companion):
    letter = _drafted(sragen, kpm, companion)
    ticket = letter.ticket
    assert ticket.status == TicketStatus.AWAITING_LETTER
    assert letter.status == LetterStatus.AWAITING_INITIALS and letter.document_number == ""
    assert not IssuedDocument.objects.exists()
    assert letter.context["perihal"].startswith("Rekomendasi")
    assert (letter.context["sifat"], letter.context["lampiran"]) == ("Penting", "-")
    with pytest.raises(PermissionDenied):
        letters.letter_sign(letter=letter, user=companion)
    assert not IssuedDocument.objects.exists()


def test_kabid_initials_kadis_signs_and_only_then_the_letter_is_numbered_with_its_block(
    sragen, kpm, companion, kabid, kadis
):
    letter = _drafted(sragen, kpm, companion)
    with pytest.raises(ValidationError) as info:
        letters.letter_sign(letter=letter, user=kadis)  # no paraf yet
    assert info.value.code == "needs_initials"
    letter = letters.letter_initial(letter=letter, user=kabid)
    assert letter.status == LetterStatus.INITIALLED and not IssuedDocument.objects.exists()
    letter = letters.letter_sign(letter=letter, user=kadis)
    assert letter.status == LetterStatus.SIGNED and letter.document_number
    document = IssuedDocument.objects.get(pk=letter.document_id)
    assert document.signer == kadis and document.signer_nip == kadis.nip
    assert document.number == letter.document_number
    text = _pdf_text(document)
    assert kadis.display_name in text and kadis.nip in text.replace(" ", "")
    assert kabid.display_name in text  # the paraf line
    heading = " ".join(text.split())
    assert "Sifat : Penting" in heading and "Lampiran : -" in heading
    assert "Perihal : Rekomendasi Penanganan Permasalahan Program Sembako" in heading
    ticket = letter.ticket
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.RESOLVED and ticket.document_id == document.pk
    actions = list(letter.events.values_list("action", "actor"))
    assert actions == [
        (LetterAction.DRAFT, companion.pk),
        (LetterAction.INITIAL, kabid.pk),
        (LetterAction.SIGN, kadis.pk),
    ]


def test_kabid_may_sign_on_behalf_of_the_kepala_dinas(sragen, kpm, companion, kabid):
    letter = letters.letter_sign(letter=_drafted(sragen, kpm, companion), user=kabid)
    context = letters.signed_context(letter, kabid)
    assert context["signer_title"].startswith("a.n. Kepala ")
    assert context["signatories"] == [
        {
            "role_label": context["signer_title"],
            "name": kabid.display_name,
            "nip": kabid.nip,
            "rank": "",
        }
    ]
    assert IssuedDocument.objects.get(pk=letter.document_id).signer == kabid


def test_a_returned_draft_goes_back_to_the_companion_with_the_reason(
    sragen, kpm, companion, kadis, kabid
):
    letter = _drafted(sragen, kpm, companion)
    with pytest.raises(ValidationError):
        letters.letter_return(letter=letter, user=kabid, reason=" ")
    letter = letters.letter_return(letter=letter, user=kabid, reason="Nomor KKS belum lengkap.")
    ticket = letter.ticket
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.IN_PROGRESS
    assert not IssuedDocument.objects.exists()
    # The companion resolves again: a new draft, the returned one stays in the history.
    ticket_resolve(ticket=ticket, user=companion, resolution="KKS lengkap.", recommendation="pos")
    assert ticket.letters.count() == 2
    with pytest.raises(ValidationError):
        letters.letter_initial(letter=letter, user=kabid)


def test_camat_notices_are_drafts_until_signed_then_become_the_stage_notices(
    sragen, companion, kabid, kadis
):
    make_kpm(sragen, "3314010101800001", "33.14.01.2001")
    make_kpm(sragen, "3314020101800002", "33.14.02.2001", name="BUDI")
    stage = stage_create(office=sragen, year=YEAR, number=1)
    drafts = stage_notices_draft(stage=stage, user=companion)
    assert len(drafts) == 2 and not CamatNotice.objects.exists()
    assert stage_notices_draft(stage=stage, user=companion) == []  # one per district
    first = drafts[0]
    assert first.context["perihal"] == f"Pemberitahuan Penyaluran BPNT Tahap 1 Tahun {YEAR}"
    letters.letter_initial(letter=first, user=kabid)
    signed = letters.letter_sign(letter=first, user=kadis)
    notice = CamatNotice.objects.get()
    assert notice.document_number == signed.document_number and notice.beneficiaries == 1
    heading = " ".join(_pdf_text(IssuedDocument.objects.get(pk=signed.document_id)).split())
    assert "Sifat : Biasa" in heading
    assert f"Perihal : Pemberitahuan Penyaluran BPNT Tahap 1 Tahun {YEAR}" in heading
    assert isinstance(DistributionStage.objects.get().pk, int)


def test_a_head_of_another_office_cannot_act_on_the_letter(cast, sragen, kpm, companion):
    letter = _drafted(sragen, kpm, companion)
    with pytest.raises(PermissionDenied):
        letters.letter_sign(letter=letter, user=cast.user("tarakan", Role.HEAD_OF_DIVISION))


# --- pages --------------------------------------------------------------------------------


def test_the_kepala_dinas_reads_the_draft_and_signs_it_on_the_page(
    cast, sragen, kpm, companion, kabid, kadis
):
    letter = _drafted(sragen, kpm, companion)
    kabid_client = cast.client_for(kabid)
    page = kabid_client.get(reverse("bpnt:letter_detail", args=[letter.pk]))
    assert page.status_code == 200
    assert reverse("bpnt:letter_act", args=[letter.pk, "initial"]) in page.content.decode()
    preview = kabid_client.get(reverse("bpnt:letter_preview", args=[letter.pk]))
    assert preview.status_code == 200 and preview.content[:4] == b"%PDF"
    assert not IssuedDocument.objects.exists()  # a preview is not an issue
    assert (
        kabid_client.post(reverse("bpnt:letter_act", args=[letter.pk, "initial"])).status_code
        == 302
    )
    kadis_client = cast.client_for(kadis)
    queue = kadis_client.get(reverse("bpnt:letter_list"))
    assert reverse("bpnt:letter_detail", args=[letter.pk]) in queue.content.decode()
    signed = kadis_client.post(reverse("bpnt:letter_act", args=[letter.pk, "sign"]))
    assert signed.status_code == 302
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SIGNED


def test_return_without_a_reason_is_a_message_on_the_page(cast, sragen, kpm, companion, kabid):
    letter = _drafted(sragen, kpm, companion)
    response = cast.client_for(kabid).post(
        reverse("bpnt:letter_act", args=[letter.pk, "return"]), {"note": ""}
    )
    assert response.status_code == 400
    assert str(letters.MSG_RETURN_REASON) in response.content.decode()


@pytest.mark.parametrize(
    ("office", "role", "detail", "act"),
    [
        ("sragen", Role.SOCIAL_COMPANION, 200, 403),
        ("sragen", Role.FRONT_OFFICE, 403, 403),
        ("tarakan", Role.HEAD_OF_DIVISION, 404, 404),
    ],
)
def test_letter_pages_per_role(cast, sragen, kpm, companion, office, role, detail, act):
    letter = _drafted(sragen, kpm, companion)
    client = cast.client_for(
        cast.user(office, role) if role != Role.SOCIAL_COMPANION else companion
    )
    assert client.get(reverse("bpnt:letter_detail", args=[letter.pk])).status_code == detail
    assert client.post(reverse("bpnt:letter_act", args=[letter.pk, "sign"])).status_code == act
    letter.refresh_from_db()
    assert letter.status == LetterStatus.AWAITING_INITIALS


def test_anonymous_visitors_are_sent_to_log_in(client, sragen, kpm, companion):
    letter = _drafted(sragen, kpm, companion)
    response = client.get(reverse("bpnt:letter_detail", args=[letter.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


# --- API ----------------------------------------------------------------------------------


def _post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def test_the_api_runs_paraf_and_signature_with_the_same_rules(
    cast, sragen, kpm, companion, kabid, kadis
):
    letter = _drafted(sragen, kpm, companion)
    base = f"/api/v1/bpnt/letters/{letter.pk}"
    assert _post(cast.client_for(companion), f"{base}/sign").status_code == 403
    early = _post(cast.client_for(kadis), f"{base}/sign")
    assert early.status_code == 400 and early.json()["detail"] == str(letters.MSG_NEEDS_INITIALS)
    waiting = cast.client_for(kabid).get("/api/v1/bpnt/letters?waiting=true").json()
    assert [row["id"] for row in waiting] == [letter.pk]
    assert _post(cast.client_for(kabid), f"{base}/initial").json()["status"] == "initialled"
    body = _post(cast.client_for(kadis), f"{base}/sign").json()
    assert body["status"] == "signed" and body["document_number"]
    assert body["signed_by_name"] == kadis.display_name
    assert [e["action"] for e in body["events"]] == ["draft", "initial", "sign"]
    other = cast.client_for(cast.user("tarakan", Role.HEAD_OF_OFFICE))
    assert other.get(base).status_code == 404


def test_the_api_refuses_anonymous_callers(client, sragen, kpm, companion):
    letter = _drafted(sragen, kpm, companion)
    assert client.get(f"/api/v1/bpnt/letters/{letter.pk}").status_code == 401
