"""The staff dashboard of the head of office and heads of division, with its Excel export."""

from io import BytesIO

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from sigap.accounts.models import Office
from sigap.accounts.roles import Role
from sigap.core.decorators import staff_required
from sigap.reports import dashboard as dashboard_selectors

DASHBOARD_ROLES = (Role.HEAD_OF_OFFICE, Role.HEAD_OF_DIVISION)


@staff_required(*DASHBOARD_ROLES)
def dashboard(request: HttpRequest) -> HttpResponse:
    office = request.user.office
    data = dashboard_selectors.dashboard(office)
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
