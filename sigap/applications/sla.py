"""The time a standard promises: when a request filed at a moment is due.

How each kind of time limit (standards.TimeLimitKind) becomes a due time:
- minutes / hours / days: wall-clock time from submission (seed 001: 30 minutes).
- working_days: counted in Monday-Friday days that are not Indonesian national holidays
  (the `holidays` calendar); the due time keeps the time of day of the submission.
- per_incident (seed 002, "1 kali kejadian"): no time promise; the limit is a rule on how often
  help is given (enforced by the service's extension), so the request has no due time and every
  completed one counts as within the limit.
- running_year: one year from submission (seed 003, "satu tahun berjalan").
- budget_year: the end of the budget year of submission; Indonesia's budget year is the
  calendar year (seed 004, "satu tahun anggaran").
The clock starts at submission and starts again when a returned file is handed in complete.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sigap.applications.models import RequestStatus
from sigap.core import calendar
from sigap.standards.models import TimeLimitKind


def add_working_days(start: datetime, days: int) -> datetime:
    """`days` working days after `start`, keeping its time of day (see sigap.core.calendar)."""
    local = timezone.localtime(start)
    day = calendar.add_working_days(local.date(), days)
    return local.replace(year=day.year, month=day.month, day=day.day)


def due_at(standard, start: datetime) -> datetime | None:
    """When a request of `standard` submitted at `start` is due; None when no time is promised."""
    kind = standard.time_limit_kind
    value = standard.time_limit_value or 0
    if kind == TimeLimitKind.MINUTES:
        return start + timedelta(minutes=value)
    if kind == TimeLimitKind.HOURS:
        return start + timedelta(hours=value)
    if kind == TimeLimitKind.DAYS:
        return start + timedelta(days=value)
    if kind == TimeLimitKind.WORKING_DAYS:
        return add_working_days(start, value)
    if kind == TimeLimitKind.RUNNING_YEAR:
        local = timezone.localtime(start)
        try:
            return local.replace(year=local.year + max(value, 1))
        except ValueError:  # 29 February
            return local.replace(year=local.year + max(value, 1), day=28)
    if kind == TimeLimitKind.BUDGET_YEAR:
        year = timezone.localtime(start).year
        tz = ZoneInfo(settings.TIME_ZONE)
        return datetime.combine(date(year, 12, 31), time(23, 59, 59), tzinfo=tz)
    return None  # per_incident and anything without a clock


def on_time_q(prefix: str = "") -> Q:
    """The one rule for "completed within the time limit", as a filter on requests.

    Completed at or before the due time (the edge counts as on time), or completed with no time
    promised (per-incident help). `prefix` reaches a request through a relation ("request__").
    """
    return Q(**{f"{prefix}status": RequestStatus.COMPLETED}) & (
        Q(**{f"{prefix}due_at__isnull": True})
        | Q(**{f"{prefix}completed_at__lte": F(f"{prefix}due_at")})
    )


def time_left(due: datetime | None, *, now: datetime | None = None) -> timedelta | None:
    if due is None:
        return None
    return due - (now or timezone.now())


def format_duration(delta: timedelta) -> str:
    """A short text: '3 days 4 hours', '2 hours 5 minutes', '25 minutes' (translated)."""
    seconds = int(abs(delta.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return _("%(days)s days %(hours)s hours") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)s hours %(minutes)s minutes") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)s minutes") % {"minutes": minutes}
