"""The staff dashboard of the head of office and heads of division, with its Excel export."""

from datetime import date, datetime
from io import BytesIO

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from sigap.accounts.roles import Role
from sigap.core.decorators import staff_required
from sigap.core.formatting import period_name_short
from sigap.reports import dashboard as dashboard_selectors
from sigap.reports.views import percent_value, year_param

DASHBOARD_ROLES = (Role.HEAD_OF_OFFICE, Role.HEAD_OF_DIVISION)


@staff_required(*DASHBOARD_ROLES)
def dashboard(request: HttpRequest) -> HttpResponse:
    data = dashboard_selectors.dashboard(request.user, year=year_param(request))
    if request.GET.get("format") == "xlsx":
        return _xlsx(data)
    chart = {
        "months": [period_name_short(m["month"]) for m in data["sla_trend"]],
        "share": [percent_value(m["share_on_time"]) for m in data["sla_trend"]],
        "received": [m["received"] for m in data["sla_trend"]],
        "completed": [m["completed"] for m in data["sla_trend"]],
    }
    return render(
        request,
        "reports/dashboard.html",
        {"office": request.user.office, "data": data, "chart": chart},
    )


def sheets(data: dict) -> list[tuple[str, list[str], list[list]]]:
    """Every list of the dashboard as (sheet name, header, rows)."""
    out = [
        (
            _("Waiting per step"),
            [_("Service"), _("Step"), _("Waiting"), _("Overdue")],
            [[r["service"], r["step"], r["waiting"], r["overdue"]] for r in data["by_step"]],
        ),
        (
            _("Overdue"),
            [_("Tracking code"), _("Service"), _("Step"), _("Officer"), _("Due")],
            [[r["code"], r["service"], r["step"], r["officer"], r["due_at"]]
             for r in data["overdue"]],
        ),
        (
            _("Officers"),
            [_("Officer"), _("Waiting"), _("Overdue now"), _("Received"), _("Completed"),
             _("On time"), _("Share on time"), _("Median hours")],
            [[r["officer"], r["waiting"], r["overdue_now"], r["received"], r["completed"],
              r["on_time"], r["share_on_time"], r["median_hours"]] for r in data["officers"]],
        ),
        (
            _("Time per step"),
            [_("Service"), _("Step"), _("Requests"), _("Average hours"), _("Median hours")],
            [[r["service"], r["step"], r["requests"], r["average_hours"], r["median_hours"]]
             for r in data["step_times"]],
        ),
        (
            _("SLA trend"),
            [_("Month"), _("Received"), _("Completed"), _("Rejected"), _("On time"),
             _("Share on time")],
            [[m["month"], m["received"], m["completed"], m["rejected"], m["on_time"],
              m["share_on_time"]] for m in data["sla_trend"]],
        ),
        (
            _("Complaints"),
            [_("Figure"), _("Count")],
            [[_("Open complaints"), data["complaints"]["backlog"]],
             [_("Not answered yet"), data["complaints"]["unanswered"]],
             [_("Answer overdue"), data["complaints"]["answer_overdue"]]],
        ),
    ]  # fmt: skip
    if data["stock"] is not None:
        out.append(
            (
                _("Stock"),
                [_("Warehouse"), _("Item"), _("Unit"), _("On hand"), _("Expired"),
                 _("Next expiry"), _("Lots")],
                [[r["warehouse"], r["item"], r["unit"], r["on_hand"], r["expired"],
                  r["next_expiry"], r["lots"]] for r in data["stock"]["levels"]],
            )
        )  # fmt: skip
        out.append(
            (
                _("Stock alerts"),
                [_("Alert"), _("Item"), _("Warehouse"), _("Quantity"), _("Expires on")],
                [[r["kind_label"], r["item"], r["warehouse"], r["quantity"], r["expires_on"]]
                 for r in data["stock"]["alerts"]],
            )
        )  # fmt: skip
    if data["bpnt_by_district"] is not None:
        out.append(
            (
                _("BPNT tickets"),
                [_("District"), _("Open tickets")],
                [[r["district"], r["open"]] for r in data["bpnt_by_district"]],
            )
        )
    if data["children"] is not None:
        out.append(
            (
                _("Children"),
                [_("Figure"), _("Count")],
                [[_("Open cases"), data["children"]["open"]],
                 [_("Due for review"), data["children"]["due_for_review"]]],
            )
        )  # fmt: skip
    return out


def _cell(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, date | int | float) or value is None:
        return value
    return str(value)


def _xlsx(data: dict) -> HttpResponse:
    wb = Workbook()
    wb.remove(wb.active)
    for title, header, rows in sheets(data):
        ws = wb.create_sheet(str(title)[:31])
        ws.append([str(h) for h in header])
        for row in rows:
            ws.append([_cell(v) for v in row])
    buf = BytesIO()
    wb.save(buf)
    response = HttpResponse(
        buf.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    code = data["scope"].office.code
    response["Content-Disposition"] = f'attachment; filename="dashboard-{code}-{data["year"]}.xlsx"'
    return response
