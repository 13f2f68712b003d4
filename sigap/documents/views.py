"""Pages: public verification, staff download and revoke, the agenda, and template editing."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sigap.core.access import has_role, log_access
from sigap.core.decorators import staff_required
from sigap.core.models import AccessAction
from sigap.core.ratelimit import MSG_TOO_MANY_LOOKUPS, lookup_missed, lookup_refused
from sigap.documents import services
from sigap.documents.access import (
    AGENDA_ROLES,
    AGENDA_WRITERS,
    REVOKERS,
    TEMPLATE_EDITORS,
    get_document_for_user,
)
from sigap.documents.forms import (
    AgendaRegisterForm,
    AgendaSettingsForm,
    DocumentTemplateForm,
    RevokeForm,
    VerifyUploadForm,
)
from sigap.documents.pdf import html_to_pdf
from sigap.documents.selectors import (
    agenda_for_office,
    agenda_years,
    document_by_token,
    document_signature_check,
)
from sigap.documents.signing.verify import signature_check
from sigap.documents.template_catalogue import CATALOGUE, document_context, sample_context
from sigap.documents.templating import file_templates, resolve_template

# --- public verification -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, token: str) -> HttpResponse:
    if lookup_refused(request, "verify"):
        return render(
            request, "core/lookup_refused.html", {"message": MSG_TOO_MANY_LOOKUPS}, status=429
        )
    document = document_by_token(token)
    if document is None:
        lookup_missed("verify")
        return render(request, "documents/verify_unknown.html", status=404)
    form = VerifyUploadForm()
    check = None
    if request.method == "POST":
        form = VerifyUploadForm(request.POST, request.FILES)
        if form.is_valid():
            uploaded_sha = services.sha256_of(form.data_bytes)
            check = {
                "identical": uploaded_sha == document.sha256,
                "sha256": uploaded_sha,
                # A copy that is not byte-identical may still carry the office's valid
                # signature (e.g. re-saved by a viewer adding its own revision): say what it is.
                "signature": signature_check(form.data_bytes),
            }
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    return render(
        request,
        "documents/verify.html",
        {
            "document": document,
            "form": form,
            "check": check,
            "signature": document_signature_check(document),
        },
        status=status,
    )


# --- staff: one document -------------------------------------------------------------------


@staff_required()
def download(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk)
    if not default_storage.exists(document.file.name):
        raise Http404
    # Issued documents name the people they concern: every download is logged.
    log_access(
        request.user,
        document,
        action=AccessAction.DOWNLOAD,
        summary=document.number or document.title,
        request=request,
    )
    filename = (document.number or f"dokumen-{document.pk}").replace("/", "-") + ".pdf"
    return FileResponse(
        default_storage.open(document.file.name, "rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )


@staff_required()
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk)
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "may_revoke": has_role(request.user, *REVOKERS) and not document.is_revoked,
            "revoke_form": RevokeForm(),
        },
    )


@require_POST
@staff_required(*REVOKERS)
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            services.document_revoke(
                document=document, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The document has been revoked."))
            return redirect("documents:detail", pk=document.pk)
    return render(
        request,
        "documents/detail.html",
        {"document": document, "may_revoke": True, "revoke_form": form},
        status=400,
    )


# --- staff: agenda -------------------------------------------------------------------------


def _agenda_year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


@require_http_methods(["GET", "POST"])
@staff_required(*AGENDA_ROLES)
def agenda(request: HttpRequest) -> HttpResponse:
    office = request.user.office
    if office is None:
        raise Http404
    may_register = has_role(request.user, *AGENDA_WRITERS)
    form = AgendaRegisterForm(request.POST or None)
    if request.method == "POST":
        if not may_register:
            raise PermissionDenied
        if form.is_valid():
            entry = services.agenda_register(
                office=office, registered_by=request.user, **form.cleaned_data
            )
            messages.success(
                request, _("Registered with number %(number)s.") % {"number": entry.number}
            )
            return redirect("documents:agenda")
    year = _agenda_year(request)
    years = sorted(set(agenda_years(office=office)) | {timezone.localdate().year}, reverse=True)
    return render(
        request,
        "documents/agenda.html",
        {
            "year": year,
            "years": years,
            "entries": agenda_for_office(office=office, year=year),
            "agenda_settings": services.agenda_settings_for(office),
            "may_configure": has_role(request.user, *TEMPLATE_EDITORS),
            "may_register": may_register,
            "form": form,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@staff_required(*AGENDA_ROLES)
def agenda_export(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    office = request.user.office
    if office is None:
        raise Http404
    year = _agenda_year(request)
    book = Workbook()
    sheet = book.active
    sheet.title = f"Agenda {year}"
    headers = [
        _("No."),
        _("Letter number"),
        _("Date"),
        _("Subject"),
        _("Recipient"),
        _("Classification"),
    ]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for entry in agenda_for_office(office=office, year=year):
        sheet.append(
            [
                entry.sequence,
                entry.number,
                entry.date,
                entry.title,
                entry.recipient,
                entry.classification,
            ]
        )
    for column, width in zip("ABCDEF", (6, 34, 12, 50, 34, 14), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    # Recipients are people: the export is logged like any other personal-data access.
    log_access(
        request.user,
        office,
        action=AccessAction.EXPORT,
        summary=f"agenda {year}",
        request=request,
    )
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="agenda-{office.code}-{year}.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
@staff_required(*TEMPLATE_EDITORS)
def agenda_settings(request: HttpRequest) -> HttpResponse:
    office = request.user.office
    if office is None:
        raise Http404
    current = services.agenda_settings_for(office)
    form = AgendaSettingsForm(
        request.POST or None,
        initial={
            "number_format": current.number_format,
            "default_classification": current.default_classification,
            "letter_code": current.letter_code,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.agenda_settings_update(office=office, **form.cleaned_data)
        messages.success(request, _("The numbering format has been saved."))
        return redirect("documents:agenda")
    return render(
        request,
        "documents/agenda_settings.html",
        {"form": form, "office": office},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


# --- staff: template editing ---------------------------------------------------------------


def _template_office(user):
    # Edits apply to the editor's own office; copies for every office are made in the admin.
    if user.office is None:
        raise Http404
    return user.office


@staff_required(*TEMPLATE_EDITORS)
def template_list(request: HttpRequest) -> HttpResponse:
    office = _template_office(request.user)
    rows = []
    for code, default in sorted(file_templates().items()):
        resolved = resolve_template(office=office, code=code)
        rows.append(
            {"code": code, "title": resolved.title, "resolved": resolved, "app": default.app}
        )
    return render(request, "documents/template_list.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@staff_required(*TEMPLATE_EDITORS)
def template_edit(request: HttpRequest, code: str) -> HttpResponse:
    office = _template_office(request.user)
    if code not in file_templates():
        raise Http404
    resolved = resolve_template(office=office, code=code)
    form = DocumentTemplateForm(
        request.POST or None, initial={"title": resolved.title, "body": resolved.body}
    )
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            return _preview_response(office=office, code=code, **form.cleaned_data)
        row = services.document_template_save(
            office=office, code=code, by=request.user, **form.cleaned_data
        )
        messages.success(
            request, _("Template saved as version %(version)s.") % {"version": row.version}
        )
        return redirect("documents:template_edit", code=code)
    return render(
        request,
        "documents/template_edit.html",
        {"code": code, "form": form, "resolved": resolved, "entry": CATALOGUE.get(code)},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@require_POST
@staff_required(*TEMPLATE_EDITORS)
def template_reset(request: HttpRequest, code: str) -> HttpResponse:
    if code not in file_templates():
        raise Http404
    services.document_template_reset(
        office=_template_office(request.user), code=code, by=request.user
    )
    messages.success(request, _("The default template applies again."))
    return redirect("documents:template_edit", code=code)


def _preview_response(*, office, code: str, title: str, body: str) -> HttpResponse:
    """The template filled with sample data, as an unnumbered PDF marked as a preview."""
    html = services.render_document_html(
        office=office,
        body=body,
        title=title,
        number="PRATINJAU/000/" + (office.letter_code or office.code.upper()),
        issued_at=timezone.now(),
        context=document_context(code, sample_context(code)),
        draft=True,
        signer={"name": "Nama Penandatangan", "rank": "", "nip": "", "position": "Kepala Dinas"},
        token="pratinjau",  # noqa: S106 - not a secret: previews are never verifiable
    )
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="pratinjau-{code}.pdf"'
    return response
