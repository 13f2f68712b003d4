"""Public report card, the service pledge and the staff dashboard (views stay thin)."""

from io import BytesIO

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from sigap.accounts.models import Office
from sigap.accounts.roles import Role
from sigap.core.access import has_role
from sigap.core.decorators import staff_required
from sigap.reports import selectors
from sigap.reports.models import ServicePledge

DASHBOARD_ROLES = (Role.HEAD_OF_OFFICE, Role.HEAD_OF_DIVISION)


def _year(request: HttpRequest) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else None


def report_card(request: HttpRequest, office_code: str, service_code: str | None = None):
    office = get_object_or_404(Office, code=office_code)
    card = selectors.report_card(office, service_code=service_code, year=_year(request))
    pledge = ServicePledge.objects.filter(office=office).first()
    return render(
        request,
        "reports/report_card.html",
        {"office": office, "card": card, "pledge": pledge, "chart": card["sla"]["months"]},
    )


def report_card_pdf(request: HttpRequest, office_code: str) -> HttpResponse:
    from sigap.documents.pdf import render_pdf

    office = get_object_or_404(Office, code=office_code)
    card = selectors.report_card(office, year=_year(request))
    pdf = render_pdf("reports/pdf/report_card.html", {"office": office, "card": card})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="report-card-{office.code}.pdf"'
    return response


def pledge(request: HttpRequest, office_code: str) -> HttpResponse:
    office = get_object_or_404(Office, code=office_code)
    return render(
        request,
        "reports/pledge.html",
        {"office": office, "pledge": ServicePledge.objects.filter(office=office).first()},
    )


class PledgeForm(forms.ModelForm):
    class Meta:
        model = ServicePledge
        fields = ["text", "effective_date"]
        widgets = {"effective_date": forms.DateInput(attrs={"type": "date"})}


@staff_required()
def pledge_edit(request: HttpRequest) -> HttpResponse:
    if not has_role(request.user, Role.HEAD_OF_OFFICE):
        raise PermissionDenied
    office = request.user.office
    instance = ServicePledge.objects.filter(office=office).first()
    form = PledgeForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            obj = form.save(commit=False)
            obj.office = office
            obj.signer_name = request.user.full_name
            obj.signer_nip = request.user.nip or ""
            obj.full_clean()
            obj.save()
        return redirect("reports:pledge", office_code=office.code)
    return render(request, "reports/pledge_edit.html", {"form": form, "office": office})


@staff_required(*DASHBOARD_ROLES)
def dashboard(request: HttpRequest) -> HttpResponse:
    office = request.user.office
    data = selectors.dashboard(office)
    if request.GET.get("format") == "xlsx":
        return _xlsx(office, data)
    return render(request, "reports/dashboard.html", {"office": office, "data": data})


def _xlsx(office: Office, data: dict) -> HttpResponse:
    wb = Workbook()
    ws = wb.active
    ws.title = "steps"
    ws.append([str(_("Step")), str(_("Waiting"))])
    for row in data["by_step"]:
        ws.append([row["current_step__label"] or "-", row["n"]])
    ws2 = wb.create_sheet("officers")
    ws2.append([str(_("Officer")), str(_("Waiting")), str(_("Overdue"))])
    for row in data["by_officer"]:
        ws2.append([row["assigned_to__full_name"] or "-", row["n"], row["overdue"]])
    ws3 = wb.create_sheet("summary")
    ws3.append([str(_("Overdue")), data["overdue"]])
    ws3.append([str(_("Complaint backlog")), data["complaint_backlog"]])
    ws3.append([str(_("Children's cases due for review")), data["children"]["due_for_review"]])
    ws4 = wb.create_sheet("timeliness")
    ws4.append([str(_("Officer")), str(_("Completed")), str(_("On time"))])
    for row in data["officers"]:
        ws4.append([row["officer"], row["completed"], row["on_time"]])
    ws5 = wb.create_sheet("sla")
    ws5.append([str(_("Period")), str(_("Completed")), str(_("On time"))])
    for row in data["sla_trend"]:
        ws5.append([row["month"], row["completed"], row["on_time"]])
    buf = BytesIO()
    wb.save(buf)
    response = HttpResponse(
        buf.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="dashboard-{office.code}.xlsx"'
    return response
