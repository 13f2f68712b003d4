"""The documents the engine issues for a request: the receipt at intake and the product's letter
at the register step (both through sigap.documents, so both carry a verification QR)."""

import datetime
from typing import Any

from django.utils import translation

from sigap.applications.extensions import extension_for
from sigap.applications.models import Request, RequestEvent
from sigap.applications.notify import track_url
from sigap.core.formatting import format_datetime


def _recorded(request: Request, action: str) -> dict[str, Any]:
    """What the latest `action` recorded, whichever step offered it."""
    for by_action in request.step_data.values():
        if action in by_action:
            return by_action[action]
    return {}


def survey_url(request: Request) -> str:
    """The satisfaction survey link, once sigap.surveys provides it (optional dependency)."""
    try:
        from sigap.surveys.services import survey_invitation_url
    except ImportError:
        return ""
    return survey_invitation_url(
        standard=request.standard, office=request.office, reference=request.code
    )


def signer_of(request: Request):
    """The officer who signed (the latest `sign` event), or None."""
    event = (
        RequestEvent.objects.filter(request=request, action="sign")
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )
    return event.actor if event else None


def letter_context(request: Request) -> dict[str, Any]:
    person = request.applicant_person
    analysed = _recorded(request, "analyse")
    product = request.product
    return {
        "request_code": request.code,
        "applicant": {
            "name": request.applicant_name,
            "nik": person.nik if person else "",
            "address": person.address if person else "",
            "kks_number": analysed.get("kks_number", ""),
        },
        "product_label": product.label if product else request.standard.name,
        "aid_type": analysed.get("aid_type", ""),
        "problem": analysed.get("problem", ""),
        "analysis": analysed.get("analysis", ""),
        "solution": analysed.get("solution", ""),
        "siks_ng_updated": bool(analysed.get("siks_ng_updated")),
        "purpose": analysed.get("note", ""),
        "initialled_by": _recorded(request, "initial").get("by_name", ""),
        "deceased": {
            "name": analysed.get("deceased_name", ""),
            "date_of_death": _date(analysed.get("deceased_date")),
        },
    }


def _in_indonesian(function, *args, **kwargs) -> str:
    """Documents are printed in Bahasa Indonesia whatever language the clerk's screen uses."""
    with translation.override("id"):
        return function(*args, **kwargs)


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _expected_signer(request: Request, user):
    """Who will sign: the officer at the sign step, or (earlier) a holder of its role."""
    step = request.current_step
    if step is not None and "sign" in step.actions:
        return user
    signed = signer_of(request)
    if signed is not None:
        return signed
    from sigap.core.access import users_with_role

    sign_step = next((s for s in request.standard.steps.all() if "sign" in s.actions), None)
    if sign_step is not None:
        holder = users_with_role(request.office, [sign_step.role]).first()
        if holder is not None:
            return holder
    return user


def _letter_arguments(request: Request) -> dict[str, Any] | None:
    product = request.product
    if product is None or not product.template_code:
        return None
    context = extension_for(request.standard).document_context(
        request=request, template_code=product.template_code, context=letter_context(request)
    )
    return {
        "office": request.office,
        "template_code": product.template_code,
        "title": f"{product.label} · {request.code}",
        "context": context,
    }


def letter_draft(*, request: Request, user) -> tuple[bytes, str] | None:
    """The product's letter as it will be printed (DRAF, unnumbered) and its fingerprint."""
    arguments = _letter_arguments(request)
    if arguments is None:
        return None
    from sigap.documents.services import document_draft

    return document_draft(**arguments, signer=_expected_signer(request, user))


def letter_fingerprint(*, request: Request, user) -> str:
    """The fingerprint of the draft `user` approves now (empty: the product has no letter)."""
    arguments = _letter_arguments(request)
    if arguments is None:
        return ""
    from sigap.documents.services import document_fingerprint

    return document_fingerprint(**arguments, signer=_expected_signer(request, user))


def approved_fingerprint(request: Request) -> str:
    """The fingerprint of the draft the signer approved (recorded by the latest sign)."""
    event = (
        RequestEvent.objects.filter(request=request, action="sign").order_by("-at", "-pk").first()
    )
    return (event.data or {}).get("draft_sha256", "") if event else ""


def letter_issue(*, request: Request, user):
    """Issues the product's letter, numbered in the agenda and signed by whoever signed.

    Refused when the letter's content is no longer the draft the signer saw and approved.
    """
    arguments = _letter_arguments(request)
    if arguments is None:
        return None
    from sigap.documents.services import document_issue

    return document_issue(
        **arguments,
        subject=request,
        issued_by=user,
        signer=signer_of(request) or user,
        register=True,
        recipient=request.applicant_name,
        approved_fingerprint=approved_fingerprint(request),
    )


def receipt_context(request: Request) -> dict[str, Any]:
    from sigap.applications.selectors import checklist

    due = request.due_at
    return {
        "request_code": request.code,
        "service_name": request.standard.name,
        "applicant_name": request.applicant_name,
        "submitted_at": request.submitted_at,
        # One date format on the receipt, in the office's own zone (WITA for Tarakan).
        "due_text": (
            _in_indonesian(format_datetime, due, office=request.office)
            if due
            else request.standard.time_limit_text
        ),
        "checklist": [
            {"label": item["label"], "status": item["status_label"]} for item in checklist(request)
        ],
        "track_url": track_url(request),
        "survey_url": survey_url(request),
    }


def receipt_issue(*, request: Request, user):
    """The printable receipt (tanda terima) with the code, due time and tracking QR."""
    from sigap.documents.services import document_issue

    context = extension_for(request.standard).document_context(
        request=request, template_code="request-receipt", context=receipt_context(request)
    )
    return document_issue(
        office=request.office,
        template_code="request-receipt",
        title=f"Tanda terima permohonan {request.code}",
        subject=request,
        context=context,
        issued_by=user,
        register=False,
    )


def receipt_for(request: Request):
    """The request's receipt if it has been issued, else None."""
    from sigap.documents.selectors import documents_for_subject

    return documents_for_subject(request).filter(template_code="request-receipt").first()


def receipt_ensure(*, request: Request):
    """The receipt, issued now if it is not there yet; issued once whoever asks first.

    A portal submission leaves it to a task (`issue_receipt_task`), so the citizen's request
    renders no PDF; the download renders it itself if the task has not run yet. Both hold the
    request's row lock while they look and issue, so a task run twice (its worker killed after
    issuing) or a download racing the task never issue a second receipt."""
    from django.db import transaction

    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        return receipt_for(locked) or receipt_issue(request=locked, user=None)
