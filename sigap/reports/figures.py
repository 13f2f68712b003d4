"""SLA figures per office, service, month and officer: read from MonthlyFigures (refreshed by
`sigap report_figures_refresh`) up to the day it was refreshed, counted live after it."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, Exists, F, FloatField, Func, OuterRef
from django.db.models.functions import TruncMonth
from django.utils import timezone

from sigap.applications.models import Request, RequestEvent, RequestStatus
from sigap.applications.selectors import counted_requests, sla_by_month
from sigap.reports.aggregates import interpolate_counts
from sigap.reports.models import FiguresMark, MonthlyFigures

REFRESH_MARGIN = timedelta(minutes=10)
REASONS_KEPT = 50  # distinct rejection reasons kept per cell (free text could grow unbounded)


class DurationBucket(Func):
    """completed_at - submitted_at in whole seconds, rounded down to its bucket:
    the minute under 2 hours, 10 minutes under 2 days, the hour under 60 days, else the day."""

    output_field = FloatField()
    _BUCKETS = "CASE WHEN {s} < 7200 THEN {f60} WHEN {s} < 172800 THEN {f600} " \
        "WHEN {s} < 5184000 THEN {f3600} ELSE {f86400} END"  # fmt: skip

    def __init__(self, **extra):
        super().__init__(F("completed_at"), F("submitted_at"), **extra)

    def _sql(self, compiler, connection, seconds: str, floor: str):
        (done, start), params = zip(
            *(compiler.compile(e) for e in self.get_source_expressions()), strict=True
        )
        s = seconds.format(done=done, start=start)
        sql = self._BUCKETS.format(
            s=s, **{f"f{w}": floor.format(x=f"({s}) / {w}", w=w) for w in (60, 600, 3600, 86400)}
        )
        flat = [p for group in params for p in group]
        # `s` occurs 7 times in the CASE; each occurrence needs its own copy of the parameters.
        return sql, flat * 7

    def as_postgresql(self, compiler, connection, **extra):
        return self._sql(
            compiler,
            connection,
            "EXTRACT(EPOCH FROM ({done} - {start}))",
            "FLOOR({x}) * {w}",
        )

    def as_sqlite(self, compiler, connection, **extra):
        return self._sql(
            compiler,
            connection,
            "ROUND((julianday({done}) - julianday({start})) * 86400.0)",
            "CAST({x} AS INTEGER) * {w}",
        )


@dataclass
class Cell:
    """The figures of one service, month and officer."""

    standard_code: str
    month: date
    officer_id: int | None
    received: int = 0
    completed: int = 0
    rejected: int = 0
    on_time: int = 0
    durations: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=dict)


def _month(value: datetime | date) -> date:
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.replace(day=1)


def month_start(day: date) -> datetime:
    return datetime(day.year, day.month, 1, tzinfo=timezone.get_current_timezone())


def day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.get_current_timezone())


def count_live(
    *, office, start: datetime, end: datetime, standard_codes: list[str] | None = None
) -> list[Cell]:
    """The cells of requests submitted in [start, end), counted now (three grouped queries)."""
    cells: dict[tuple, Cell] = {}

    def cell(code: str, month, officer_id) -> Cell:
        key = (code, _month(month), officer_id)
        if key not in cells:
            cells[key] = Cell(*key)
        return cells[key]

    base = counted_requests(office=office, start=start, end=end)
    if standard_codes is not None:
        base = base.filter(standard__code__in=standard_codes)
    for row in sla_by_month(
        office=office, start=start, end=end, group_by=("standard__code", "assigned_to")
    ):
        if standard_codes is not None and row["standard__code"] not in standard_codes:
            continue
        c = cell(row["standard__code"], row["month"], row["assigned_to"])
        c.received, c.completed = row["received"], row["completed"]
        c.rejected, c.on_time = row["rejected"], row["on_time"]
    grouped = ("standard__code", "month", "assigned_to")
    durations = (
        base.filter(status=RequestStatus.COMPLETED, completed_at__isnull=False)
        .annotate(month=TruncMonth("submitted_at"), bucket=DurationBucket())
        .values(*grouped, "bucket")
        .order_by()
        .annotate(n=Count("pk"))
    )
    for row in durations:
        key = str(int(row["bucket"]))
        c = cell(row["standard__code"], row["month"], row["assigned_to"])
        c.durations[key] = c.durations.get(key, 0) + row["n"]
    reasons = (
        base.filter(status=RequestStatus.REJECTED)
        .annotate(month=TruncMonth("submitted_at"))
        .values(*grouped, "return_reason")
        .order_by()
        .annotate(n=Count("pk"))
    )
    for row in reasons:
        c = cell(row["standard__code"], row["month"], row["assigned_to"])
        reason = (row["return_reason"] or "").strip()[:300]
        c.reasons[reason] = c.reasons.get(reason, 0) + row["n"]
    for c in cells.values():
        if len(c.reasons) > REASONS_KEPT:
            c.reasons = dict(sorted(c.reasons.items(), key=lambda kv: -kv[1])[:REASONS_KEPT])
    return list(cells.values())


def cells(
    *, office, start: datetime, end: datetime, standard_codes: list[str] | None = None
) -> list[Cell]:
    """The cells of [start, end) (month bounds): what MonthlyFigures holds (every request
    submitted before the mark's day, the current month's rows partial), the rest counted live."""
    mark = FiguresMark.objects.filter(office=office).first()
    cut = day_start(mark.summarised_before) if mark else start
    cut = min(max(cut, start), end)
    found: list[Cell] = []
    if cut > start:
        # A month's row covers its requests submitted before the cut (all of them if it ended).
        stored = MonthlyFigures.objects.filter(
            office=office, month__gte=_month(start), month__lt=timezone.localtime(cut).date()
        )
        if standard_codes is not None:
            stored = stored.filter(standard_code__in=standard_codes)
        found = [
            Cell(
                r.standard_code,
                r.month,
                r.officer_id,
                r.received,
                r.completed,
                r.rejected,
                r.on_time,
                r.durations,
                r.reasons,
            )
            for r in stored
        ]
    if cut < end:
        found += count_live(office=office, start=cut, end=end, standard_codes=standard_codes)
    return found


def summary(rows: list[Cell]) -> dict[str, Any]:
    """Totals of cells: counts, on-time share, median and p90 hours, merged durations."""
    totals = {k: sum(getattr(c, k) for c in rows) for k in SUMS}
    histogram: dict[int, int] = defaultdict(int)
    for c in rows:
        for seconds, n in c.durations.items():
            histogram[int(seconds)] += n
    pairs = sorted(histogram.items())
    median, p90 = (interpolate_counts(pairs, f) for f in (0.5, 0.9))
    return {
        **totals,
        "share_on_time": share(totals["on_time"], totals["completed"]),
        "median_hours": None if median is None else round(median / 3600, 2),
        "p90_hours": None if p90 is None else round(p90 / 3600, 2),
    }


SUMS = ("received", "completed", "rejected", "on_time")


def share(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


# --- refresh -------------------------------------------------------------------------------


def _dirty_months(office, since: datetime, before: date) -> set[date]:
    """Months of submission of the office's requests that changed since `since` (their history
    records every status change), submitted before the day `before`."""
    rows = (
        RequestEvent.objects.filter(at__gte=since, request__office=office)
        .filter(request__submitted_at__lt=day_start(before))
        .annotate(month=TruncMonth("request__submitted_at"))
        .values_list("month", flat=True)
        .distinct()
    )
    return {_month(m) for m in rows if m is not None}


def _store(office, found: list[Cell]) -> None:
    MonthlyFigures.objects.bulk_create(
        [
            MonthlyFigures(
                office=office,
                standard_code=c.standard_code,
                month=c.month,
                officer_id=c.officer_id,
                received=c.received,
                completed=c.completed,
                rejected=c.rejected,
                on_time=c.on_time,
                durations=c.durations,
                reasons=c.reasons,
            )
            for c in found
        ],
        batch_size=500,
    )


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


@transaction.atomic
def figures_refresh_office(*, office, full: bool = False, now: datetime | None = None) -> int:
    """Brings the office's MonthlyFigures up to the start of today (the current month's rows
    cover its days before today); returns how many months were (re)counted. Only the current
    month and months with changes since the last refresh are recounted."""
    now = now or timezone.now()
    cut = timezone.localtime(now).date()
    mark = FiguresMark.objects.select_for_update().filter(office=office).first()
    if full or mark is None:
        first = Request.objects.filter(office=office, submitted_at__isnull=False).order_by(
            "submitted_at"
        )
        oldest = first.values_list("submitted_at", flat=True).first()
        MonthlyFigures.objects.filter(office=office).delete()
        months = 0
        if oldest is not None and oldest < day_start(cut):
            start = month_start(_month(oldest))
            _store(office, count_live(office=office, start=start, end=day_start(cut)))
            months = (cut.year - start.year) * 12 + cut.month - start.month + 1
    else:
        # A margin: an event written just before the last refresh may have committed after it.
        dirty = _dirty_months(office, mark.refreshed_at - REFRESH_MARGIN, cut)
        day = _month(mark.summarised_before)
        while day <= cut:  # the month the last refresh stopped in, up to this one
            dirty.add(day)
            day = _next_month(day)
        for month in sorted(dirty):
            MonthlyFigures.objects.filter(office=office, month=month).delete()
            end = min(month_start(_next_month(month)), day_start(cut))
            _store(office, count_live(office=office, start=month_start(month), end=end))
        months = len(dirty)
    FiguresMark.objects.update_or_create(
        office=office, defaults={"summarised_before": cut, "refreshed_at": now}
    )
    return months


def figures_refresh(*, full: bool = False, now: datetime | None = None) -> dict[str, int]:
    """Refreshes every office with requests; {office code: months recounted}."""
    from sigap.accounts.models import Office

    now = now or timezone.now()
    offices = Office.objects.filter(Exists(Request.objects.filter(office=OuterRef("pk"))))
    return {o.code: figures_refresh_office(office=o, full=full, now=now) for o in offices}
