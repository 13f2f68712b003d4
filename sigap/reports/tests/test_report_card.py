"""Report-card figures against hand-computed values, the public pages, the API and the PDF."""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from sigap.accounts.roles import Role
from sigap.applications.models import Request, RequestEvent, RequestStatus
from sigap.applications.services import request_create
from sigap.applications.tests import factories
from sigap.complaints.models import Complaint
from sigap.documents.models import IssuedDocument
from sigap.reports import figures, selectors
from sigap.reports.models import FiguresMark, MonthlyFigures
from sigap.surveys.models import SurveyPopulation, SurveyResponse

JAKARTA = ZoneInfo("Asia/Jakarta")
NAMES = ["Siti Aminah", "Budi Santoso", "Wati Lestari", "Agus Salim", "Rina Marlina"]
REASON = "Dokumen tidak lengkap"


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
            return_reason=f"{REASON} ({NAMES[4]})" if status == RequestStatus.REJECTED else "",
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
        "median_hours": 1.0,  # 60 min and 60 min 1 s, both counted in the 60th minute
        "p90_hours": 1.0,
    }
    s1, s2 = card["sla"]["semesters"]
    assert (s1["received"], s1["completed"], s1["on_time"]) == (2, 2, 1)
    assert (s2["received"], s2["completed"], s2["rejected"], s2["on_time"]) == (3, 1, 1, 1)
    assert card["sla"]["year"]["share_on_time"] == round(2 / 3, 4)


def test_median_and_p90_completion_times_interpolate_like_percentile_cont(dataset):
    standard, _ = dataset
    card = selectors.report_card(standard.office, service_code=standard.code, year=2025)
    # minutes: 30, 60, 60 -> median 60 min; p90 = 60 + 0.8 * 0 = 60 min
    assert card["sla"]["year"]["median_hours"] == 1.0
    assert card["sla"]["year"]["p90_hours"] == 1.0
    assert card["services"][0]["time_limit"] == "30 menit"
    assert card["services"][0]["median_hours"] == 1.0


def test_the_summary_table_gives_the_same_figures_as_counting_live(dataset):
    standard, _ = dataset
    live = selectors.report_card(standard.office, year=2025)
    figures.figures_refresh_office(office=standard.office, now=datetime(2026, 2, 3, tzinfo=JAKARTA))
    assert FiguresMark.objects.get(office=standard.office).summarised_before == date(2026, 2, 3)
    assert MonthlyFigures.objects.filter(office=standard.office).count() == 2  # March, August
    assert selectors.report_card(standard.office, year=2025)["sla"] == live["sla"]


def test_an_incremental_refresh_recounts_the_month_of_a_request_that_changed(dataset):
    standard, _ = dataset
    office = standard.office
    figures.figures_refresh_office(office=office, now=datetime(2026, 2, 3, tzinfo=JAKARTA))
    still_open = Request.objects.get(office=office, status=RequestStatus.IN_PROGRESS)
    Request.objects.filter(pk=still_open.pk).update(
        status=RequestStatus.COMPLETED, completed_at=still_open.submitted_at + timedelta(hours=2)
    )
    # Not yet refreshed: the summary still counts it open.
    assert selectors.report_card(office, year=2025)["sla"]["year"]["completed"] == 3
    RequestEvent.objects.create(request=still_open, action="hand_over", to_status="completed")
    assert figures.figures_refresh_office(office=office, now=datetime(2026, 2, 4, tzinfo=JAKARTA))
    year = selectors.report_card(office, year=2025)["sla"]["year"]
    assert (year["completed"], year["on_time"]) == (4, 2)


