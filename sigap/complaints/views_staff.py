"""Staff complaint pages under /staff/complaints/: queue, record, detail with actions, export."""

import csv
import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from sigap.api.errors import ConflictError
from sigap.complaints import services
from sigap.complaints.access import (
    ACT_ROLES,
    READ_ROLES,
    SETTINGS_ROLES,
    can_act,
    complainant_identity,
    complaint_for_user,
    complaints_for_user,
)
from sigap.complaints.forms import (
    CompleteForm,
    DayOffForm,
    DisposeForm,
    MeetingForm,
    RatingForm,
    ReasonForm,
    ReferForm,
    ResponseForm,
    SettingsForm,
    StaffComplaintForm,
)
from sigap.complaints.models import OfficeDayOff, Status
from sigap.complaints.selectors import LAPOR_COLUMNS, complaint_queue, lapor_export_rows
from sigap.complaints.views_public import _add_errors, _standard_for
from sigap.core.access import log_access
from sigap.core.decorators import staff_required
from sigap.core.models import AccessAction

DONE = _("Saved.")


@staff_required(*READ_ROLES)
def complaint_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    qs = complaints_for_user(request.user).select_related("office")
    if status in Status.values:
        qs = qs.filter(status=status)
    queue = complaint_queue(request.user.office) if request.user.office_id else []
    return render(
        request,
        "complaints/staff_list.html",
        {
            "complaints": qs[:200],
            "queue": queue,
            "overdue": sum(1 for item in queue if item.state == "overdue"),
            "due": sum(1 for item in queue if item.state == "due"),
            "statuses": Status.choices,
            "status": status,
            "can_record": request.user.is_superuser or request.user.has_role(*ACT_ROLES),
        },
    )


@staff_required(*ACT_ROLES)
def complaint_record(request: HttpRequest) -> HttpResponse:
    office = request.user.office
    if office is None:
        raise PermissionDenied
    form = StaffComplaintForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint, _secret = services.complaint_receive(
                office=office,
                channel=data["channel"],
                lapor_number=data["lapor_number"],
                received_on=data["received_on"],
                subject=data["subject"],
                body=data["body"],
                anonymous=data["anonymous"],
                confidential=data["confidential"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                address=data["address"],
                standard=_standard_for(office, data["service_code"]),
                request_code=data["request_code"],
                by=request.user,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, DONE)
            return redirect("complaints:staff_detail", code=complaint.code)
    return render(request, "complaints/staff_record.html", {"form": form})


def _detail_context(request: HttpRequest, complaint, **forms) -> dict:
    acting = can_act(request.user, complaint)
    context = {
        "complaint": complaint,
        "identity": complainant_identity(request.user, complaint, request=request),
        "events": complaint.events.select_related("office", "to_office", "to_unit", "actor"),
        "can_act": acting,
    }
    if acting:
        context.update(
            reject_form=ReasonForm(),
            response_form=ResponseForm(),
            dispose_form=DisposeForm(office=complaint.office),
            refer_form=ReferForm(targets=services.referral_targets(complaint.office)),
            meeting_form=MeetingForm(),
            complete_form=CompleteForm(),
            rating_form=RatingForm(),
            reopen_form=ReasonForm(),
        )
    context.update(forms)
    return context


@staff_required(*READ_ROLES)
def complaint_detail(request: HttpRequest, code: str) -> HttpResponse:
    complaint = complaint_for_user(request.user, code)
    return render(request, "complaints/staff_detail.html", _detail_context(request, complaint))


def _run(form_name: str, form_class, call, *, form_kwargs=None):
    """A POST action on a complaint: validate the form, call the service, show the result."""

    @staff_required(*ACT_ROLES)
    @require_POST
    def view(request: HttpRequest, code: str) -> HttpResponse:
        complaint = complaint_for_user(request.user, code)
        kwargs = form_kwargs(complaint) if form_kwargs else {}
        form = form_class(request.POST, **kwargs)
        if form.is_valid():
            try:
                call(complaint=complaint, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _add_errors(form, exc)
            except ConflictError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, DONE)
                return redirect("complaints:staff_detail", code=complaint.code)
        context = _detail_context(request, complaint, **{form_name: form})
        return render(request, "complaints/staff_detail.html", context, status=400)

    return view


complaint_verify = _run("verify_form", forms.Form, services.complaint_verify)
complaint_reject = _run("reject_form", ReasonForm, services.complaint_reject)
complaint_dispose = _run(
    "dispose_form",
    DisposeForm,
    services.complaint_dispose,
    form_kwargs=lambda c: {"office": c.office},
)
complaint_refer = _run(
    "refer_form",
    ReferForm,
    services.complaint_refer,
    form_kwargs=lambda c: {"targets": services.referral_targets(c.office)},
)
complaint_respond = _run("response_form", ResponseForm, services.complaint_respond)
complaint_meeting = _run("meeting_form", MeetingForm, services.complaint_record_meeting)
complaint_complete = _run("complete_form", CompleteForm, services.complaint_complete)
complaint_rate = _run("rating_form", RatingForm, services.complaint_rate)
complaint_reopen = _run("reopen_form", ReasonForm, services.complaint_reopen)


@staff_required(*READ_ROLES)
def lapor_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The office's follow-up of SP4N-LAPOR! complaints, to enter back there (CSV or XLSX)."""
    complaints_for_user(request.user)  # role check
    office = request.user.office
    if office is None:
        raise PermissionDenied
    rows = lapor_export_rows(office)
    log_access(request.user, office, action=AccessAction.EXPORT, summary="LAPOR export")
    headers = [label for _key, label in LAPOR_COLUMNS]
    filename = f"lapor-tindak-lanjut-{office.code}-{timezone.localdate():%Y%m%d}"
    if fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "Tindak Lanjut"
        ws.append(headers)
        for row in rows:
            ws.append([_safe_cell(row[key]) for key, _label in LAPOR_COLUMNS])
        buffer = io.BytesIO()
        wb.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_safe_cell(row[key]) for key, _label in LAPOR_COLUMNS])
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        fmt = "csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _safe_cell(value):
    """Neutralises spreadsheet formulas in text that came from the public (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


@staff_required(*SETTINGS_ROLES)
def complaint_settings(request: HttpRequest) -> HttpResponse:
    """The office's deadlines per stage and its own days off (cuti bersama)."""
    office = request.user.office
    if office is None:
        raise PermissionDenied
    conf = services.complaint_settings_for(office)
    form = SettingsForm(request.POST if "save_settings" in request.POST else None, instance=conf)
    day_form = DayOffForm(request.POST if "add_day" in request.POST else None)
    if request.method == "POST":
        if "save_settings" in request.POST and form.is_valid():
            services.complaint_settings_update(office=office, **form.cleaned_data)
            messages.success(request, DONE)
            return redirect("complaints:staff_settings")
        if "add_day" in request.POST and day_form.is_valid():
            services.office_day_off_set(office=office, **day_form.cleaned_data)
            messages.success(request, DONE)
            return redirect("complaints:staff_settings")
        if "remove_day" in request.POST:
            try:
                day_id = int(request.POST["remove_day"])
            except ValueError:
                day_id = 0
            services.office_day_off_remove(office=office, day_id=day_id)
            return redirect("complaints:staff_settings")
    return render(
        request,
        "complaints/staff_settings.html",
        {
            "form": form,
            "day_form": day_form,
            "days": OfficeDayOff.objects.filter(office=office),
            "office": office,
        },
        status=400 if request.method == "POST" else 200,
    )
