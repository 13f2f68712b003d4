"""Dashboard figures against hand-computed values; the head of division's unit scope; Excel."""

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from sigap.accounts.roles import Role
from sigap.applications.models import Request, RequestEvent, RequestStatus
from sigap.applications.tests import factories
from sigap.complaints.models import Complaint
from sigap.reports import dashboard

JAKARTA = ZoneInfo("Asia/Jakarta")


def _request(standard, code: str, *, step: str, status: str, submitted, due, done=None, to=None):
    return Request.objects.create(
        code=code,
        standard=standard,
        office=standard.office,
        org_name="Yayasan Uji",
        channel="front_office",
        status=status,
        current_step=standard.steps.get(code=step),
        submitted_at=submitted,
        due_at=due,
        completed_at=done,
        assigned_to=to,
    )


@pytest.fixture
def office_data(cast):
    """Tarakan: the Sembako service of the 'bidang' unit and a cash-help service of no unit."""
    office = cast.office("tarakan")
    sembako = factories.sembako_standard(office)
    sembako.unit = office.units.get(code="bidang")
    sembako.save()
    cash = factories.kehabisan_bekal_standard(office)
    a = cast.user("tarakan", Role.BACK_OFFICE)
    b = cast.user("tarakan", Role.BACK_OFFICE, suffix="2")
    now = timezone.now()
    t = datetime(2025, 3, 10, 9, tzinfo=JAKARTA)
    hour = timedelta(hours=1)
    done = RequestStatus.COMPLETED
    # 2025: A completes one exactly at the due time and one a second late; B one in 30 min.
    _request(
        sembako,
        "R1",
        step="register-handover",
        status=done,
        submitted=t,
        due=t + hour,
        done=t + hour,
        to=a,
    )
    _request(
        sembako,
        "R2",
        step="register-handover",
        status=done,
        submitted=t,
        due=t + hour,
        done=t + hour + timedelta(seconds=1),
        to=a,
    )
    _request(
        sembako,
        "R3",
        step="register-handover",
        status=done,
        submitted=t,
        due=t + hour,
        done=t + hour / 2,
        to=b,
    )
    # Open now: one overdue at "analyse" (A), one not yet due at "check" (nobody), one of cash.
    _request(
        sembako,
        "R4",
        step="analyse",
        status=RequestStatus.IN_PROGRESS,
        submitted=now - 2 * hour,
        due=now - hour,
        to=a,
    )
    _request(
        sembako,
        "R5",
        step="check",
        status=RequestStatus.IN_PROGRESS,
        submitted=now - 2 * hour,
        due=now + hour,
    )
    _request(cash, "R6", step="check", status=RequestStatus.IN_PROGRESS,
             submitted=now - 2 * hour, due=now - hour)  # fmt: skip
    # History of two recent requests: time spent in "receive" 10 and 20 min, "check" 20 min.
    steps = {s.code: s for s in sembako.steps.all()}
    for code, receive_minutes in (("R7", 10), ("R8", 20)):
        start = now - 3 * hour
        req = _request(sembako, code, step="analyse", status=done, submitted=start,
                       due=start + hour, done=start + hour, to=b)  # fmt: skip
        for action, step, minutes in (
            ("submit", "receive", 0),
            ("receive", "receive", receive_minutes),
            ("check", "check", receive_minutes + 20),
        ):
            RequestEvent.objects.create(
                request=req, step=steps[step], action=action, at=start + timedelta(minutes=minutes)
            )
    return {"office": office, "a": a, "b": b}


def test_officers_timeliness_counts_completion_exactly_at_the_due_time_as_on_time(
    cast, office_data
):
    head = cast.user("tarakan", Role.HEAD_OF_OFFICE)
    data = dashboard.dashboard(head, year=2025)
    rows = {r["officer"]: r for r in data["officers"]}
    a, b = office_data["a"].display_name, office_data["b"].display_name
    assert (rows[a]["completed"], rows[a]["on_time"], rows[a]["share_on_time"]) == (2, 1, 0.5)
    assert (rows[b]["completed"], rows[b]["on_time"], rows[b]["median_hours"]) == (1, 1, 0.5)
    assert (rows[a]["waiting"], rows[a]["overdue_now"]) == (1, 1)
    assert data["sla_trend"] == [
        {
            "month": "2025-03",
            "received": 3,
            "completed": 3,
            "rejected": 0,
            "on_time": 2,
            "share_on_time": 0.6667,
            "median_hours": 1.0,
            "p90_hours": 1.0,
        }
    ]


