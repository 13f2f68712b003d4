"""The public portal's application wizard (GOV.UK patterns): one question per page, check
your answers, confirmation with the reference number. Its state lives in the session; the
draft request is opened only when files are to be uploaded."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sigap.api.errors import ConflictError
from sigap.applications import selectors, services
from sigap.applications.extensions import extension_for
from sigap.applications.forms import (
    ContactForm,
    DeclarationForm,
    NameForm,
    NikForm,
    ProductForm,
    RequirementsForm,
)
from sigap.applications.models import Channel, Request, RequestStatus
from sigap.applications.views.common import bound, posted
from sigap.registry.models import Person

STATE_KEY = "sigap.apply"
APPLIED_KEY = "sigap.applied"
# Answers that shape the draft: changing one of them starts the uploads again.
DRAFT_FIELDS = {"product_code", "nik", "name", "address", "contact_phone", "contact_email"}

PAGE_TITLES = {
    "product": _("What do you need?"),
    "nik": _("What is your NIK?"),
    "name": _("What is your name?"),
    "contact": _("How can we tell you about your request?"),
    "details": _("Tell us what happened"),
    "documents": _("Upload your documents"),
    "check": _("Check your answers before sending your request"),
}


def _standard(service_code: str):
    from sigap.standards.selectors import standard_in_force

    standard = standard_in_force(code=service_code)
    if not standard.public_intake:
        raise Http404
    return standard


def _pages(standard) -> list[str]:
    pages = ["nik", "name", "contact"]
    if standard.products.count() > 1:
        pages.insert(0, "product")
    if extension_for(standard).intake_form(standard=standard) is not None:
        pages.append("details")
    return [*pages, "documents", "check"]


def _state(request: HttpRequest, code: str) -> dict:
    return request.session.get(STATE_KEY, {}).get(code, {})


def _save_state(request: HttpRequest, code: str, state: dict) -> None:
    all_state = request.session.get(STATE_KEY, {})
    all_state[code] = state
    request.session[STATE_KEY] = all_state


def _drop_draft(state: dict) -> None:
    if state.get("draft"):
        Request.objects.filter(code=state["draft"], status=RequestStatus.DRAFT).delete()
        state.pop("draft", None)


def _person_for(state: dict) -> Person:
    """The registry person of the NIK; an existing record is never changed from the portal
    (anyone can type any NIK), so staff check the KTP at the counter step."""
    return services.applicant_person_resolve(
        nik=state["nik"],
        name=state["name"],
        address=state.get("address", ""),
        phone=state.get("contact_phone", ""),
        email=state.get("contact_email", ""),
    )


def _draft_for(standard, state: dict) -> Request:
    if state.get("draft"):
        draft = Request.objects.filter(code=state["draft"], status=RequestStatus.DRAFT).first()
        if draft is not None:
            return draft
    draft = services.request_start(
        standard=standard,
        product_code=state.get("product_code", ""),
        person=_person_for(state),
        contact_email=state.get("contact_email", ""),
        contact_phone=state.get("contact_phone", ""),
        channel=Channel.PORTAL,
    )
    state["draft"] = draft.code
    return draft


def start(request: HttpRequest, service_code: str) -> HttpResponse:
    standard = _standard(service_code)
    first = _pages(standard)[0]
    return render(
        request,
        "applications/apply/start.html",
        {
            "standard": standard,
            "requirements": standard.requirements.all(),
            "first_url": reverse("applications:apply_page", args=[standard.code, first]),
        },
    )


def _question_form(page: str, standard, data, state):
    if page == "product":
        return ProductForm(data, standard=standard, initial=state)
    if page == "nik":
        return NikForm(data, initial=state)
    if page == "name":
        return NameForm(data, initial=state)
    if page == "contact":
        return ContactForm(data, initial=state)
    form_class = extension_for(standard).intake_form(standard=standard)
    return form_class(data, initial=state.get("details", {}))


def page(request: HttpRequest, service_code: str, page: str) -> HttpResponse:
    standard = _standard(service_code)
    pages = _pages(standard)
    if page not in pages:
        raise Http404
    state = _state(request, standard.code)
    index = pages.index(page)
    # A page needs the answers before it: otherwise start from the first missing one.
    for earlier in pages[:index]:
        if earlier in ("product", "nik", "name", "contact", "details") and earlier not in state.get(
            "answered", []
        ):
            return redirect("applications:apply_page", service_code=standard.code, page=earlier)
    back_url = (
        reverse("applications:apply_page", args=[standard.code, pages[index - 1]])
        if index
        else reverse("applications:apply_start", args=[standard.code])
    )
    next_url = (
        reverse("applications:apply_page", args=[standard.code, "check"])
        if request.GET.get("change")
        else reverse("applications:apply_page", args=[standard.code, pages[index + 1]])
        if index + 1 < len(pages)
        else ""
    )
    context = {
        "standard": standard,
        "page": page,
        "title": PAGE_TITLES[page],
        "back_url": back_url,
    }
    if page == "documents":
        return _documents(request, standard, state, context, next_url)
    if page == "check":
        return _check(request, standard, state, context)
    form = _question_form(page, standard, posted(request), state)
    if request.method == "POST" and form.is_valid():
        cleaned = {k: v for k, v in form.cleaned_data.items()}
        if page == "details":
            state["details"] = {k: v for k, v in request.POST.items() if k in form.fields}
        else:
            if any(state.get(k) != v for k, v in cleaned.items() if k in DRAFT_FIELDS):
                _drop_draft(state)
            state.update({k: v for k, v in cleaned.items() if k in DRAFT_FIELDS})
        state["answered"] = sorted({*state.get("answered", []), page})
        _save_state(request, standard.code, state)
        return redirect(next_url)
    context["form"] = form
    return render(
        request, "applications/apply/question.html", context, status=400 if form.errors else 200
    )


def _documents(request, standard, state, context, next_url) -> HttpResponse:
    try:
        draft = _draft_for(standard, state)
    except ValidationError as exc:
        # The NIK was accepted by the form but refused by the registry: ask again.
        state["answered"] = [p for p in state.get("answered", []) if p != "nik"]
        _save_state(request, standard.code, state)
        messages.error(request, " ".join(exc.messages))
        return redirect("applications:apply_page", service_code=standard.code, page="nik")
    _save_state(request, standard.code, state)
    form = RequirementsForm(*bound(request), request=draft)
    if request.method == "POST" and form.is_valid():
        try:
            for code, file in form.files_by_code().items():
                services.upload_add(request=draft, requirement_code=code, file=file)
            services.requirement_answers_set(request=draft, answers=form.answers())
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            missing = services.intake_errors(draft)
            if not missing:
                return redirect(next_url)
            for code, errors in missing.items():
                for error in errors:  # on its field, so the summary links to it
                    form.add_error(code if code in form.fields else None, error)
    context.update({"form": form, "checklist": selectors.checklist(draft)})
    return render(
        request, "applications/apply/documents.html", context, status=400 if form.errors else 200
    )


def _details_answers(standard, state: dict) -> list[tuple[str, str]]:
    """The service's own questions as (label, answer as shown), for the check page: every
    answer the applicant gave is listed there before sending (a choice by its label)."""
    form_class = extension_for(standard).intake_form(standard=standard)
    answers = state.get("details") or {}
    if form_class is None or not answers:
        return []
    rows = []
    for name, field in form_class(initial=answers).fields.items():
        value = answers.get(name, "")
        choices = dict(getattr(field, "choices", []) or [])
        shown = choices.get(value, value) if choices else value
        if isinstance(field, forms.BooleanField):
            shown = _("Yes") if value else _("No")
        rows.append((str(field.label), str(shown)))
    return rows


def _check(request, standard, state, context) -> HttpResponse:
    draft = (
        Request.objects.filter(code=state.get("draft", ""), status=RequestStatus.DRAFT).first()
        if state.get("draft")
        else None
    )
    if draft is None:
        return redirect("applications:apply_page", service_code=standard.code, page="documents")
    form = DeclarationForm(posted(request))
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.request_submit(request=draft, extension_data=state.get("details"))
        except ValidationError as exc:
            errors = [str(m) for m in exc.messages]
        except ConflictError as exc:
            errors = [exc.message]
        else:
            all_state = request.session.get(STATE_KEY, {})
            all_state.pop(standard.code, None)
            request.session[STATE_KEY] = all_state
            request.session[APPLIED_KEY] = [*request.session.get(APPLIED_KEY, [])[-19:], draft.code]
            request.session["sigap.last_applied"] = draft.code
            return redirect("applications:apply_done", service_code=standard.code)
    product = draft.product
    context.update(
        {
            "form": form,
            "errors": errors,
            "draft": draft,
            "state": state,
            "product": product,
            "checklist": selectors.checklist(draft),
            "has_products": standard.products.count() > 1,
            "has_details": "details" in _pages(standard),
            "details": _details_answers(standard, state),
        }
    )
    return render(
        request,
        "applications/apply/check.html",
        context,
        status=400 if (form.errors or errors) else 200,
    )


def _applied(request: HttpRequest, standard) -> Request:
    """The request this browser session just sent; nobody else's."""
    code = request.session.get("sigap.last_applied", "")
    if code not in request.session.get(APPLIED_KEY, []):
        raise Http404
    req = Request.objects.filter(code=code, standard__code=standard.code).first()
    if req is None:
        raise Http404
    return req


def done(request: HttpRequest, service_code: str) -> HttpResponse:
    standard = _standard(service_code)
    req = _applied(request, standard)
    return render(
        request,
        "applications/apply/done.html",
        {"standard": standard, "req": req, "track": selectors.track_info(req.code)},
    )


def receipt(request: HttpRequest, service_code: str) -> HttpResponse:
    """The receipt PDF, for the session that sent the request only: issued by a task right
    after the submission, or here on the first download if the task has not run yet."""
    from sigap.applications.letters import receipt_ensure

    standard = _standard(service_code)
    req = _applied(request, standard)
    if req.status == RequestStatus.DRAFT:
        raise Http404
    document = receipt_ensure(request=req)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=False,
        filename=f"tanda-terima-{req.code}.pdf",
        content_type="application/pdf",
    )
