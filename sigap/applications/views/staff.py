"""Staff work on requests: the queue, the list, the request page and its actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sigap.api.errors import ConflictError
from sigap.applications import access, selectors, services
from sigap.applications.action_forms import CheckForm, DueCheckForm, form_class_for
from sigap.applications.extensions import extension_for
from sigap.applications.forms import AssignForm, RequirementsForm
from sigap.applications.models import OPEN_STATUSES, Request, RequestStatus
from sigap.applications.views.common import checklist_with_due_steps, stream_upload
from sigap.applications.workflow import (
    can_act,
    intake_requirements,
    next_action,
    open_requirements_due_at,
)
from sigap.core.access import has_role, log_access, users_with_role
from sigap.core.decorators import staff_required
from sigap.core.models import AccessAction
from sigap.identity import mask_nik
from sigap.standards.models import StepAction


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError as exc:
        raise ValidationError(_("The form is out of date: reload the page.")) from exc


@staff_required()
def queue(request: HttpRequest) -> HttpResponse:
    items = list(selectors.queue_for_user(request.user)[:200])
    for item in items:
        item.waiting = selectors.waiting_action_label(item)
        item.time_left = selectors.time_left_text(item)
    return render(request, "applications/staff/queue.html", {"items": items})


@staff_required()
def request_list(request: HttpRequest) -> HttpResponse:
    from sigap.standards.selectors import standards_public

    service = request.GET.get("service", "")
    status = request.GET.get("status", "")
    if status not in RequestStatus.values:
        status = ""
    overdue = request.GET.get("overdue") == "1"
    qs = selectors.requests_for_user(
        request.user,
        standard_code=service,
        status=status,
        overdue=overdue,
        query=request.GET.get("q", "").strip(),
    )
    items = list(qs[:300])
    for item in items:
        item.time_left = selectors.time_left_text(item)
    return render(
        request,
        "applications/staff/list.html",
        {
            "items": items,
            "services": standards_public(request.user.office) if request.user.office_id else [],
            "statuses": RequestStatus.choices,
            "filters": {"service": service, "status": status, "overdue": overdue},
        },
    )


def _may_see_nik(user, req: Request) -> bool:
    """Officers holding a role of one of the service's steps need the NIK (to check the KTP)."""
    roles = set(req.standard.steps.values_list("role", flat=True))
    return has_role(user, *roles)


def _action_forms(req: Request, action: str | None, data=None):
    """The form(s) of the action the current step waits for: the action's own, the findings on
    the requirements due at this step (if any is still open), the service's extra fields."""
    if action is None:
        return None, None, None
    if action == StepAction.CHECK:
        form = CheckForm(data, requirements=intake_requirements(req), prefix="act")
    else:
        form = form_class_for(action)(data, prefix="act")
    due = open_requirements_due_at(req, req.current_step)
    due_form = DueCheckForm(data, requirements=due, prefix="act") if due else None
    extra_class = extension_for(req.standard).action_form(
        request=req, step=req.current_step, action=action
    )
    extra = extra_class(data, prefix="act") if extra_class else None
    return form, due_form, extra


