"""Staff dashboard figures of one office: waiting work, overdue items, backlog, timeliness."""

from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from sigap.applications.models import OPEN_STATUSES, Request, RequestStatus
from sigap.childcare.selectors import cases_counts
from sigap.complaints.models import Complaint
from sigap.logistics.models import Warehouse
from sigap.logistics.selectors import stock_alerts
from sigap.reports.selectors import ON_TIME, _share, _year_bounds, sla_by_month

try:  # BPNT is optional (built separately); the dashboard skips its figure without it.
    from sigap.bpnt.selectors import tickets_open_by_district
except ImportError:  # pragma: no cover
    tickets_open_by_district = None


def dashboard(office) -> dict[str, Any]:
    """Staff dashboard figures of one office: waiting work, overdue, backlog, counts."""
    now = timezone.now()
    open_qs = Request.objects.filter(office=office, status__in=OPEN_STATUSES)
    by_step = list(open_qs.values("current_step__label").annotate(n=Count("pk")).order_by("-n"))
    by_officer = list(
        open_qs.values("assigned_to__full_name")
        .annotate(n=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=now)))
        .order_by("-n")
    )
    overdue = open_qs.filter(due_at__lt=now).count()
    backlog = Complaint.objects.filter(office=office, answered_at__isnull=True).count()
    data: dict[str, Any] = {
        "by_step": by_step,
        "by_officer": by_officer,
        "overdue": overdue,
        "complaint_backlog": backlog,
        "children": cases_counts(office=office),
        "sla_trend": sla_by_month(office, None, now.year),
        "officers": officer_timeliness(office, now.year),
        "stock_alerts": [
            {
                "kind": a.kind,
                "item": a.item.name,
                "warehouse": a.warehouse.name if a.warehouse else "",
                "quantity": a.quantity,
            }
            for a in stock_alerts(warehouses=Warehouse.objects.filter(office=office))
        ],
        "bpnt_by_district": (
            tickets_open_by_district(office=office) if tickets_open_by_district else None
        ),
    }
    return data


def officer_timeliness(office, year: int) -> list[dict[str, Any]]:
    """Per assigned officer: requests completed in the year and the share on time (one query)."""
    start, end = _year_bounds(year)
    rows = (
        Request.objects.filter(office=office, completed_at__gte=start, completed_at__lt=end)
        .filter(status=RequestStatus.COMPLETED, assigned_to__isnull=False)
        .values("assigned_to__full_name")
        .annotate(completed=Count("pk"), on_time=Count("pk", filter=ON_TIME))
        .order_by("assigned_to__full_name")
    )
    return [
        {
            "officer": r["assigned_to__full_name"],
            "completed": r["completed"],
            "on_time": r["on_time"],
            "share_on_time": _share(r["on_time"], r["completed"]),
        }
        for r in rows
    ]
