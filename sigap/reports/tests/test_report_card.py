"""Report-card figures against hand-computed values, the public pages, the API and the PDF."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from sigap.accounts.roles import Role
from sigap.applications.models import Request, RequestStatus
from sigap.applications.services import request_create
from sigap.applications.tests import factories
from sigap.reports import selectors

JAKARTA = ZoneInfo("Asia/Jakarta")
NAMES = ["Siti Aminah", "Budi Santoso", "Wati Lestari", "Agus Salim", "Rina Marlina"]


@pytest.fixture
def dataset(cast):
    """Five Tarakan requests in 2025 with hand-set times (due = submitted + 1 h)."""
    standard = factories.sembako_standard(cast.office("tarakan"))
    front = cast.user("tarakan", Role.FRONT_OFFICE)
    people = [factories.person(name=n, nik=f"64710101019{i}000{i}") for i, n in enumerate(NAMES)]
    made = [
        request_create(
            standard=standard, product_code="kks-new", person=p, user=front, issue_receipt=False
        )
        for p in people
    ]
    base = datetime(2025, 3, 10, 9, tzinfo=JAKARTA)
    # completion after (hours): exactly at due, one second late, 0.5 h, open, rejected
    plan = [
        (base, RequestStatus.COMPLETED, timedelta(hours=1)),
        (base, RequestStatus.COMPLETED, timedelta(hours=1, seconds=1)),
        (base.replace(month=8), RequestStatus.COMPLETED, timedelta(minutes=30)),
        (base.replace(month=8), RequestStatus.IN_PROGRESS, None),
        (base.replace(month=8), RequestStatus.REJECTED, None),
    ]
    for req, (sub, status, took) in zip(made, plan, strict=True):
        Request.objects.filter(pk=req.pk).update(
            submitted_at=sub,
            due_at=sub + timedelta(hours=1),
            status=status,
            completed_at=sub + took if took else None,
            return_reason="Dokumen tidak lengkap" if status == RequestStatus.REJECTED else "",
        )
    return standard, people


def test_completed_exactly_at_due_counts_as_on_time_and_one_second_later_does_not(dataset):
    standard, _ = dataset
    card = selectors.report_card(standard.office, year=2025)
    march = card["sla"]["months"][0]
    assert march == {
        "month": "2025-03",
        "received": 2,
        "completed": 2,
        "rejected": 0,
        "on_time": 1,
        "share_on_time": 0.5,
    }
    s1, s2 = card["sla"]["semesters"]
    assert (s1["received"], s1["completed"], s1["on_time"]) == (2, 2, 1)
    assert (s2["received"], s2["completed"], s2["rejected"], s2["on_time"]) == (3, 1, 1, 1)
    assert card["sla"]["year"]["share_on_time"] == round(2 / 3, 4)


def test_median_and_p90_completion_times_interpolate_like_percentile_cont(dataset):
    standard, _ = dataset
    card = selectors.report_card(standard.office, service_code=standard.code, year=2025)
    # hours: 0.5, 1.0, 1.000278; median 1.0; p90 = 1.0 + 0.8*(0.000278) = 1.00022
    assert card["sla"]["median_hours"] == 1.0
    assert card["sla"]["p90_hours"] == 1.0


def test_the_main_rejection_reason_is_listed(dataset):
    standard, _ = dataset
    card = selectors.report_card(standard.office, year=2025)
    assert card["rejection_reasons"] == [{"return_reason": "Dokumen tidak lengkap", "n": 1}]


def test_the_public_report_card_shows_no_personal_data(dataset, client: Client):
    standard, people = dataset
    for url in (
        f"/report-card/{standard.office.code}/?year=2025",
        f"/report-card/{standard.office.code}/{standard.code}/?year=2025",
        f"/api/v1/report-card/{standard.office.code}?year=2025",
    ):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        for p in people:
            assert p.nik not in body
        for name in NAMES:
            assert name not in body


def test_the_api_has_the_typed_shape_and_404s_an_unknown_office(dataset, client: Client):
    standard, _ = dataset
    data = client.get(f"/api/v1/report-card/{standard.office.code}?year=2025").json()
    assert set(data) == {"office", "service", "year", "sla", "complaints", "cash_aid", "skm"}
    assert data["sla"]["year"]["received"] == 5
    assert client.get("/api/v1/report-card/nowhere").status_code == 404


def test_the_pdf_is_a_real_pdf(dataset, client: Client):
    standard, _ = dataset
    response = client.get(f"/report-card/{standard.office.code}/pdf?year=2025")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_percentile_interpolation_matches_percentile_cont_on_known_values():
    from sigap.reports.aggregates import interpolate

    values = [1.0, 2.0, 3.0, 4.0, 10.0]
    assert interpolate(values, 0.5) == 3.0
    assert interpolate(values, 0.9) == pytest.approx(7.6)  # 4 + 0.6 * (10 - 4)
    assert interpolate([], 0.5) is None
