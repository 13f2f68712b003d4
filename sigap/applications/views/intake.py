"""Front-office intake: service -> applicant -> requirements and uploads -> check -> submit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sigap.api.errors import ConflictError
from sigap.applications import selectors, services
from sigap.applications.access import INTAKE_ROLES
from sigap.applications.extensions import extension_for
from sigap.applications.forms import RequirementsForm, StaffApplicantForm
from sigap.applications.models import Channel, Request, RequestStatus
from sigap.applications.views.common import bound, checklist_with_due_steps, posted
from sigap.core.access import log_access
from sigap.core.decorators import staff_required
from sigap.core.models import AccessAction
from sigap.identity import mask_nik
from sigap.standards.models import ApplicantKind

SESSION_KEY = "sigap.intake.{code}"


def _standard(user, service_code: str):
    from sigap.standards.selectors import standard_in_force

    standard = standard_in_force(code=service_code)
    if standard.office_id != user.office_id:
        raise Http404
    return standard


def _draft(user, code: str) -> Request:
    req = selectors.request_for_user(user, code)
    if req.status != RequestStatus.DRAFT:
        raise Http404
    return req


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


@staff_required(*INTAKE_ROLES)
def choose_service(request: HttpRequest) -> HttpResponse:
    from sigap.standards.selectors import standards_public

    return render(
        request,
        "applications/staff/new.html",
        {"services": standards_public(request.user.office)},
    )


@staff_required(*INTAKE_ROLES)
def applicant(request: HttpRequest, service_code: str) -> HttpResponse:
    standard = _standard(request.user, service_code)
    form = StaffApplicantForm(posted(request), standard=standard)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = None
            organisation = None
            if data["applicant_kind"] == ApplicantKind.PERSON:
                person = services.applicant_person_resolve(
                    nik=data["nik"],
                    name=data["name"],
                    address=data.get("address", ""),
                    phone=data.get("contact_phone", ""),
                    email=data.get("contact_email", ""),
                )
            else:
                organisation = {
                    "kind": data.get("org_kind", ""),
                    "name": data.get("org_name", ""),
                    "region_code": data.get("org_region_code", ""),
                    "contact_name": data.get("org_contact_name", ""),
                }
            draft = services.request_start(
                standard=standard,
                product_code=data.get("product_code", ""),
                person=person,
                organisation=organisation,
                contact_email=data.get("contact_email", ""),
                contact_phone=data.get("contact_phone", ""),
                channel=Channel.FRONT_OFFICE,
                user=request.user,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            return redirect("applications:intake", code=draft.code)
    return render(
        request,
        "applications/staff/new_applicant.html",
        {"standard": standard, "form": form},
        status=400 if form.errors else 200,
    )


@staff_required(*INTAKE_ROLES)
def nik_lookup(request: HttpRequest) -> HttpResponse:
    """HTMX: whether the typed NIK is valid and already known in the registry (logged)."""
    from sigap.identity import validate_nik
    from sigap.registry.models import Person

    raw = request.GET.get("nik", "")
    context: dict = {}
    if raw.strip():
        try:
            info = validate_nik(raw)
        except ValidationError as exc:
            context["error"] = " ".join(exc.messages)
        else:
            person = Person.objects.filter(nik=info.nik).first()
            context.update(
                {
                    "nik": info.nik,
                    "person": person,
                    "warnings": info.warnings,
                    "service_warnings": _service_nik_warnings(request, info.nik),
                }
            )
            if person is not None:
                log_access(
                    request.user,
                    person,
                    action=AccessAction.SEARCH,
                    summary="NIK lookup at intake",
                    request=request,
                )
    return render(request, "applications/staff/_nik_lookup.html", context)


def _service_nik_warnings(request: HttpRequest, nik: str) -> list[str]:
    """What the service says about this NIK (cash help: already helped) at the applicant step."""
    from sigap.standards.selectors import standard_in_force

    code = request.GET.get("service", "")[:60]
    if not code:
        return []
    try:
        standard = standard_in_force(code=code)
    except Http404:
        return []
    if standard.office_id != request.user.office_id:
        return []
    return extension_for(standard).nik_warnings(
        standard=standard, office=request.user.office, nik=nik
    )


@staff_required(*INTAKE_ROLES)
def requirements(request: HttpRequest, code: str) -> HttpResponse:
    """Files, data and conditions of the requirements, and the service's own intake fields."""
    req = _draft(request.user, code)
    extension = extension_for(req.standard)
    uploads_required = extension.uploads_at_intake(standard=req.standard)
    form = RequirementsForm(*bound(request), request=req, uploads_required=uploads_required)
    ext_class = extension.intake_form(standard=req.standard)
    stored = request.session.get(SESSION_KEY.format(code=req.code), {})
    ext_form = ext_class(posted(request), initial=stored) if ext_class else None
    if request.method == "POST":
        valid = form.is_valid() & (ext_form.is_valid() if ext_form else True)
        if valid:
            try:
                for req_code, file in form.files_by_code().items():
                    services.upload_add(
                        request=req, requirement_code=req_code, file=file, user=request.user
                    )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                services.requirement_answers_set(
                    request=req, answers=form.answers(), user=request.user
                )
                if ext_form is not None:
                    request.session[SESSION_KEY.format(code=req.code)] = {
                        k: v for k, v in request.POST.items() if k in ext_form.fields
                    }
                return redirect("applications:intake_confirm", code=req.code)
        elif _keep_valid_files(request, req, form):
            # The files are kept on the draft: ask again only for what was wrong.
            form = RequirementsForm(request.POST, request=req, uploads_required=uploads_required)
            form.is_valid()
    return render(
        request,
        "applications/staff/intake.html",
        {
            "req": req,
            "form": form,
            "ext_form": ext_form,
            "checklist": checklist_with_due_steps(req),
        },
        status=400 if (form.errors or (ext_form and ext_form.errors)) else 200,
    )


