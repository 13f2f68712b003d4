"""Staff dashboard of an office, or of the services of a head of division's unit: waiting work,
overdue items, time per step, officers' workload and timeliness, complaints, stock, BPNT, children.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.accounts.models import Unit, User
from sigap.accounts.roles import Role
from sigap.applications.models import OPEN_STATUSES, Request, RequestEvent
from sigap.childcare.access import SUPERVISOR_ROLES
from sigap.childcare.selectors import cases_counts
from sigap.complaints.models import OPEN_STATUSES as COMPLAINT_OPEN
from sigap.complaints.models import Complaint
from sigap.core.access import has_role
from sigap.logistics.alerts import alert_text
from sigap.logistics.models import Warehouse
from sigap.logistics.selectors import stock_alerts, stock_report
from sigap.regions.selectors import region_label
from sigap.reports import figures
from sigap.reports.aggregates import interpolate
from sigap.reports.selectors import year_bounds
from sigap.standards.models import ProcedureStep, ServiceStandard
from sigap.standards.selectors import services_run_by

try:  # BPNT is optional (built separately); the dashboard skips its figure without it.
    from sigap.bpnt.selectors import tickets_open_by_district
except ImportError:  # pragma: no cover
    tickets_open_by_district = None

ALERT_LABELS = {
    "low_stock": _("Low stock"),
    "near_expiry": _("Expires soon"),
    "expired": _("Expired"),
}
STEP_WINDOW_DAYS = 90  # time per step: requests submitted in the last 90 days
OVERDUE_LISTED = 100


@dataclass(frozen=True)
class Scope:
    """What a dashboard user sees: the office, and the services (None: all of them)."""

    office: Any
    standard_codes: list[str] | None
    extensions: frozenset[str] | None  # service-specific apps shown (None: all)
    unit: Unit | None = None

    def shows(self, extension: str) -> bool:
        return self.extensions is None or extension in self.extensions


def _unit_ids(unit: Unit) -> set[int]:
    """The unit and every unit under it (sections under a division)."""
    ids, frontier = {unit.pk}, [unit.pk]
    while frontier:
        frontier = list(
            Unit.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=ids)
            .values_list("pk", flat=True)
        )
        ids.update(frontier)
    return ids


def scope_for(user) -> Scope:
    """The head of office sees the whole office; a head of division the services whose standard
    names their unit (or a unit under it) as the issuing unit; without a unit, no service."""
    if has_role(user, Role.HEAD_OF_OFFICE):
        # Every service, and the service-specific figures of those the office takes part in
        # (no children's cases on a city office that runs only the Sembako letters).
        return Scope(user.office, None, services_run_by(user.office))
    if user.unit_id is None:
        return Scope(user.office, [], frozenset())
    standards = ServiceStandard.objects.filter(office=user.office, unit_id__in=_unit_ids(user.unit))
    codes = sorted(set(standards.values_list("code", flat=True)))
    extensions = frozenset(
        s.extra.get("extension", "") for s in standards.only("extra") if s.extra.get("extension")
    )
    return Scope(user.office, codes, extensions, user.unit)


def _requests(scope: Scope):
    qs = Request.objects.filter(office=scope.office)
    if scope.standard_codes is not None:
        qs = qs.filter(standard__code__in=scope.standard_codes)
    return qs


def waiting_work(scope: Scope, now) -> dict[str, Any]:
    """Open requests per step and per officer, and the overdue ones (two queries)."""
    open_qs = _requests(scope).filter(status__in=OPEN_STATUSES)
    rows = list(
        open_qs.values("current_step_id", "assigned_to_id")
        .annotate(n=Count("*"), overdue=Count("due_at", filter=Q(due_at__lt=now)))
        .order_by()
    )
    steps = ProcedureStep.objects.select_related("standard").in_bulk(
        {r["current_step_id"] for r in rows if r["current_step_id"]}
    )
    names = _names({r["assigned_to_id"] for r in rows})
    by_step: dict[Any, dict] = {}
    by_officer: dict[Any, dict] = {}
    for r in rows:
        step = steps.get(r["current_step_id"])
        s = by_step.setdefault(
            r["current_step_id"],
            {
                "service": step.standard.name if step else "",
                "service_code": step.standard.code if step else "",
                "order": step.order if step else 0,
                "step": step.label if step else "-",
                "waiting": 0,
                "overdue": 0,
            },
        )
        o = by_officer.setdefault(
            r["assigned_to_id"],
            {"officer": names.get(r["assigned_to_id"], "-"), "waiting": 0, "overdue": 0},
        )
        for d in (s, o):
            d["waiting"] += r["n"]
            d["overdue"] += r["overdue"]
    overdue = [
        {
            "code": r.code,
            "service": r.standard.name,
            "service_code": r.standard.code,
            "step": r.current_step.label if r.current_step else "-",
            "officer": r.assigned_to.display_name if r.assigned_to else "-",
            "due_at": r.due_at,
        }
        for r in open_qs.filter(due_at__lt=now)
        .select_related("standard", "current_step", "assigned_to")
        .order_by("due_at")[:OVERDUE_LISTED]
    ]
    return {
        "by_step": sorted(by_step.values(), key=lambda d: (d["service_code"], d["order"])),
        "by_officer": sorted(by_officer.values(), key=lambda d: -d["waiting"]),
        "overdue_count": sum(r["overdue"] for r in rows),
        "overdue": overdue,
    }


def _names(ids) -> dict[int, str]:
    users = User.objects.in_bulk({i for i in ids if i})
    return {pk: u.display_name for pk, u in users.items()}


def officers(rows: list[figures.Cell], waiting: list[dict]) -> list[dict[str, Any]]:
    """Per officer: open work now, and of the year's requests assigned to them: completed, on
    time, share and median completion hours."""
    by_id: dict[Any, list] = defaultdict(list)
    for c in rows:
        by_id[c.officer_id].append(c)
    names = _names(by_id)
    table = {
        names.get(pk, "-"): {"officer": names.get(pk, "-"), **figures.summary(cs)}
        for pk, cs in by_id.items()
    }
    for w in waiting:
        table.setdefault(w["officer"], {"officer": w["officer"], **figures.summary([])})
    for entry in table.values():
        open_row = next((w for w in waiting if w["officer"] == entry["officer"]), None)
        entry["waiting"] = open_row["waiting"] if open_row else 0
        entry["overdue_now"] = open_row["overdue"] if open_row else 0
    return sorted(table.values(), key=lambda d: d["officer"])


_STEP_SQL = """
WITH ev AS (
    SELECT e.request_id, e.step_id, e.action, e.at,
           LAG(e.at) OVER (PARTITION BY e.request_id ORDER BY e.at, e.id) AS prev_at
    FROM {event} e JOIN {request} r ON r.id = e.request_id
    WHERE r.office_id = %s AND r.submitted_at >= %s {codes}
), spent AS (
    SELECT e.step_id, e.request_id, SUM({seconds}) AS seconds FROM ev e
    WHERE e.prev_at IS NOT NULL AND e.step_id IS NOT NULL
      AND e.action NOT IN ('submit', 'resubmit')
    GROUP BY e.step_id, e.request_id
)
"""


def step_times(scope: Scope, now) -> list[dict[str, Any]]:
    """Average and median hours spent in each step: for each request, the time from the event
    before it reached the step to the step's last action (the applicant's time, before a
    submission or a resubmission, is not counted). Requests of the last STEP_WINDOW_DAYS."""
    params: list[Any] = [scope.office.pk, now - timedelta(days=STEP_WINDOW_DAYS)]
    codes = ""
    if scope.standard_codes is not None:
        ids = list(
            ServiceStandard.objects.filter(
                office=scope.office, code__in=scope.standard_codes
            ).values_list("pk", flat=True)
        ) or [0]
        codes = f"AND r.standard_id IN ({', '.join(['%s'] * len(ids))})"
        params += ids
    postgres = connection.vendor == "postgresql"
    seconds = (
        "EXTRACT(EPOCH FROM (e.at - e.prev_at))"
        if postgres
        else "ROUND((julianday(e.at) - julianday(e.prev_at)) * 86400.0)"
    )
    sql = _STEP_SQL.format(
        event=RequestEvent._meta.db_table,
        request=Request._meta.db_table,
        codes=codes,
        seconds=seconds,
    )
    if postgres:
        sql += (
            "SELECT step_id, COUNT(*), AVG(seconds), "
            "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY seconds) FROM spent GROUP BY step_id"
        )
    else:
        sql += "SELECT step_id, seconds FROM spent"
    with connection.cursor() as cur:
        cur.execute(sql, params)
        fetched = cur.fetchall()
    if not postgres:  # small databases: the median in Python
        per: dict[int, list[float]] = defaultdict(list)
        for step_id, s in fetched:
            per[step_id].append(float(s))
        fetched = [
            (k, len(v), sum(v) / len(v), interpolate(sorted(v), 0.5)) for k, v in per.items()
        ]
    steps = ProcedureStep.objects.select_related("standard").in_bulk([r[0] for r in fetched])
    out = [
        {
            "service": steps[k].standard.name,
            "service_code": steps[k].standard.code,
            "order": steps[k].order,
            "step": steps[k].label,
            "requests": n,
            "average_hours": round(float(avg) / 3600, 2),
            "median_hours": round(float(med) / 3600, 2),
        }
        for k, n, avg, med in fetched
        if k in steps
    ]
    return sorted(out, key=lambda d: (d["service_code"], d["order"]))


def complaints(scope: Scope) -> dict[str, Any]:
    qs = Complaint.objects.filter(office=scope.office)
    if scope.standard_codes is not None:
        mine = Q(standard__code__in=scope.standard_codes)
        qs = qs.filter(mine | Q(unit=scope.unit) if scope.unit else mine)
    today = timezone.localdate()
    row = qs.filter(status__in=COMPLAINT_OPEN).aggregate(
        backlog=Count("pk"),
        unanswered=Count("pk", filter=Q(answered_at__isnull=True)),
        answer_overdue=Count("pk", filter=Q(answered_at__isnull=True, answer_due__lt=today)),
    )
    by_status = list(
        qs.filter(status__in=COMPLAINT_OPEN).values("status").annotate(n=Count("pk")).order_by()
    )
    return {**row, "by_status": by_status}


def stock(scope: Scope) -> dict[str, Any] | None:
    """Stock and its alerts; None where the office keeps no warehouse (a city office running
    only the Sembako letters has no stock to be low on)."""
    if not scope.shows("logistics"):
        return None
    warehouses = Warehouse.objects.filter(office=scope.office)
    if not warehouses.exists():
        return None
    return {
        "levels": [
            {
                "warehouse": r.warehouse.name,
                "item": r.item.name,
                "unit": r.item.unit,
                "on_hand": r.on_hand,
                "expired": r.expired,
                "next_expiry": r.next_expiry,
                "lots": r.lots,
            }
            for r in stock_report(warehouses=warehouses)
        ],
        "alerts": [
            {
                "kind": a.kind,
                "kind_label": str(ALERT_LABELS.get(a.kind, a.kind)),
                "text": alert_text(a),
                "item": a.item.name,
                "warehouse": a.warehouse.name if a.warehouse else "",
                "quantity": a.quantity,
                "expires_on": a.lot.expires_on if a.lot else None,
            }
            for a in stock_alerts(warehouses=warehouses)
        ],
    }


def _with_district_names(rows: list[dict]) -> list[dict]:
    """Each row's district by its name ("Sragen, Kabupaten Sragen"), not its code."""
    for row in rows:
        row["district"] = region_label(row["district_code"]) or row["district_code"]
    return rows


def dashboard(user, *, year: int | None = None) -> dict[str, Any]:
    """Every figure and list of the dashboard for `user`'s scope."""
    scope = scope_for(user)
    now = timezone.now()
    year = year or timezone.localdate().year
    start, end = year_bounds(year)
    rows = figures.cells(
        office=scope.office, start=start, end=end, standard_codes=scope.standard_codes
    )
    work = waiting_work(scope, now)
    months = [
        {"month": m.strftime("%Y-%m"), **figures.summary([c for c in rows if c.month == m])}
        for m in sorted({c.month for c in rows})
    ]
    return {
        "scope": scope,
        "year": year,
        **work,
        "officers": officers(rows, work["by_officer"]),
        "step_times": step_times(scope, now),
        "sla_trend": months,
        "sla_year": figures.summary(rows),
        "complaints": complaints(scope),
        "stock": stock(scope),
        "bpnt_by_district": (
            _with_district_names(tickets_open_by_district(office=scope.office))
            if tickets_open_by_district and scope.shows("bpnt")
            else None
        ),
        "children": cases_counts(office=scope.office) if scope.shows("childcare") else None,
        "children_link": has_role(user, *SUPERVISOR_ROLES),
    }