def test_waiting_work_per_step_and_the_overdue_list(cast, office_data):
    data = dashboard.dashboard(cast.user("tarakan", Role.HEAD_OF_OFFICE), year=2025)
    steps = {(r["service_code"], r["step"]): (r["waiting"], r["overdue"]) for r in data["by_step"]}
    assert steps[(factories.SEMBAKO, "Mengecek jenis bantuan, menganalisa kendala")] == (1, 1)
    assert steps[(factories.SEMBAKO, "Petugas FO melakukan Pengecekan Berkas")] == (1, 0)
    assert data["overdue_count"] == 2
    assert {r["code"] for r in data["overdue"]} == {"R4", "R6"}


def test_time_per_step_averages_the_history_of_recent_requests(cast, office_data):
    data = dashboard.dashboard(cast.user("tarakan", Role.HEAD_OF_OFFICE))
    rows = {r["step"]: r for r in data["step_times"]}
    receive = rows["Pemohon datang dengan kelengkapan berkas"]
    assert (receive["requests"], receive["average_hours"], receive["median_hours"]) == (
        2,
        0.25,
        0.25,
    )
    check = rows["Petugas FO melakukan Pengecekan Berkas"]
    assert (check["average_hours"], check["median_hours"]) == (0.33, 0.33)


def test_a_head_of_division_sees_only_the_services_of_their_unit(cast, office_data):
    division = cast.user("tarakan", Role.HEAD_OF_DIVISION)
    data = dashboard.dashboard(division, year=2025)
    assert data["scope"].standard_codes == [factories.SEMBAKO]
    assert {r["service_code"] for r in data["by_step"]} == {factories.SEMBAKO}
    assert [r["code"] for r in data["overdue"]] == ["R4"]
    assert data["children"] is None and data["stock"] is None  # not their unit's services


def _complaint(office, code: str, standard=None):
    today = timezone.localdate()
    return Complaint.objects.create(
        code=code, secret_digest="0" * 64, office=office, origin_office=office, standard=standard,
        channel="website", subject="Lambat", body="-", received_on=today - timedelta(days=9),
        verify_due=today, answer_due=today - timedelta(days=1), complete_due=today,
    )  # fmt: skip


def test_the_complaint_backlog_follows_the_scope(cast, office_data):
    office = office_data["office"]
    _complaint(office, "K1")
    _complaint(office, "K2", standard=office.standards.get(code=factories.SEMBAKO))
    head = dashboard.dashboard(cast.user("tarakan", Role.HEAD_OF_OFFICE))["complaints"]
    assert (head["backlog"], head["unanswered"], head["answer_overdue"]) == (2, 2, 2)
    division = cast.user("tarakan", Role.HEAD_OF_DIVISION)
    assert dashboard.dashboard(division)["complaints"]["backlog"] == 1
    division.unit = None
    assert dashboard.dashboard(division)["complaints"]["backlog"] == 0


def test_a_head_of_division_without_a_unit_sees_no_service(cast, office_data):
    division = cast.user("tarakan", Role.HEAD_OF_DIVISION)
    division.unit = None
    data = dashboard.dashboard(division, year=2025)
    assert data["by_step"] == [] and data["officers"] == [] and data["sla_trend"] == []


def test_another_offices_head_sees_none_of_these_requests(cast, office_data):
    data = dashboard.dashboard(cast.user("sragen", Role.HEAD_OF_OFFICE), year=2025)
    assert data["by_step"] == [] and data["overdue"] == [] and data["sla_trend"] == []


def test_the_excel_export_has_every_list_with_the_same_figures(cast, office_data):
    client = cast.client_for(cast.user("tarakan", Role.HEAD_OF_OFFICE))
    response = client.get("/staff/dashboard/?year=2025&format=xlsx")
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert len(wb.sheetnames) >= 6
    overdue = next(ws for ws in wb.worksheets if ws.max_column == 5 and ws["A2"].value == "R4")
    assert {row[0].value for row in overdue.iter_rows(min_row=2)} == {"R4", "R6"}
    officers = wb.worksheets[2]
    values = {row[0].value: [c.value for c in row] for row in officers.iter_rows(min_row=2)}
    assert values[office_data["a"].display_name][3:6] == [2, 2, 1]


def test_the_page_renders_the_figures_and_the_chart_data(cast, office_data):
    client = cast.client_for(cast.user("tarakan", Role.HEAD_OF_OFFICE))
    body = client.get("/staff/dashboard/?year=2025").content.decode()
    assert "R4" in body and 'id="dash-data"' in body and "Maret 2025" in body
    assert "2025-03" not in body  # months by their Indonesian name, in the table and the chart
    assert '"Mar 2025"' in body
    assert "<script>" not in body