def _keep_valid_files(request: HttpRequest, req: Request, form: RequirementsForm) -> bool:
    """After a form error, store the files that passed their own checks on the draft, so the
    officer does not upload the police letter again; True when any was stored."""
    kept = False
    for req_code, file in form.files_by_code().items():
        if req_code in form.errors:
            continue
        try:
            services.upload_add(
                request=req, requirement_code=req_code, file=file, user=request.user
            )
        except (ValidationError, ConflictError):
            continue  # the file's own refusal is already on the form from its check
        kept = True
    return kept


@require_POST
@staff_required(*INTAKE_ROLES)
def upload_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Takes a file off a draft (a wrong file kept after a form error)."""
    req = _draft(request.user, code)
    if not services.draft_upload_remove(request=req, upload_pk=pk, user=request.user):
        raise Http404
    messages.success(request, _("File removed."))
    return redirect("applications:intake", code=req.code)


@staff_required(*INTAKE_ROLES)
def confirm(request: HttpRequest, code: str) -> HttpResponse:
    """Check your answers: the summary, warnings from the service, then submit."""
    req = _draft(request.user, code)
    ext_data = request.session.get(SESSION_KEY.format(code=req.code), {})
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.request_submit(request=req, user=request.user, extension_data=ext_data)
        except ValidationError as exc:
            errors = [str(m) for m in exc.messages]
        except ConflictError as exc:
            errors = [exc.message]
        else:
            request.session.pop(SESSION_KEY.format(code=req.code), None)
            messages.success(
                request,
                _("Request %(code)s has been submitted. Print the receipt for the applicant.")
                % {"code": req.code},
            )
            return redirect("applications:detail", code=req.code)
    warnings = services.intake_warnings(
        standard=req.standard, person=req.applicant_person, data=ext_data
    )
    blocks = extension_for(req.standard).intake_blocks(request=req, data=ext_data)
    person = req.applicant_person
    return render(
        request,
        "applications/staff/confirm.html",
        {
            "req": req,
            "checklist": checklist_with_due_steps(req),
            "warnings": warnings,
            "blocks": blocks,
            "errors": errors,
            "nik_masked": mask_nik(person.nik) if person and person.nik else "",
            "ext_items": _ext_summary(req, ext_data),
        },
        status=400 if errors else 200,
    )


def _ext_summary(req: Request, data: dict) -> list[tuple[str, str]]:
    form_class = extension_for(req.standard).intake_form(standard=req.standard)
    if form_class is None:
        return []
    form = form_class(data)
    form.is_valid()
    items = []
    for name, field in form.fields.items():
        value = data.get(name, "")
        if hasattr(field, "queryset") and value:
            value = str(form.cleaned_data.get(name) or value)
        items.append((str(field.label), value))
    return items
