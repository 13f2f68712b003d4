"""Staff pages of BPNT: eligibility panel, problem tickets, distribution stages."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sigap.accounts.roles import Role
from sigap.bpnt import selectors, services
from sigap.bpnt.companions import region_names
from sigap.bpnt.forms import DeliveryForm, ResolveForm, StageForm, TicketForm
from sigap.bpnt.models import LetterStatus, TicketStatus
from sigap.core.access import has_role, log_access
from sigap.core.decorators import staff_required
from sigap.core.models import AccessAction
from sigap.registry.selectors import nik_for, person_get_for_user, persons_visible_to

BPNT_ROLES = (Role.SOCIAL_COMPANION, Role.BACK_OFFICE, Role.VERIFIER, Role.HEAD_OF_DIVISION)
# Seed 004 names Customer Service as the complaint officer (Petugas Pengaduan): they record a
# KPM's problem; the companion handles it. The Kepala Dinas reads tickets to sign their letters.
TICKET_FILE_ROLES = (*BPNT_ROLES, Role.CUSTOMER_SERVICE)
TICKET_VIEW_ROLES = (*TICKET_FILE_ROLES, Role.HEAD_OF_OFFICE)
NIK_NOT_FOUND = gettext_lazy("No beneficiary with this NIK is visible to you.")
UNASSIGNED_NOTE = gettext_lazy(
    "No social companion covers the beneficiary's area: the ticket is unassigned until the head "
    "of division assigns it (see the companion areas)."
)


def person_by_nik(user, nik: str):
    """The visible person with this NIK (spaces, dots and dashes allowed), or None.

    A NIK the identity rules refuse raises their reason on the `nik` field (it would also crash
    the bigint lookup with a 500): the API says "16 digits; this one has 15", not "not found".
    """
    from django.core.exceptions import ValidationError

    from sigap.identity import normalise_identity_number

    try:
        nik = normalise_identity_number(nik, length=16)
    except ValidationError as exc:
        raise ValidationError({"nik": exc.messages}) from None
    return persons_visible_to(user).filter(nik=nik).first()


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return datetime.date.today().year
    return year if 2000 <= year <= 2100 else datetime.date.today().year


def _errors(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


@staff_required(*BPNT_ROLES)
def person_eligibility(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_get_for_user(request.user, pk)
    year = _year(request)
    criteria = selectors.bpnt_eligibility(person, office=request.user.office, year=year)
    log_access(request.user, person, summary="BPNT eligibility", request=request)
    return render(
        request,
        "bpnt/person.html",
        {
            "person": person,
            "nik": nik_for(request.user, person.nik),
            "year": year,
            "criteria": criteria,
            "eligible": selectors.is_eligible(criteria),
            "tickets": selectors.tickets_for_user(request.user).filter(person=person),
        },
    )


@staff_required(*TICKET_VIEW_ROLES)
def ticket_list(request: HttpRequest) -> HttpResponse:
    tickets = selectors.tickets_for_user(request.user)
    status = request.GET.get("status", "")
    if status in TicketStatus.values:
        tickets = tickets.filter(status=status)
    return render(
        request,
        "bpnt/ticket_list.html",
        {"tickets": tickets[:200], "status": status, "statuses": TicketStatus.choices},
    )


@staff_required(*TICKET_FILE_ROLES)
def ticket_new(request: HttpRequest) -> HttpResponse:
    office = request.user.office
    form = TicketForm(request.POST or None, office=office)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        person = person_by_nik(request.user, form.cleaned_data["nik"])
        if person is None:
            form.add_error("nik", NIK_NOT_FOUND)
        else:
            try:
                ticket = services.ticket_create(
                    office=office,
                    person=person,
                    kind=form.cleaned_data["kind"],
                    reporter=form.cleaned_data["reporter"],
                    description=form.cleaned_data["description"],
                    assigned_to=form.cleaned_data["assigned_to"],
                    created_by=request.user,
                )
            except ValidationError as exc:
                errors = _errors(exc)
            else:
                messages.success(request, _("Ticket recorded."))
                if ticket.assigned_to_id is None:
                    messages.warning(request, UNASSIGNED_NOTE)
                return redirect("bpnt:ticket_detail", ticket.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "bpnt/ticket_form.html", {"form": form, "errors": errors}, status=status)


@staff_required(*TICKET_VIEW_ROLES)
def ticket_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = selectors.ticket_get_for_user(request.user, pk)
    log_access(request.user, ticket, summary="BPNT ticket", request=request)
    return render(request, "bpnt/ticket_detail.html", _ticket_context(request, ticket))


def _ticket_context(request: HttpRequest, ticket, **extra) -> dict:
    from sigap.bpnt.forms import AssignForm
    from sigap.bpnt.views_companions import TICKET_ASSIGN_ROLES
    from sigap.bpnt.views_letters import letter_of_ticket

    may_assign = request.user.is_superuser or has_role(request.user, *TICKET_ASSIGN_ROLES)
    return {
        "ticket": ticket,
        "letter": letter_of_ticket(ticket),
        "may_work": request.user.is_superuser or has_role(request.user, *BPNT_ROLES),
        "nik": nik_for(request.user, ticket.person.nik),
        "resolve_form": ResolveForm(),
        "assign_form": AssignForm(office=ticket.office) if may_assign else None,
        "unassigned_note": UNASSIGNED_NOTE,
        **extra,
    }


@require_POST
@staff_required(*BPNT_ROLES)
def ticket_start(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = selectors.ticket_get_for_user(request.user, pk)
    try:
        services.ticket_start(ticket=ticket, user=request.user)
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    return redirect("bpnt:ticket_detail", ticket.pk)


@require_POST
@staff_required(*BPNT_ROLES)
def ticket_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = selectors.ticket_get_for_user(request.user, pk)
    form = ResolveForm(request.POST)
    errors: list[str] = []
    if form.is_valid():
        try:
            services.ticket_resolve(
                ticket=ticket,
                user=request.user,
                resolution=form.cleaned_data["resolution"],
                recommendation=form.cleaned_data["recommendation"],
            )
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            if ticket.recommendation:
                messages.success(
                    request,
                    _(
                        "Recommendation drafted; the Kepala Bidang or Kepala Dinas approves and "
                        "signs it, then the ticket is resolved."
                    ),
                )
            else:
                messages.success(request, _("Ticket resolved."))
            return redirect("bpnt:ticket_detail", ticket.pk)
    context = _ticket_context(request, ticket, resolve_form=form, errors=errors)
    return render(request, "bpnt/ticket_detail.html", context, status=400)


def _document_response(request, subject, document_id, filename) -> FileResponse:
    from sigap.documents.selectors import documents_for_subject

    document = (
        documents_for_subject(subject).filter(pk=document_id).first() if document_id else None
    )
    if document is None:
        raise Http404
    log_access(request.user, subject, action=AccessAction.DOWNLOAD, summary=filename)
    return FileResponse(document.file.open("rb"), filename=filename, content_type="application/pdf")


@staff_required(*TICKET_VIEW_ROLES)
def ticket_letter(request: HttpRequest, pk: int) -> FileResponse:
    ticket = selectors.ticket_get_for_user(request.user, pk)
    return _document_response(request, ticket, ticket.document_id, f"rekomendasi-{ticket}.pdf")


@staff_required(*BPNT_ROLES)
def stage_list(request: HttpRequest) -> HttpResponse:
    form = StageForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            stage = services.stage_create(office=request.user.office, **form.cleaned_data)
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("Stage created."))
            return redirect("bpnt:stage_detail", stage.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "bpnt/stage_list.html",
        {"stages": selectors.stages_for_user(request.user), "form": form, "errors": errors},
        status=status,
    )


@staff_required(*BPNT_ROLES)
def stage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    stage = selectors.stage_get_for_user(request.user, pk)
    form = DeliveryForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            count = services.stage_deliveries_record(
                stage=stage, data=form.cleaned_data["file"].read()
            )
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("%(count)s delivery results recorded.") % {"count": count})
            return redirect("bpnt:stage_detail", stage.pk)
    districts = selectors.stage_counts_by_village(stage)
    names = region_names(
        set(districts) | {v["village_code"] for vs in districts.values() for v in vs}
    )
    rows = [
        {
            "district_code": code,
            "name": names.get(code, ""),
            "villages": [{**v, "name": names.get(v["village_code"], "")} for v in villages],
            "total": sum(v["total"] for v in villages),
            "delivered": sum(v["delivered"] for v in villages),
            "undelivered": sum(v["undelivered"] for v in villages),
        }
        for code, villages in sorted(districts.items())
    ]
    return render(
        request,
        "bpnt/stage_detail.html",
        {
            "stage": stage,
            "districts": rows,
            "notices": stage.notices.order_by("district_code"),
            "drafts": stage.letter_drafts.exclude(
                status__in=[LetterStatus.SIGNED, LetterStatus.RETURNED]
            ).order_by("district_code"),
            "form": form,
            "errors": errors,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@staff_required(*BPNT_ROLES)
def stage_notices(request: HttpRequest, pk: int) -> HttpResponse:
    stage = selectors.stage_get_for_user(request.user, pk)
    drafts = services.stage_notices_draft(stage=stage, user=request.user)
    messages.success(
        request,
        _(
            "%(count)s letters to the Camat drafted; the Kepala Bidang or Kepala Dinas signs "
            "them in BPNT letters to approve."
        )
        % {"count": len(drafts)},
    )
    return redirect("bpnt:stage_detail", stage.pk)


@staff_required(*BPNT_ROLES)
def stage_notice_pdf(request: HttpRequest, pk: int, notice_pk: int) -> FileResponse:
    stage = selectors.stage_get_for_user(request.user, pk)
    notice = stage.notices.filter(pk=notice_pk).first()
    if notice is None:
        raise Http404
    return _document_response(
        request, stage, notice.document_id, f"camat-{notice.district_code}-tahap-{stage.number}.pdf"
    )


BENEFICIARY_PAGE = 100


@staff_required(*BPNT_ROLES)
def stage_beneficiaries(request: HttpRequest, pk: int) -> HttpResponse:
    """The KPM on a stage's list, by village and delivery result (NIK masked where needed)."""
    stage = selectors.stage_get_for_user(request.user, pk)
    village = request.GET.get("village", "").strip()[:13]
    delivered = request.GET.get("delivered", "")
    rows = selectors.stage_beneficiaries(
        stage,
        village_code=village,
        delivered={"1": True, "0": False}.get(delivered),
        unreported=delivered == "none",
    )
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    total = rows.count()
    start = (page - 1) * BENEFICIARY_PAGE
    log_access(request.user, stage, summary="BPNT stage beneficiaries", request=request)
    return render(
        request,
        "bpnt/stage_beneficiaries.html",
        {
            "stage": stage,
            "rows": [
                (row, nik_for(request.user, row.person.nik))
                for row in rows[start : start + BENEFICIARY_PAGE]
            ],
            "total": total,
            "village": village,
            "delivered": delivered,
            "page": page,
            "has_next": start + BENEFICIARY_PAGE < total,
        },
    )