def test_the_current_month_is_counted_once_half_from_the_summary_half_live(cast):
    office = cast.office("tarakan")
    standard = factories.sembako_standard(office)
    now = timezone.now()
    yesterday = now - timedelta(days=1)
    for code, at in (("Y1", yesterday), ("T1", now)):
        Request.objects.create(
            code=code, standard=standard, office=office, org_name="Yayasan", channel="api",
            status=RequestStatus.COMPLETED, submitted_at=at, due_at=at + timedelta(hours=1),
            completed_at=at + timedelta(minutes=10),
        )  # fmt: skip
    live = selectors.report_card(office, year=timezone.localdate(yesterday).year)
    figures.figures_refresh_office(office=office, now=now)
    assert MonthlyFigures.objects.filter(office=office).count() == 1  # yesterday's only
    assert selectors.report_card(office, year=timezone.localdate(yesterday).year) == live
    assert sum(m["received"] for m in live["sla"]["months"]) == (
        2 if timezone.localdate(yesterday).year == timezone.localdate(now).year else 1
    )


def test_a_rejection_reason_is_published_only_when_three_rejections_share_it(dataset, cast):
    standard, _ = dataset
    card = selectors.report_card(standard.office, year=2025)
    assert card["rejection_reasons"] == []  # one free-text reason naming a person: withheld
    front = cast.user("tarakan", Role.FRONT_OFFICE)
    for i in range(3):
        req = request_create(
            standard=standard,
            product_code="kks-new",
            person=factories.person(name=f"Orang {i}", nik=f"647101010199900{i}"),
            user=front,
            issue_receipt=False,
        )
        Request.objects.filter(pk=req.pk).update(
            submitted_at=datetime(2025, 9, 1, tzinfo=JAKARTA),
            status=RequestStatus.REJECTED,
            return_reason=REASON,
        )
    card = selectors.report_card(standard.office, year=2025)
    assert card["rejection_reasons"] == [{"reason": REASON, "n": 3}]


def _complaint(office, code: str, received: date, due: date, answered: datetime | None):
    return Complaint.objects.create(
        code=code,
        secret_digest="0" * 64,
        office=office,
        origin_office=office,
        channel="website",
        subject="Pelayanan lambat",
        body="-",
        received_on=received,
        verify_due=received,
        answer_due=due,
        complete_due=due + timedelta(days=10),
        answered_at=answered,
    )


def test_complaints_answered_on_the_deadline_day_count_as_on_time(dataset):
    standard, _ = dataset
    office = standard.office
    d = date(2025, 5, 5)
    _complaint(office, "C1", d, date(2025, 5, 10), datetime(2025, 5, 10, 23, tzinfo=JAKARTA))
    _complaint(office, "C2", d, date(2025, 5, 10), datetime(2025, 5, 11, 8, tzinfo=JAKARTA))
    _complaint(office, "C3", d, date(2025, 5, 10), None)
    figures_ = selectors.report_card(office, year=2025)["complaints"]
    assert figures_ == {
        "received": 3,
        "answered": 2,
        "answered_on_time": 1,
        "share_answered_on_time": round(1 / 3, 4),
        "median_days_to_answer": 5.5,  # 5 and 6 days
    }


def test_skm_per_semester_has_the_elements_category_and_sample_verdict(dataset):
    standard, _ = dataset
    office = standard.office
    answers = {f"u{i}": 4 for i in range(1, 10)} | {"u9": 2}
    for _ in range(2):
        SurveyResponse.objects.create(
            office=office,
            service_code=standard.code,
            answered_on=date(2025, 4, 1),
            sex="f",
            age=30,
            education="sma",
            occupation="other",
            **answers,
        )
    SurveyPopulation.objects.create(
        office=office, service_code="", year=2025, semester=1, population=2
    )
    s1, s2 = selectors.report_card(office, year=2025)["skm"]
    # NRR: eight elements 4, u9 2 -> IKM 34/9; converted 34*25/9 = 94.44 -> A
    assert s1["score"] == 94.44 and s1["category"] == "A"
    # In the questionnaire's order: facilities (U9) is question 8, as the survey asks it.
    facilities = s1["elements"][7]
    assert facilities == {"code": "u9", "number": 8, "name": facilities["name"], "score": 2.0}
    assert [e["code"] for e in s1["elements"]][-1] == "u8"
    assert (s1["respondents"], s1["served"], s1["required"], s1["sample_enough"]) == (
        2,
        2,
        2,
        True,
    )
    # Semester 2: no answers, one request completed (the office entered no figure) -> needed 1
    assert (s2["score"], s2["served"], s2["required"], s2["sample_enough"]) == (None, 1, 1, False)