def _detail_context(
    request: HttpRequest, req: Request, *, form=None, due_form=None, extra=None
) -> dict:
    from sigap.documents.selectors import documents_for_subject

    action = next_action(req)
    acting = can_act(req, request.user)
    if acting and form is None:
        form, due_form, extra = _action_forms(req, action)
    show_nik = False
    person = req.applicant_person
    if (
        person
        and person.nik
        and request.GET.get("nik") == "show"
        and _may_see_nik(request.user, req)
    ):
        show_nik = True
        log_access(
            request.user,
            person,
            action=AccessAction.VIEW,
            summary=f"NIK on request {req.code}",
            request=request,
        )
    step = req.current_step
    holders = users_with_role(req.office, [step.role]) if step and req.is_open else []
    return {
        "req": req,
        "person": person,
        "nik_display": (person.nik if show_nik else mask_nik(person.nik))
        if person and person.nik
        else "",
        "may_see_nik": bool(person and person.nik and _may_see_nik(request.user, req)),
        "checklist": checklist_with_due_steps(req),
        "missing_labels": selectors.missing_labels(req),
        "events": selectors.history_rows(req),
        "finished_by": selectors.finished_by(req),
        "documents": documents_for_subject(req),
        "panels": [
            (panel.title, render_to_string(panel.template_name, panel.context, request=request))
            for panel in extension_for(req.standard).panels(request=req, http_request=request)
        ],
        "steps": req.standard.steps.all(),
        "action": action,
        "action_label": selectors.waiting_action_label(req),
        "action_button": selectors.action_button_label(req, action) if action else "",
        "acting": acting,
        "form": form,
        "due_form": due_form,
        "extra_form": extra,
        "is_check": action == StepAction.CHECK,
        "may_claim": bool(
            step and req.is_open and has_role(request.user, step.role) and not req.assigned_to_id
        ),
        "assign_form": AssignForm(users=holders, initial={"version": req.version})
        if step and req.is_open and has_role(request.user, step.role)
        else None,
        "may_resubmit": req.status == RequestStatus.RETURNED
        and step is not None
        and has_role(request.user, step.role),
        "upload_form": RequirementsForm(request=req)
        if req.status in (RequestStatus.RETURNED, *OPEN_STATUSES)
        and step is not None
        and has_role(request.user, step.role)
        else None,
        "time_left": selectors.time_left_text(req),
        "draft_review": _draft_review(req, action) if acting else None,
    }


def _draft_review(req: Request, action: str | None) -> dict | None:
    """At paraf and sign: the draft letter to open and the findings it rests on."""
    if action not in (StepAction.INITIAL, StepAction.SIGN):
        return None
    product = req.product
    if product is None or not product.template_code:
        return None
    from sigap.applications.letters import letter_context

    context = letter_context(req)
    return {
        "url": reverse("applications:draft", args=[req.code]),
        "findings": [
            (_("The problem the KPM has"), context["problem"]),
            (_("Analysis of the problem"), context["analysis"]),
            (_("Solution"), context["solution"]),
        ],
    }


@staff_required()
def detail(request: HttpRequest, code: str) -> HttpResponse:
    req = selectors.request_for_user(request.user, code)
    if req.status == RequestStatus.DRAFT:
        return redirect("applications:intake", code=req.code)
    return render(request, "applications/staff/detail.html", _detail_context(request, req))


@staff_required()
@require_POST
def act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    req = selectors.request_for_user(request.user, code)
    form, due_form, extra = _action_forms(
        req, action if action == next_action(req) else None, request.POST
    )
    data: dict = {}
    status = 400
    try:
        version = _version(request)
        if form is not None:
            valid = (
                form.is_valid()
                & (due_form.is_valid() if due_form else True)
                & (extra.is_valid() if extra else True)
            )
            if not valid:
                raise ValidationError(_("Check the form."))
            data = form.items() if isinstance(form, CheckForm) else dict(form.cleaned_data)
            if isinstance(form, CheckForm):
                data = {"checks": data}
            if due_form:
                # The engine reads the findings on due requirements from the same `checks` key.
                data["checks"] = [*data.get("checks", []), *due_form.items()]
            if extra:
                data.update(extra.cleaned_data)
        services.request_act(
            request=req, user=request.user, action=action, data=data, expected_version=version
        )
    except ConflictError as exc:
        messages.error(request, exc.message)
        status = 409
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and form is not None:
            for field, errors in exc.error_dict.items():
                target = extra if extra and field in extra.fields else form
                for error in errors:
                    target.add_error(field if field in target.fields else None, error)
        elif not (form is not None and form.errors):
            messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Recorded."))
        return redirect("applications:detail", code=req.code)
    req.refresh_from_db()
    context = _detail_context(
        request,
        req,
        form=form if status == 400 else None,
        due_form=due_form if status == 400 else None,
        extra=extra,
    )
    return render(request, "applications/staff/detail.html", context, status=status)


