"""BPNT letters with authority: drafted by the companion or the section, approved by the heads.

Seed 004: the companion handles the problem and *the Dinas* gives the recommendation to the bank
or PT Pos; the Dinas informs the KPM through the Camat. Both letters therefore go the way a Dinas
letter goes: a draft (not numbered), the Kepala Bidang's paraf, the Kepala Dinas's signature
(or the Kepala Bidang's, on the Kepala Dinas's behalf), and only then a number from the agenda,
the PDF with its signature block and the verification QR. A head may return the draft with a
reason. Every step is kept in the letter's history (`LetterEvent`).
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.accounts.roles import Role
from sigap.bpnt.models import (
    CamatNotice,
    LetterAction,
    LetterDraft,
    LetterEvent,
    LetterKind,
    LetterStatus,
    ProblemTicket,
    TicketStatus,
)
from sigap.core.access import has_role

RECOMMENDATION_TEMPLATE = "bpnt-recommendation"
CAMAT_TEMPLATE = "bpnt-camat-notice"
TEMPLATES = {
    LetterKind.RECOMMENDATION: RECOMMENDATION_TEMPLATE,
    LetterKind.CAMAT_NOTICE: CAMAT_TEMPLATE,
}
# Who approves (seed 004's procedure: the Dinas, through its heads).
INITIAL_ROLES = (Role.HEAD_OF_DIVISION,)
SIGN_ROLES = (Role.HEAD_OF_DIVISION, Role.HEAD_OF_OFFICE)
APPROVER_ROLES = (Role.HEAD_OF_DIVISION, Role.HEAD_OF_OFFICE)

# The header lines of a Dinas letter (naskah dinas): nature, enclosures, subject.
SIFAT = {LetterKind.RECOMMENDATION: "Penting", LetterKind.CAMAT_NOTICE: "Biasa"}

MSG_NOT_APPROVER = _("Only the Kepala Bidang or the Kepala Dinas approves this letter.")
MSG_INITIAL_ROLE = _("Only the Kepala Bidang initials (paraf) the draft.")
MSG_NOT_AWAITING = _("This letter is not waiting for this step any more.")
MSG_NEEDS_INITIALS = _(
    "The Kepala Bidang initials the draft before the Kepala Dinas signs it (or signs it "
    "on the Kepala Dinas's behalf)."
)
MSG_RETURN_REASON = _("Say why the draft goes back to the drafter.")
MSG_OTHER_OFFICE = _("This letter belongs to another office.")


def role_label(user, office) -> str:
    """The signer's function as printed above the name: the position, or the head's title."""
    if getattr(user, "position_id", None):
        return user.position.name
    if has_role(user, Role.HEAD_OF_OFFICE):
        return f"Kepala {office.name}"
    return "Kepala Bidang"


def _function_of(user) -> str:
    """What the actor was, for the history: the position, else the role (in Indonesian, as
    the history is kept as written)."""
    from django.utils import translation

    if getattr(user, "position_id", None):
        return user.position.name
    roles = [r for r in Role if r.value in user.roles]
    with translation.override("id"):
        return str(roles[0].label) if roles else ""


def _event(letter: LetterDraft, action: str, user, note: str = "") -> None:
    LetterEvent.objects.create(
        letter=letter,
        action=action,
        actor=user,
        actor_name=user.display_name,
        role_label=_function_of(user),
        note=note,
    )


def _draft(*, office, kind: str, title: str, recipient: str, context: dict, user, **subject):
    perihal = context.pop("perihal")
    letter = LetterDraft(
        office=office,
        kind=kind,
        title=title,
        recipient=recipient,
        context={
            **context,
            "sifat": SIFAT[kind],
            "lampiran": context.pop("lampiran", "-"),
            "perihal": perihal,
        },
        drafted_by=user,
        **subject,
    )
    letter.full_clean()
    letter.save()
    _event(letter, LetterAction.DRAFT, user)
    return letter


def recommendation_draft(*, ticket: ProblemTicket, user, context: dict) -> LetterDraft:
    """The companion's recommendation, waiting for the heads (the ticket waits with it)."""
    return _draft(
        office=ticket.office,
        kind=LetterKind.RECOMMENDATION,
        title=f"Rekomendasi penanganan permasalahan BPNT BPNT-{ticket.pk}",
        recipient=context["recipient"],
        context={**context, "perihal": "Rekomendasi Penanganan Permasalahan Program Sembako"},
        user=user,
        ticket=ticket,
    )


def camat_notice_draft(*, stage, district_code: str, title: str, context: dict, user):
    return _draft(
        office=stage.office,
        kind=LetterKind.CAMAT_NOTICE,
        title=title,
        recipient=context["recipient"],
        context={
            **context,
            "perihal": f"Pemberitahuan Penyaluran BPNT Tahap {stage.number} Tahun {stage.year}",
        },
        user=user,
        stage=stage,
        district_code=district_code,
    )


def _locked(letter: LetterDraft, user) -> LetterDraft:
    if not user.is_superuser and letter.office_id != user.office_id:
        raise PermissionDenied(MSG_OTHER_OFFICE)
    return LetterDraft.objects.select_for_update().get(pk=letter.pk)


def _is(user, *roles) -> bool:
    return user.is_superuser or has_role(user, *roles)


@transaction.atomic
def letter_initial(*, letter: LetterDraft, user, note: str = "") -> LetterDraft:
    """The Kepala Bidang's paraf: the draft is right and may go to the Kepala Dinas."""
    if not _is(user, *INITIAL_ROLES):
        raise PermissionDenied(MSG_INITIAL_ROLE)
    letter = _locked(letter, user)
    if letter.status != LetterStatus.AWAITING_INITIALS:
        raise ValidationError(MSG_NOT_AWAITING, code="not_awaiting")
    letter.status = LetterStatus.INITIALLED
    letter.initialled_by = user
    letter.save(update_fields=["status", "initialled_by", "updated_at"])
    _event(letter, LetterAction.INITIAL, user, note.strip())
    return letter


