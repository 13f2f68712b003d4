"""API of the BPNT letters: the heads' queue, one draft with its history, paraf / sign / return.

The same service (sigap.bpnt.letters) and the same scoping as the pages: another office's letter
is a 404, a role that may not take the step a 403, a step out of turn a 400 with the reason.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema

from sigap.accounts.roles import Role
from sigap.api.auth import STAFF_AUTH
from sigap.bpnt import letters, selectors
from sigap.bpnt.views_letters import LETTER_ROLES
from sigap.core.access import has_role, log_access

router = Router(tags=["bpnt"])


class LetterEventOut(Schema):
    action: str
    actor_name: str
    role_label: str
    note: str
    at: datetime


class LetterOut(Schema):
    id: int
    kind: str
    status: str
    title: str
    recipient: str
    sifat: str
    lampiran: str
    perihal: str
    ticket_id: int | None
    stage_id: int | None
    district_code: str
    document_id: int | None
    document_number: str
    signed_by_name: str
    return_reason: str
    events: list[LetterEventOut]


class StepIn(Schema):
    note: str = ""


def _require(request: HttpRequest, roles=LETTER_ROLES) -> None:
    if not (request.user.is_superuser or has_role(request.user, *roles)):
        raise PermissionDenied


def _out(letter) -> dict:
    return {
        "id": letter.pk,
        "kind": letter.kind,
        "status": letter.status,
        "title": letter.title,
        "recipient": letter.recipient,
        "sifat": letter.context.get("sifat", ""),
        "lampiran": letter.context.get("lampiran", ""),
        "perihal": letter.context.get("perihal", ""),
        "ticket_id": letter.ticket_id,
        "stage_id": letter.stage_id,
        "district_code": letter.district_code,
        "document_id": letter.document_id,
        "document_number": letter.document_number,
        "signed_by_name": letter.signed_by.display_name if letter.signed_by else "",
        "return_reason": letter.return_reason,
        "events": [
            {
                "action": e.action,
                "actor_name": e.actor_name,
                "role_label": e.role_label,
                "note": e.note,
                "at": e.at,
            }
            for e in letter.events.all()
        ],
    }


@router.get("/bpnt/letters", response=list[LetterOut], auth=STAFF_AUTH)
def letter_list(request: HttpRequest, waiting: bool = False):
    """The office's letters (newest first); `waiting=true`: those waiting for the caller."""
    _require(request)
    rows = (
        selectors.letters_awaiting(request.user)
        if waiting
        else selectors.letters_for_user(request.user)
    )
    return [_out(letter) for letter in rows.prefetch_related("events")[:200]]


@router.get("/bpnt/letters/{letter_id}", response=LetterOut, auth=STAFF_AUTH)
def letter_detail(request: HttpRequest, letter_id: int):
    _require(request)
    letter = selectors.letter_get_for_user(request.user, letter_id)
    log_access(request.user, letter, summary="BPNT letter (API)", request=request)
    return _out(letter)


HEADS = (Role.HEAD_OF_DIVISION, Role.HEAD_OF_OFFICE)


@router.post("/bpnt/letters/{letter_id}/initial", response=LetterOut, auth=STAFF_AUTH)
def letter_initial(request: HttpRequest, letter_id: int, payload: StepIn):
    """The Kepala Bidang's paraf."""
    _require(request, HEADS)
    letter = selectors.letter_get_for_user(request.user, letter_id)
    letters.letter_initial(letter=letter, user=request.user, note=payload.note)
    return _out(selectors.letter_get_for_user(request.user, letter_id))


@router.post("/bpnt/letters/{letter_id}/sign", response=LetterOut, auth=STAFF_AUTH)
def letter_sign(request: HttpRequest, letter_id: int, payload: StepIn):
    """Approve and sign: the letter is numbered and issued with the signer's block."""
    _require(request, HEADS)
    letter = selectors.letter_get_for_user(request.user, letter_id)
    letters.letter_sign(letter=letter, user=request.user, note=payload.note)
    return _out(selectors.letter_get_for_user(request.user, letter_id))


@router.post("/bpnt/letters/{letter_id}/return", response=LetterOut, auth=STAFF_AUTH)
def letter_return(request: HttpRequest, letter_id: int, payload: StepIn):
    """Back to the drafter, with the reason (required)."""
    _require(request, HEADS)
    letter = selectors.letter_get_for_user(request.user, letter_id)
    letters.letter_return(letter=letter, user=request.user, reason=payload.note)
    return _out(selectors.letter_get_for_user(request.user, letter_id))
