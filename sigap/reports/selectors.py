"""The public report card: an office's (or one service's) figures for a year, no personal data.

SLA figures come from `sigap.reports.figures` (summary table plus live recent months); the rest
are small grouped queries of the apps that own them."""

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from django.db.models import Count, F, Q
from django.utils import timezone

from sigap.cashaid.selectors import cashaid_totals
from sigap.complaints.models import Complaint
from sigap.documents.models import DocumentStatus, IssuedDocument
from sigap.logistics.selectors import distributed_by_event
from sigap.reports import figures
from sigap.reports.figures import Cell, share
from sigap.reports.models import ServicePledge
from sigap.standards.models import Product, ServiceStandard
from sigap.surveys.elements import BY_CODE
from sigap.surveys.index import required_sample
from sigap.surveys.models import SurveyPopulation
from sigap.surveys.selectors import Period, ikm_for, question_order, responses

# A rejection reason is published only when at least this many requests share it: reasons are
# free text, and one written for a single case may name the person.
MIN_REASON_COUNT = 3


def year_bounds(year: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def _by(rows: list[Cell], key) -> dict[Any, list[Cell]]:
    out: dict[Any, list[Cell]] = defaultdict(list)
    for c in rows:
        out[key(c)].append(c)
    return out


def _semester(c: Cell) -> int:
    return 1 if c.month.month <= 6 else 2


def sla_section(rows: list[Cell], year: int) -> dict[str, Any]:
    """Per month, semester and year: counts, on-time share, median and p90 hours."""
    months = [
        {"month": m.strftime("%Y-%m"), **figures.summary(cs)}
        for m, cs in sorted(_by(rows, lambda c: c.month).items())
    ]
    semesters = [
        {"period": f"{year}-S{s}", **figures.summary([c for c in rows if _semester(c) == s])}
        for s in (1, 2)
    ]
    return {
        "months": months,
        "semesters": semesters,
        "year": {"period": str(year), **figures.summary(rows)},
    }


def services_section(
    office, rows: list[Cell], start: datetime, end: datetime
) -> list[dict[str, Any]]:
    """Per service: its promised time limit beside the year's figures, and the products it
    issued in the year (None for a service whose product is not a document, such as BPNT aid),
    so that "completed" and "products issued" can be read side by side per service."""
    names = {}
    for s in ServiceStandard.objects.filter(office=office).order_by("code", "-revision"):
        names.setdefault(s.code, s)
    issued = _issued_per_service(office, start, end)
    out = []
    for code, cs in sorted(_by(rows, lambda c: c.standard_code).items()):
        standard = names.get(code)
        out.append(
            {
                "code": code,
                "name": standard.name if standard else code,
                "time_limit": standard.time_limit_text if standard else "",
                **figures.summary(cs),
                "products_issued": issued.get(code),
            }
        )
    return out


def _issued_per_service(office, start: datetime, end: datetime) -> dict[str, int]:
    """{service code: documents issued (not revoked) from its products' templates}; a service
    whose products have no document template is left out."""
    templates: dict[str, set[str]] = defaultdict(set)
    for code, template in (
        Product.objects.filter(standard__office=office)
        .exclude(template_code="")
        .values_list("standard__code", "template_code")
    ):
        templates[code].add(template)
    counts = dict(
        IssuedDocument.objects.filter(
            office=office,
            issued_at__gte=start,
            issued_at__lt=end,
            status=DocumentStatus.ISSUED,
            template_code__in={t for ts in templates.values() for t in ts},
        )
        .values("template_code")
        .annotate(n=Count("pk"))
        .values_list("template_code", "n")
    )
    return {code: sum(counts.get(t, 0) for t in ts) for code, ts in templates.items()}


def rejection_reasons(rows: list[Cell], limit: int = 5) -> list[dict[str, Any]]:
    """The most frequent reasons shared by at least MIN_REASON_COUNT rejections."""
    counts: dict[str, int] = defaultdict(int)
    for c in rows:
        for reason, n in c.reasons.items():
            counts[reason] += n
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [{"reason": reason, "n": n} for reason, n in ranked if reason and n >= MIN_REASON_COUNT][
        :limit
    ]


def complaint_figures(office, year: int, service_code: str | None = None) -> dict[str, Any]:
    """Received, answered by the answer deadline (date, inclusive), median days to answer."""
    qs = Complaint.objects.filter(office=office, received_on__year=year)
    if service_code:
        qs = qs.filter(standard__code=service_code)
    row = qs.aggregate(
        received=Count("pk"),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        answered_on_time=Count("pk", filter=Q(answered_at__date__lte=F("answer_due"))),
    )
    days = sorted(
        (timezone.localtime(a).date() - r).days
        for r, a in qs.filter(answered_at__isnull=False).values_list("received_on", "answered_at")
    )
    median = None
    if days:
        mid = len(days) // 2
        median = days[mid] if len(days) % 2 else (days[mid - 1] + days[mid]) / 2
    return {
        **row,
        "share_answered_on_time": share(row["answered_on_time"], row["received"]),
        "median_days_to_answer": median,
    }


def skm_section(office, year: int, service_code: str, rows: list[Cell]) -> list[dict[str, Any]]:
    """Per semester: the index, its category, the 9 elements' scores and whether the sample was
    large enough for the people served (the office's figure, else the requests completed)."""
    out = []
    for semester in (1, 2):
        period = Period(year, semester)
        result = ikm_for(responses(office=office, service_code=service_code, period=period))
        entered = SurveyPopulation.objects.filter(
            office=office, service_code=service_code, year=year, semester=semester
        ).first()
        served = (
            entered.population
            if entered
            else sum(c.completed for c in rows if _semester(c) == semester)
        )
        respondents = result.respondents if result else 0
        needed = required_sample(served) if served else None
        out.append(
            {
                "label": period.label,
                "score": float(result.score) if result else None,
                "category": result.letter if result else "",
                "quality": result.quality if result else "",
                "respondents": respondents,
                "served": served,
                "required": needed,
                "sample_enough": None if needed is None else respondents >= needed,
                "elements": [
                    {
                        "code": code,
                        "number": number,
                        "name": str(BY_CODE[code].name),
                        "score": float(result.nrr_rounded()[code]) if result else None,
                    }
                    # In the questionnaire's order and numbering (facilities, U9, is question 8).
                    for number, code in enumerate(question_order(office), start=1)
                ],
            }
        )
    return out


def products_issued(office, start: datetime, end: datetime, service_code: str | None) -> list:
    """Documents issued (not revoked) per product of the office's standards."""
    products = Product.objects.filter(standard__office=office).exclude(template_code="")
    if service_code:
        products = products.filter(standard__code=service_code)
    labels: dict[str, str] = {}
    for p in products.order_by("standard__code", "order"):
        labels.setdefault(p.template_code, p.label)
    rows = (
        IssuedDocument.objects.filter(
            office=office,
            issued_at__gte=start,
            issued_at__lt=end,
            status=DocumentStatus.ISSUED,
            template_code__in=labels,
        )
        .values("template_code")
        .annotate(n=Count("pk"))
        .order_by("-n", "template_code")
    )
    return [{"product": labels[r["template_code"]], "count": r["n"]} for r in rows]


def report_card(office, *, service_code: str | None = None, year: int | None = None) -> dict:
    """All public figures of an office (or one service of it) for a year. No personal data."""
    year = year or timezone.localdate().year
    start, end = year_bounds(year)
    rows = figures.cells(
        office=office, start=start, end=end, standard_codes=[service_code] if service_code else None
    )
    cash = cashaid_totals(office=office, start=start, end=end)
    return {
        "office": {"code": office.code, "name": office.name},
        "service": service_code,
        "year": year,
        "sla": sla_section(rows, year),
        "service_name": _service_name(office, service_code),
        "services": services_section(office, rows, start, end),
        "rejection_reasons": rejection_reasons(rows),
        "complaints": complaint_figures(office, year, service_code),
        "skm": skm_section(office, year, service_code or "", rows),
        "products": products_issued(office, start, end, service_code),
        "aid": _jsonable(distributed_by_event(office=office, start=start, end=end)),
        "cash_aid": {"count": cash["count"], "total": str(cash["total"])},
    }


def _service_name(office, service_code: str | None) -> str:
    if not service_code:
        return ""
    standard = (
        ServiceStandard.objects.filter(office=office, code=service_code)
        .order_by("-revision")
        .first()
    )
    return standard.name if standard else service_code


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def office_pledge(office) -> ServicePledge | None:
    """The office's published service pledge, if it has one."""
    return ServicePledge.objects.filter(office=office).first()