def test_products_issued_count_documents_per_product_not_revoked_ones(dataset):
    standard, _ = dataset
    office = standard.office
    ct = ContentType.objects.get_for_model(Request)
    for i, code in enumerate(["sk-kks-new", "sk-kks-new", "sk-death", "receipt"]):
        IssuedDocument.objects.create(
            office=office,
            token=f"t{i}",
            template_code=code,
            title="Surat",
            issued_at=datetime(2025, 6, 1, tzinfo=JAKARTA),
            content_type=ct,
            object_id="1",
            file="x.pdf",
            sha256="0" * 64,
        )
    products = selectors.report_card(office, year=2025)["products"]
    assert products == [
        {"product": "Surat Keterangan Penerbitan KKS Baru", "count": 2},
        {"product": "Surat Keterangan Meninggal", "count": 1},
    ]


def test_the_public_report_card_shows_no_personal_data(dataset, client: Client):
    standard, people = dataset
    office = standard.office.code
    bodies = []
    for url in (
        f"/report-card/{office}/?year=2025",
        f"/report-card/{office}/{standard.code}/?year=2025",
        f"/api/v1/report-card/{office}?year=2025",
    ):
        response = client.get(url)
        assert response.status_code == 200
        bodies.append(response.content.decode())
    pdf = client.get(f"/report-card/{office}/pdf?year=2025")
    assert pdf.status_code == 200
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "2025" in text  # the text was really extracted
    bodies.append(text)
    assert "Maret 2025" in bodies[0]  # the figures are there
    for body in bodies:
        for p in people:
            assert p.nik not in body
        for name in NAMES:
            assert name not in body


def test_the_api_has_the_typed_shape_and_404s_an_unknown_office(dataset, client: Client):
    standard, _ = dataset
    data = client.get(f"/api/v1/report-card/{standard.office.code}?year=2025").json()
    assert set(data) == {
        "office", "service", "year", "sla", "services", "rejection_reasons", "complaints",
        "skm", "products", "aid", "cash_aid",
    }  # fmt: skip
    assert data["sla"]["year"]["received"] == 5
    assert len(data["skm"][0]["elements"]) == 9
    assert client.get("/api/v1/report-card/nowhere").status_code == 404


def test_an_unknown_service_of_the_office_is_a_404(dataset, client: Client):
    standard, _ = dataset
    assert client.get(f"/report-card/{standard.office.code}/nothing/").status_code == 404


def test_the_page_carries_the_chart_data_for_its_static_script(dataset, client: Client):
    standard, _ = dataset
    body = client.get(f"/report-card/{standard.office.code}/?year=2025").content.decode()
    assert 'id="card-data"' in body and "reports/report_card.js" in body
    assert "<script>" not in body  # CSP: no inline script
    assert "Survei Kepuasan Masyarakat (SKM)" in body  # Bahasa Indonesia by default


def test_percentile_interpolation_matches_percentile_cont_on_known_values():
    from sigap.reports.aggregates import interpolate, interpolate_counts

    values = [1.0, 2.0, 3.0, 4.0, 10.0]
    assert interpolate(values, 0.5) == 3.0
    assert interpolate(values, 0.9) == pytest.approx(7.6)  # 4 + 0.6 * (10 - 4)
    assert interpolate([], 0.5) is None
    pairs = [(1.0, 1), (2.0, 1), (3.0, 1), (4.0, 1), (10.0, 1)]
    assert interpolate_counts(pairs, 0.9) == pytest.approx(7.6)
    assert interpolate_counts([(5.0, 3), (7.0, 1)], 0.5) == 5.0
    assert interpolate_counts([], 0.5) is None
