"""Staff pages of the BPNT letters: the heads' queue, a draft with its preview and history, and
the paraf / sign / return steps (sigap.bpnt.letters decides; these pages only ask and show)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sigap.accounts.roles import Role
from sigap.bpnt import letters, selectors
from sigap.bpnt.models import LetterStatus
from sigap.bpnt.views import BPNT_ROLES
from sigap.core.access import has_role, log_access
from sigap.core.decorators import staff_required

LETTER_ROLES = (*BPNT_ROLES, Role.HEAD_OF_OFFICE, Role.SECTION_HEAD)
DONE = {
    "initial": gettext_lazy("Draft initialled; it now waits for the Kepala Dinas's signature."),
    "sign": gettext_lazy("Letter signed and numbered %(number)s."),
    "return": gettext_lazy("Draft returned to the drafter."),
}


class ApprovalForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note (optional; a reason is needed to return the draft)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _steps_for(user, letter) -> list[str]:
    """The buttons this user gets on this draft (the service checks again on POST)."""
    if letter.status not in (LetterStatus.AWAITING_INITIALS, LetterStatus.INITIALLED):
        return []
    kabid = user.is_superuser or has_role(user, Role.HEAD_OF_DIVISION)
    kadis = has_role(user, Role.HEAD_OF_OFFICE)
    steps = []
    if kabid and letter.status == LetterStatus.AWAITING_INITIALS:
        steps.append("initial")
    if kabid or (kadis and letter.status == LetterStatus.INITIALLED):
        steps.append("sign")
    if kabid or kadis:
        steps.append("return")
    return steps


@staff_required(*LETTER_ROLES)
def letter_list(request: HttpRequest) -> HttpResponse:
    waiting = selectors.letters_awaiting(request.user)
    recent = selectors.letters_for_user(request.user).exclude(pk__in=waiting.values("pk"))
    return render(
        request,
        "bpnt/letter_list.html",
        {"waiting": waiting[:200], "recent": recent[:50]},
    )


@staff_required(*LETTER_ROLES)
def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    letter = selectors.letter_get_for_user(request.user, pk)
    log_access(request.user, letter, summary="BPNT letter", request=request)
    return render(request, "bpnt/letter_detail.html", _context(request, letter, ApprovalForm()))


def _context(request, letter, form) -> dict:
    return {
        "letter": letter,
        "events": letter.events.all(),
        "steps": _steps_for(request.user, letter),
        "form": form,
    }


@staff_required(*LETTER_ROLES)
def letter_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft as the PDF it will be, marked DRAF and unnumbered."""
    from sigap.documents.pdf import html_to_pdf

    letter = selectors.letter_get_for_user(request.user, pk)
    if letter.status == LetterStatus.SIGNED:
        raise Http404  # the signed PDF is on the ticket or the stage
    log_access(request.user, letter, summary="BPNT letter draft preview", request=request)
    pdf = html_to_pdf(letters.letter_preview_html(letter=letter, viewer=request.user))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="draf-{letter.kind}-{letter.pk}.pdf"'
    return response


@require_POST
@staff_required(Role.HEAD_OF_DIVISION, Role.HEAD_OF_OFFICE)
def letter_act(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    letter = selectors.letter_get_for_user(request.user, pk)
    if step not in DONE:
        raise Http404
    form = ApprovalForm(request.POST)
    if form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if step == "initial":
                letter = letters.letter_initial(letter=letter, user=request.user, note=note)
            elif step == "sign":
                letter = letters.letter_sign(letter=letter, user=request.user, note=note)
            else:
                letter = letters.letter_return(letter=letter, user=request.user, reason=note)
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "reason" in exc.error_dict:
                form.add_error("note", exc.error_dict["reason"])
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, DONE[step] % {"number": letter.document_number})
            return redirect("bpnt:letter_detail", letter.pk)
    return render(request, "bpnt/letter_detail.html", _context(request, letter, form), status=400)


def letter_of_ticket(ticket):
    """The ticket's letter in progress or signed (the latest), for the ticket page."""
    return ticket.letters.exclude(status=LetterStatus.RETURNED).first() or ticket.letters.first()