@staff_required()
@require_POST
def assign(request: HttpRequest, code: str) -> HttpResponse:
    from sigap.accounts.models import User

    req = selectors.request_for_user(request.user, code)
    assignee = request.user
    if request.POST.get("assignee"):
        assignee = User.objects.filter(
            pk=request.POST["assignee"], office_id=request.user.office_id
        ).first()
        if assignee is None:
            raise Http404
    try:
        services.request_assign(
            request=req, user=request.user, assignee=assignee, expected_version=_version(request)
        )
    except (ConflictError, ValidationError) as exc:
        text = exc.message if isinstance(exc, ConflictError) else " ".join(exc.messages)
        messages.error(request, text)
    else:
        messages.success(request, _("Assigned to %(name)s.") % {"name": assignee.display_name})
    if request.POST.get("next") == "queue":
        return redirect("applications:queue")
    return redirect("applications:detail", code=req.code)


@staff_required()
@require_POST
def resubmit(request: HttpRequest, code: str) -> HttpResponse:
    req = selectors.request_for_user(request.user, code)
    try:
        services.request_resubmit(
            request=req,
            user=request.user,
            expected_version=_version(request),
            note=request.POST.get("note", "")[:1000],
        )
    except (ConflictError, ValidationError) as exc:
        text = exc.message if isinstance(exc, ConflictError) else " ".join(exc.messages)
        messages.error(request, text)
    else:
        messages.success(request, _("The request is back in the queue."))
    return redirect("applications:detail", code=req.code)


@staff_required()
@require_POST
def cancel(request: HttpRequest, code: str) -> HttpResponse:
    req = selectors.request_for_user(request.user, code)
    if not access.may_cancel(request.user, req):
        raise Http404
    try:
        services.request_cancel(
            request=req,
            user=request.user,
            expected_version=_version(request),
            reason=request.POST.get("reason", "").strip()[:1000],
        )
    except (ConflictError, ValidationError) as exc:
        text = exc.message if isinstance(exc, ConflictError) else " ".join(exc.messages)
        messages.error(request, text)
    else:
        messages.success(request, _("The request has been cancelled."))
    return redirect("applications:detail", code=req.code)


@staff_required()
@require_POST
def upload_add(request: HttpRequest, code: str) -> HttpResponse:
    """Adds files handed in later (a returned file completed at the counter)."""
    req = selectors.request_for_user(request.user, code)
    if req.status == RequestStatus.DRAFT or not access.may_add_files(request.user, req):
        raise Http404  # a draft's files are added on the intake page
    form = RequirementsForm(request.POST, request.FILES, request=req)
    if form.is_valid():
        try:
            for req_code, file in form.files_by_code().items():
                services.upload_add(
                    request=req, requirement_code=req_code, file=file, user=request.user
                )
        except (ConflictError, ValidationError) as exc:
            text = exc.message if isinstance(exc, ConflictError) else " ".join(exc.messages)
            messages.error(request, text)
        else:
            messages.success(request, _("Files added."))
    return redirect("applications:detail", code=req.code)


@staff_required()
def upload_download(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    req = selectors.request_for_user(request.user, code)
    upload = req.uploads.filter(pk=pk).first()
    if upload is None or not extension_for(req.standard).may_open_files(
        request=req, user=request.user
    ):
        raise Http404
    if req.applicant_person_id:
        log_access(
            request.user,
            upload,
            action=AccessAction.DOWNLOAD,
            summary=f"Upload of request {req.code}",
            request=request,
        )
    return stream_upload(upload)


@staff_required()
def receipt(request: HttpRequest, code: str) -> HttpResponse:
    from sigap.applications.letters import receipt_ensure

    req = selectors.request_for_user(request.user, code)
    if req.status == RequestStatus.DRAFT:
        raise Http404
    # A portal request's receipt comes from a task; if it has not run yet, it is issued now.
    document = receipt_ensure(request=req)
    return redirect("documents:download", pk=document.pk)


@staff_required()
def draft(request: HttpRequest, code: str) -> HttpResponse:
    """The product's letter as it will be printed (DRAF, unnumbered), for paraf and sign."""
    from sigap.applications.letters import letter_draft

    req = selectors.request_for_user(request.user, code)
    made = letter_draft(request=req, user=request.user)
    if made is None:
        raise Http404
    log_access(
        request.user,
        req,
        action=AccessAction.VIEW,
        summary=f"Draft letter {req.code}",
        request=request,
    )
    response = HttpResponse(made[0], content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="draf-{req.code}.pdf"'
    return response