def _revived(context: dict) -> dict:
    """The draft's JSON context with its dates back as dates (for the `tanggal` filter)."""
    value = context.get("distribution_date")
    if isinstance(value, str) and value:
        import datetime

        return {**context, "distribution_date": datetime.date.fromisoformat(value)}
    return context


def signed_context(letter: LetterDraft, signer) -> dict[str, Any]:
    """The draft's context with who signs: the `signatories` block and the paraf line."""
    office = letter.office
    label = role_label(signer, office)
    on_behalf = not has_role(signer, Role.HEAD_OF_OFFICE) and not signer.is_superuser
    title = f"a.n. Kepala {office.name}, {label}" if on_behalf else label
    initialled = letter.initialled_by
    return {
        **_revived(letter.context),
        "signer_title": title,
        "signatories": [
            {
                "role_label": title,
                "name": signer.display_name,
                "nip": signer.nip or "",
                "rank": signer.rank or "",
            }
        ],
        "initialled_by": initialled.display_name if initialled and initialled != signer else "",
    }


@transaction.atomic
def letter_sign(*, letter: LetterDraft, user, note: str = "") -> LetterDraft:
    """Signs the draft: numbered in the agenda, rendered with the signature block, issued."""
    from sigap.documents.services import document_issue

    if not _is(user, *SIGN_ROLES):
        raise PermissionDenied(MSG_NOT_APPROVER)
    letter = _locked(letter, user)
    if letter.status not in (LetterStatus.AWAITING_INITIALS, LetterStatus.INITIALLED):
        raise ValidationError(MSG_NOT_AWAITING, code="not_awaiting")
    head_of_division = has_role(user, Role.HEAD_OF_DIVISION) or user.is_superuser
    if letter.status == LetterStatus.AWAITING_INITIALS and not head_of_division:
        raise ValidationError(MSG_NEEDS_INITIALS, code="needs_initials")
    subject = letter.ticket if letter.kind == LetterKind.RECOMMENDATION else letter.stage
    document = document_issue(
        office=letter.office,
        template_code=TEMPLATES[letter.kind],
        title=letter.title,
        subject=subject,
        context=signed_context(letter, user),
        issued_by=user,
        signer=user,
        register=True,
        recipient=letter.recipient,
    )
    letter.status = LetterStatus.SIGNED
    letter.signed_by = user
    letter.document_id = document.pk
    letter.document_number = document.number
    letter.full_clean()
    letter.save()
    _event(letter, LetterAction.SIGN, user, note.strip())
    _after_signature(letter, document)
    return letter


def _after_signature(letter: LetterDraft, document) -> None:
    if letter.kind == LetterKind.RECOMMENDATION:
        ticket = ProblemTicket.objects.select_for_update().get(pk=letter.ticket_id)
        ticket.status = TicketStatus.RESOLVED
        ticket.resolved_at = timezone.now()
        ticket.document_id = document.pk
        ticket.document_number = document.number
        ticket.save(
            update_fields=[
                "status",
                "resolved_at",
                "document_id",
                "document_number",
                "updated_at",
            ]
        )
    else:
        CamatNotice.objects.create(
            stage=letter.stage,
            district_code=letter.district_code,
            document_id=document.pk,
            document_number=document.number,
            beneficiaries=letter.context.get("total", 0),
        )


@transaction.atomic
def letter_return(*, letter: LetterDraft, user, reason: str) -> LetterDraft:
    """Sends the draft back; a ticket goes back to its companion to handle and draft again."""
    if not _is(user, *APPROVER_ROLES):
        raise PermissionDenied(MSG_NOT_APPROVER)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": MSG_RETURN_REASON})
    letter = _locked(letter, user)
    if letter.status not in (LetterStatus.AWAITING_INITIALS, LetterStatus.INITIALLED):
        raise ValidationError(MSG_NOT_AWAITING, code="not_awaiting")
    letter.status = LetterStatus.RETURNED
    letter.return_reason = reason
    letter.save(update_fields=["status", "return_reason", "updated_at"])
    _event(letter, LetterAction.RETURN, user, reason)
    if letter.ticket_id:
        ProblemTicket.objects.filter(pk=letter.ticket_id).update(
            status=TicketStatus.IN_PROGRESS, resolved_at=None, updated_at=timezone.now()
        )
    return letter


def letter_preview_html(*, letter: LetterDraft, viewer) -> str:
    """The draft as it will be printed, unnumbered and marked DRAF, signed by the viewer when
    the viewer is a head who may sign (so they see their own block), else left blank."""
    from sigap.documents.services import render_document_html, resolve_template

    template = resolve_template(office=letter.office, code=TEMPLATES[letter.kind])
    may_sign = _is(viewer, *SIGN_ROLES)
    context = signed_context(letter, viewer) if may_sign else _revived(letter.context)
    signer = {
        "name": viewer.display_name if may_sign else "",
        "rank": (viewer.rank or "") if may_sign else "",
        "nip": (viewer.nip or "") if may_sign else "",
        "position": context.get("signer_title", ""),
    }
    return render_document_html(
        office=letter.office,
        body=template.body,
        title=letter.title,
        number="DRAF",
        issued_at=timezone.now(),
        context=context,
        signer=signer,
        token="draf",  # noqa: S106 - not a secret: a draft is never verifiable
    )
