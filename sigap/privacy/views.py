"""Staff pages: the register of data subject requests, recording one, and its one download."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sigap.core.decorators import staff_required
from sigap.privacy import access, selectors, services
from sigap.privacy.access import EXPORT_ROLES, REGISTER_ROLES
from sigap.privacy.export import export_filename, export_zip
from sigap.privacy.forms import SubjectRequestForm, apply_errors


@staff_required(*REGISTER_ROLES)
def register(request: HttpRequest) -> HttpResponse:
    if not access.can_read_register(request.user):
        raise PermissionDenied
    services.subject_requests_expire()
    rows = selectors.register_for_user(request.user)[:500]
    return render(
        request,
        "privacy/register.html",
        {"rows": rows, "can_export": access.can_export(request.user)},
    )


@staff_required(*EXPORT_ROLES)
def request_new(request: HttpRequest) -> HttpResponse:
    if not access.can_export(request.user):
        raise PermissionDenied
    form = SubjectRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            subject_request = services.subject_request_record(
                user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Request recorded. Download the export once, now."))
            return redirect("privacy:detail", pk=subject_request.pk)
    return render(request, "privacy/new.html", {"form": form})


@staff_required(*REGISTER_ROLES)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not access.can_read_register(request.user):
        raise PermissionDenied
    services.subject_requests_expire()
    subject_request = access.get_request_for_user(request.user, pk)
    summary = [(key, count) for key, count in sorted(subject_request.summary.items())]
    return render(
        request,
        "privacy/detail.html",
        {
            "sr": subject_request,
            "summary": summary,
            "can_download": access.can_download(request.user, subject_request)
            and subject_request.is_available,
        },
    )


@require_POST
@staff_required(*EXPORT_ROLES)
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """The export as a ZIP (data.json and data.pdf), handed over once."""
    services.subject_requests_expire()
    try:
        with transaction.atomic():
            export = services.subject_export_take(
                user=request.user, subject_request_id=pk, request=request
            )
            content = export_zip(export)
    except services.ExportNotAvailable as exc:
        messages.error(request, str(exc))
        return redirect("privacy:detail", pk=pk)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(export)}"'
    response["Cache-Control"] = "no-store"
    return response
