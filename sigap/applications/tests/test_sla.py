"""Due times from the standard's time limit, and the share completed within it."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from sigap.accounts.roles import Role
from sigap.applications import sla
from sigap.applications.models import Request, RequestStatus
from sigap.applications.selectors import sla_compliance
from sigap.applications.services import request_create
from sigap.applications.tests import factories
from sigap.standards.models import ServiceStandard, TimeLimitKind

JAKARTA = ZoneInfo("Asia/Jakarta")


def test_seed_001_is_due_thirty_minutes_after_submission(sembako, tarakan):
    request = request_create(
        standard=sembako,
        product_code="kks-new",
        person=factories.person(),
        user=tarakan[Role.FRONT_OFFICE],
        issue_receipt=False,
    )
    assert request.due_at - request.submitted_at == timedelta(minutes=30)
    assert not request.is_overdue


def test_per_incident_help_has_no_clock():
    standard = ServiceStandard(time_limit_kind=TimeLimitKind.PER_INCIDENT)
    assert sla.due_at(standard, timezone.now()) is None


def test_working_days_skip_the_weekend_and_national_holidays():
    standard = ServiceStandard(time_limit_kind=TimeLimitKind.WORKING_DAYS, time_limit_value=3)
    friday = datetime(2026, 12, 18, 10, 0, tzinfo=JAKARTA)
    # Mon 21, Tue 22, (Thu 24 collective leave is not a national holiday), Fri 25 is Christmas.
    due = sla.due_at(standard, friday)
    assert due.date().isoformat() == "2026-12-23"
    assert due.hour == 10


def test_a_budget_year_ends_on_the_last_day_of_december():
    standard = ServiceStandard(time_limit_kind=TimeLimitKind.BUDGET_YEAR)
    due = sla.due_at(standard, datetime(2026, 3, 5, 9, tzinfo=JAKARTA))
    assert (due.year, due.month, due.day) == (2026, 12, 31)


def test_a_running_year_is_twelve_months_on():
    standard = ServiceStandard(time_limit_kind=TimeLimitKind.RUNNING_YEAR, time_limit_value=1)
    due = sla.due_at(standard, datetime(2026, 3, 5, 9, tzinfo=JAKARTA))
    assert due.date().isoformat() == "2027-03-05"


def test_sla_share_counts_completed_requests_within_the_limit(sembako, tarakan):
    now = timezone.now()
    made = []
    for _ in range(4):
        made.append(
            request_create(
                standard=sembako,
                product_code="kks-new",
                person=factories.person(),
                user=tarakan[Role.FRONT_OFFICE],
                issue_receipt=False,
            )
        )
    on_time, late, _open, cancelled = made
    Request.objects.filter(pk=on_time.pk).update(
        status=RequestStatus.COMPLETED, completed_at=on_time.submitted_at + timedelta(minutes=20)
    )
    Request.objects.filter(pk=late.pk).update(
        status=RequestStatus.COMPLETED, completed_at=late.submitted_at + timedelta(minutes=45)
    )
    Request.objects.filter(pk=cancelled.pk).update(status=RequestStatus.CANCELLED)
    figures = sla_compliance(
        office=sembako.office,
        standard_code=sembako.code,
        start=now - timedelta(hours=1),
        end=now + timedelta(hours=1),
    )
    assert figures == {"total": 3, "completed": 2, "within_limit": 1, "share": 0.5}
    empty = sla_compliance(start=now - timedelta(days=9), end=now - timedelta(days=8))
    assert empty == {"total": 0, "completed": 0, "within_limit": 0, "share": None}


def test_sla_per_service_lists_each_service_with_requests(sembako, kehabisan_bekal, tarakan):
    from sigap.applications.selectors import sla_by_service

    request_create(
        standard=sembako,
        product_code="kks-new",
        person=factories.person(),
        user=tarakan[Role.FRONT_OFFICE],
        issue_receipt=False,
    )
    now = timezone.now()
    rows = sla_by_service(
        office=sembako.office, start=now - timedelta(hours=1), end=now + timedelta(hours=1)
    )
    assert [(r["standard_code"], r["total"]) for r in rows] == [(sembako.code, 1)]
