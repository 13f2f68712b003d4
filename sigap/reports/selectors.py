"""Report-card and dashboard figures, aggregated in the database (one query per figure family)."""

from datetime import datetime
from typing import Any

from django.db.models import Count, DurationField, ExpressionWrapper, F, FloatField, Q
from django.db.models.functions import Cast, Extract, TruncMonth
from django.utils import timezone

from sigap.applications.models import Request, RequestStatus
from sigap.applications.selectors import sla_compliance
from sigap.cashaid.selectors import cashaid_totals
from sigap.complaints.models import Complaint
from sigap.reports.aggregates import interpolate, percentiles
from sigap.surveys.selectors import trend as skm_trend

try:  # BPNT is optional (built separately); the dashboard skips its figure without it.
    from sigap.bpnt.selectors import tickets_open_by_district
except ImportError:  # pragma: no cover
    tickets_open_by_district = None

ON_TIME = Q(status=RequestStatus.COMPLETED) & (
    Q(due_at__isnull=True) | Q(completed_at__lte=F("due_at"))
)


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def _requests(office, service_code: str | None, start: datetime, end: datetime):
    qs = Request.objects.filter(
        office=office, submitted_at__gte=start, submitted_at__lt=end
    ).exclude(status__in=[RequestStatus.DRAFT, RequestStatus.CANCELLED])
    if service_code:
        qs = qs.filter(standard__code=service_code)
    return qs


def _share(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def sla_by_month(office, service_code: str | None, year: int) -> list[dict[str, Any]]:
    """One grouped query: received, completed, rejected and on time per month of submission."""
    start, end = _year_bounds(year)
    rows = (
        _requests(office, service_code, start, end)
        .annotate(month=TruncMonth("submitted_at"))
        .values("month")
        .order_by("month")
        .annotate(
            received=Count("pk"),
            completed=Count("pk", filter=Q(status=RequestStatus.COMPLETED)),
            rejected=Count("pk", filter=Q(status=RequestStatus.REJECTED)),
            on_time=Count("pk", filter=ON_TIME),
        )
    )
    return [
        {
            "month": r["month"].strftime("%Y-%m"),
            "received": r["received"],
            "completed": r["completed"],
            "rejected": r["rejected"],
            "on_time": r["on_time"],
            "share_on_time": _share(r["on_time"], r["completed"]),
        }
        for r in rows
    ]


def _roll_up(months: list[dict[str, Any]], label: str) -> dict[str, Any]:
    keys = ("received", "completed", "rejected", "on_time")
    totals = {k: sum(m[k] for m in months) for k in keys}
    return {
        "period": label,
        **totals,
        "share_on_time": _share(totals["on_time"], totals["completed"]),
    }


def completion_hours(office, service_code: str | None, year: int) -> dict[str, float | None]:
    """Median and 90th percentile of submitted -> completed, in hours."""
    start, end = _year_bounds(year)
    qs = (
        _requests(office, service_code, start, end)
        .filter(status=RequestStatus.COMPLETED, completed_at__isnull=False)
        .annotate(
            hours=Cast(
                Extract(
                    ExpressionWrapper(
                        F("completed_at") - F("submitted_at"), output_field=DurationField()
                    ),
                    "epoch",
                ),
                FloatField(),
            )
            / 3600.0
        )
    )
    try:
        median, p90 = percentiles(qs, "hours", (0.5, 0.9))
    except Exception:
        median, p90 = _python_hours(office, service_code, start, end)
    return {
        "median_hours": None if median is None else round(median, 2),
        "p90_hours": None if p90 is None else round(p90, 2),
    }


def _python_hours(office, service_code, start, end) -> tuple[float | None, float | None]:
    values = sorted(
        (c - s).total_seconds() / 3600
        for s, c in _requests(office, service_code, start, end)
        .filter(status=RequestStatus.COMPLETED, completed_at__isnull=False)
        .values_list("submitted_at", "completed_at")
    )
    return interpolate(values, 0.5), interpolate(values, 0.9)


def rejection_reasons(office, service_code: str | None, year: int, limit: int = 5) -> list[dict]:
    start, end = _year_bounds(year)
    return list(
        _requests(office, service_code, start, end)
        .filter(status=RequestStatus.REJECTED)
        .values("return_reason")
        .annotate(n=Count("pk"))
        .order_by("-n", "return_reason")[:limit]
    )


def complaint_figures(office, year: int) -> dict[str, Any]:
    """Received, answered by the answer deadline (date, inclusive), median days to answer."""
    qs = Complaint.objects.filter(office=office, received_on__year=year)
    row = qs.aggregate(
        received=Count("pk"),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        answered_on_time=Count("pk", filter=Q(answered_at__date__lte=F("answer_due"))),
    )
    days = sorted(
        (a.date() - r).days
        for r, a in qs.filter(answered_at__isnull=False).values_list("received_on", "answered_at")
    )
    median = None
    if days:
        mid = len(days) // 2
        median = days[mid] if len(days) % 2 else (days[mid - 1] + days[mid]) / 2
    return {
        **row,
        "share_answered_on_time": _share(row["answered_on_time"], row["received"]),
        "median_days_to_answer": median,
    }


def report_card(office, *, service_code: str | None = None, year: int | None = None) -> dict:
    """All public figures of an office (or one service of it) for a year. No personal data."""
    year = year or timezone.localdate().year
    start, end = _year_bounds(year)
    months = sla_by_month(office, service_code, year)
    semesters = [
        _roll_up([m for m in months if int(m["month"][5:]) <= 6], f"{year}-S1"),
        _roll_up([m for m in months if int(m["month"][5:]) > 6], f"{year}-S2"),
    ]
    cash = cashaid_totals(office=office, start=start, end=end)
    return {
        "office": {"code": office.code, "name": office.name},
        "service": service_code,
        "year": year,
        "sla": {
            "months": months,
            "semesters": semesters,
            "year": _roll_up(months, str(year)),
            **completion_hours(office, service_code, year),
            "check": sla_compliance(
                office=office, standard_code=service_code, start=start, end=end
            ),
        },
        "rejection_reasons": rejection_reasons(office, service_code, year),
        "complaints": complaint_figures(office, year),
        "cash_aid": {"count": cash["count"], "total": str(cash["total"])},
        "skm": skm_trend(office=office, service_code=service_code or "", last_year=year, years=1),
    }
