"""Deadlines of a complaint per stage, from the office's settings and calendar.

Verification within 3 working days and completion of the follow-up within 60 working days
(national complaint-handling rules, SP4N-LAPOR!); a written complaint answered within 14 days
(UU 25/2009 art. 50, calendar days unless the office counts working days). All are counted from
the day the complaint was received; weekends, national holidays and the office's own days off
(cuti bersama) do not count.
"""

from datetime import date, timedelta

from sigap.complaints.models import Complaint, ComplaintSettings, OfficeDayOff, Status
from sigap.core.calendar import add_working_days, working_days_between


def office_settings(office) -> ComplaintSettings:
    found = ComplaintSettings.objects.filter(office=office).first()
    return found or ComplaintSettings(office=office)


def office_days_off(office) -> frozenset[date]:
    return frozenset(OfficeDayOff.objects.filter(office=office).values_list("day", flat=True))


def due_dates(office, received_on: date) -> dict[str, date]:
    conf = office_settings(office)
    off = office_days_off(office)
    if conf.answer_in_working_days:
        answer = add_working_days(received_on, conf.answer_days, extra_holidays=off)
    else:
        answer = received_on + timedelta(days=conf.answer_days)
    return {
        "verify_due": add_working_days(received_on, conf.verify_working_days, extra_holidays=off),
        "answer_due": answer,
        "complete_due": add_working_days(
            received_on, conf.complete_working_days, extra_holidays=off
        ),
    }


def current_due(complaint: Complaint) -> tuple[str, date] | None:
    """The stage the office is in and its deadline; None when nothing is due."""
    if complaint.status == Status.RECEIVED:
        return "verify", complaint.verify_due
    if complaint.status in (Status.REJECTED, Status.COMPLETED):
        return None
    if complaint.answered_at is None:
        return "answer", complaint.answer_due
    return "complete", complaint.complete_due


def days_left(complaint: Complaint, today: date, off: frozenset[date] = frozenset()) -> int | None:
    """Working days until the current deadline (negative: overdue by that many)."""
    due = current_due(complaint)
    if due is None:
        return None
    return working_days_between(today, due[1], extra_holidays=off)
