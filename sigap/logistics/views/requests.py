"""Staff pages of logistics requests: filing, the list, and the steps a-f on one page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sigap.core.access import AccessAction, log_access
from sigap.core.decorators import staff_required
from sigap.logistics.bast import bast_file
from sigap.logistics.forms import (
    DecisionForm,
    DispatchForm,
    HandoverForm,
    LineFormSet,
    NoteForm,
    ReceiveStepForm,
    RequestForm,
    ReviewForm,
)
from sigap.logistics.models import RequestStatus, Step
from sigap.logistics.selectors import (
    events_open_for_requests,
    requests_for_user,
    stock_available,
    warehouses_for_user,
)
from sigap.logistics.services import requests as flow
from sigap.logistics.views.common import (
    LOGISTICS_ROLES,
    add_service_error,
    event_for_user,
    request_for_user,
)


@staff_required(*LOGISTICS_ROLES)
def request_list(request: HttpRequest) -> HttpResponse:
    requests = requests_for_user(request.user)
    status = request.GET.get("status", "")
    if status in RequestStatus.values:
        requests = requests.filter(status=status)
    return render(
        request,
        "logistics/request_list.html",
        {
            "requests": requests[:200],
            "statuses": RequestStatus.choices,
            "status": status,
            "can_file": _may_file(request.user),
        },
    )


def _may_file(user) -> bool:
    return bool(user.is_superuser or user.roles & set(flow.FILING_ROLES))


@staff_required(*flow.FILING_ROLES)
def request_new(request: HttpRequest) -> HttpResponse:
    """Choose the event (only those under a status in force), then the request form."""
    open_events = events_open_for_requests(request.user)
    event_id = request.GET.get("event") or request.POST.get("event")
    if not event_id:
        return render(request, "logistics/request_choose_event.html", {"events": open_events})
    event = event_for_user(request.user, event_id)
    if not open_events.filter(pk=event.pk).exists():
        return render(
            request,
            "logistics/request_choose_event.html",
            {"events": open_events, "closed_event": event},
            status=409,
        )
    form = RequestForm(request.POST or None, request.FILES or None, event=event)
    lines = LineFormSet(request.POST or None, prefix="lines")
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        chosen = [
            flow.IntakeLine(item=row["item"], quantity=row["quantity"])
            for row in lines.cleaned_data
            if row.get("item")
        ]
        try:
            created = flow.request_file(
                office=event.office,
                event=event,
                user=request.user,
                lines=chosen,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Request %(code)s filed.") % {"code": created.code})
            return redirect("logistics:request_detail", created.pk)
    return render(
        request,
        "logistics/request_form.html",
        {"form": form, "lines": lines, "event": event},
    )


def _step_form(logistics_request, user, step, data=None, files=None):
    if step == Step.RECEIVE:
        return ReceiveStepForm(data)
    if step == Step.DISPOSITION:
        return NoteForm(data, initial={"note": _("Please examine and advise (teliti dan saran).")})
    if step == Step.REVIEW:
        return ReviewForm(
            data,
            request=logistics_request,
            warehouses=warehouses_for_user(user).filter(office=logistics_request.office),
        )
    if step == Step.DECISION:
        return DecisionForm(data)
    if step == Step.DISPATCH:
        return DispatchForm(
            data, warehouses=warehouses_for_user(user).filter(office=logistics_request.office)
        )
    if step == Step.HANDOVER:
        return HandoverForm(data, files, dispatch=logistics_request.dispatch)
    return None


def _take_step(logistics_request, user, step, form):
    data = form.cleaned_data
    if step == Step.RECEIVE:
        flow.request_receive(request=logistics_request, user=user, note=data["note"])
    elif step == Step.DISPOSITION:
        flow.request_dispose(request=logistics_request, user=user, note=data["note"])
    elif step == Step.REVIEW:
        flow.request_review(
            request=logistics_request,
            user=user,
            note=data["note"],
            recommended=form.recommended(),
            warehouse=data["warehouse"],
        )
    elif step == Step.DECISION:
        flow.request_decide(
            request=logistics_request,
            user=user,
            approve=data["decision"] == "approve",
            reason=data["reason"],
        )
    elif step == Step.DISPATCH:
        flow.request_dispatch(request=logistics_request, user=user, **data)
    elif step == Step.HANDOVER:
        flow.request_handover(
            request=logistics_request,
            user=user,
            place=data["place"],
            recipient_name=data["recipient_name"],
            recipient_position=data["recipient_position"],
            recipient_phone=data["recipient_phone"],
            received=form.received(),
            signature_png=data["signature_data"],
            signed_copy=data["signed_copy"],
            note=data["note"],
        )


def _detail_context(logistics_request, user, form=None) -> dict:
    step = flow.current_step(logistics_request)
    may_act = (
        step is not None
        and logistics_request.office_id == user.office_id
        and flow.may_take_step(user, step)
    )
    if may_act and form is None:
        form = _step_form(logistics_request, user, step)
    lines = list(logistics_request.lines.select_related("item"))
    available = stock_available(office=logistics_request.office, items=[x.item for x in lines])
    dispatch = getattr(logistics_request, "dispatch", None)
    return {
        "req": logistics_request,
        "lines": [(line, available.get(line.item_id, 0)) for line in lines],
        "history": logistics_request.history.select_related("by"),
        "step": step,
        "step_label": Step(step).label if step else "",
        "form": form if may_act else None,
        "dispatch": dispatch,
        "dispatch_lines": dispatch.lines.select_related("item", "lot") if dispatch else [],
        "handover": getattr(dispatch, "handover", None) if dispatch else None,
        "steps": [(value, label) for value, label in Step.choices],
        "multipart": step == Step.HANDOVER,
    }


@staff_required(*LOGISTICS_ROLES)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    logistics_request = request_for_user(request.user, pk)
    return render(
        request,
        "logistics/request_detail.html",
        _detail_context(logistics_request, request.user),
    )


@require_POST
@staff_required(*LOGISTICS_ROLES)
def request_step(request: HttpRequest, pk: int) -> HttpResponse:
    logistics_request = request_for_user(request.user, pk)
    step = flow.current_step(logistics_request)
    if step is None or logistics_request.office_id != request.user.office_id:
        raise PermissionDenied
    if not flow.may_take_step(request.user, step):
        raise PermissionDenied
    form = _step_form(logistics_request, request.user, step, request.POST, request.FILES)
    if form.is_valid():
        try:
            _take_step(logistics_request, request.user, step, form)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Step recorded: %(step)s.") % {"step": Step(step).label})
            return redirect("logistics:request_detail", logistics_request.pk)
    context = _detail_context(logistics_request, request.user, form=form)
    return render(request, "logistics/request_detail.html", context, status=400)


@staff_required(*LOGISTICS_ROLES)
def request_bast(request: HttpRequest, pk: int) -> FileResponse:
    logistics_request = request_for_user(request.user, pk)
    handover = getattr(getattr(logistics_request, "dispatch", None), "handover", None)
    pdf = bast_file(handover) if handover else None
    if not pdf:
        raise Http404
    log_access(
        request.user, handover, action=AccessAction.DOWNLOAD, summary="BAST", request=request
    )
    return FileResponse(
        pdf.open("rb"),
        as_attachment=False,
        filename=f"BAST-{logistics_request.code}.pdf",
        content_type="application/pdf",
    )


FILE_FIELDS = {"letter": "letter_file", "assessment": "assessment_file"}
HANDOVER_FILE_FIELDS = {"signature": "signature", "signed-copy": "signed_copy"}


@staff_required(*LOGISTICS_ROLES)
def request_file(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    """The request letter, assessment, signature or signed BAST, after the office check."""
    logistics_request = request_for_user(request.user, pk)
    if kind in FILE_FIELDS:
        field = getattr(logistics_request, FILE_FIELDS[kind])
    elif kind in HANDOVER_FILE_FIELDS:
        handover = getattr(getattr(logistics_request, "dispatch", None), "handover", None)
        field = getattr(handover, HANDOVER_FILE_FIELDS[kind], None)
    else:
        field = None
    if not field:
        raise Http404
    log_access(
        request.user, logistics_request, action=AccessAction.DOWNLOAD, summary=kind, request=request
    )
    return FileResponse(field.open("rb"), filename=field.name.rsplit("/", 1)[-1])
