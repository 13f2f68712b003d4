"""Public report card and service pledge as JSON (the same figures as the pages); the head of
office publishes the pledge."""

from datetime import date

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from sigap.accounts.models import Office
from sigap.api.auth import STAFF_AUTH
from sigap.reports import selectors, services

router = Router(tags=["report card"])


class PeriodOut(Schema):
    received: int
    completed: int
    rejected: int
    on_time: int
    share_on_time: float | None
    median_hours: float | None
    p90_hours: float | None


class MonthOut(PeriodOut):
    month: str


class RollUpOut(PeriodOut):
    period: str


class SlaOut(Schema):
    months: list[MonthOut]
    semesters: list[RollUpOut]
    year: RollUpOut


class ReportServiceOut(PeriodOut):
    code: str
    name: str
    time_limit: str
    products_issued: int | None = None  # documents issued from the service's product templates


class ReasonOut(Schema):
    reason: str
    n: int


class ReportComplaintsOut(Schema):
    received: int
    answered: int
    answered_on_time: int
    share_answered_on_time: float | None
    median_days_to_answer: float | None


class SkmElementOut(Schema):
    code: str
    number: int | None = None  # the question's number in the office's questionnaire
    name: str
    score: float | None


class SkmOut(Schema):
    label: str
    score: float | None
    category: str
    quality: str
    respondents: int
    served: int | None
    required: int | None
    sample_enough: bool | None
    elements: list[SkmElementOut]


class ReportProductOut(Schema):
    product: str
    count: int


class EmergencyStatusOut(Schema):
    kind: str
    kind_label: str
    decree_number: str
    starts_on: str
    ends_on: str


class AidItemOut(Schema):
    item: str
    unit: str
    sent: int
    received: int
    dispatches: int


class AidEventOut(Schema):
    event: str
    kind: str
    occurred_on: str
    statuses: list[EmergencyStatusOut]
    items: list[AidItemOut]


class CashOut(Schema):
    count: int
    total: str


class ReportOfficeOut(Schema):
    code: str
    name: str


class ReportCardOut(Schema):
    office: ReportOfficeOut
    service: str | None
    year: int
    sla: SlaOut
    services: list[ReportServiceOut]
    rejection_reasons: list[ReasonOut]
    complaints: ReportComplaintsOut
    skm: list[SkmOut]
    products: list[ReportProductOut]
    aid: list[AidEventOut]
    cash_aid: CashOut


@router.get("/report-card/{office_code}", response=ReportCardOut)
def report_card(request: HttpRequest, office_code: str, service: str = "", year: int = 0):
    office = get_object_or_404(Office, code=office_code)
    if year and not 2000 <= year <= 2100:
        year = 0
    return selectors.report_card(office, service_code=service or None, year=year or None)


class PledgeOut(Schema):
    office: ReportOfficeOut
    text: str
    effective_date: date
    signer_name: str


class PledgeIn(Schema):
    text: str
    effective_date: date


def _pledge_out(pledge) -> dict:
    return {
        "office": {"code": pledge.office.code, "name": pledge.office.name},
        "text": pledge.text,
        "effective_date": pledge.effective_date,
        "signer_name": pledge.signer_name,
    }


@router.get("/pledges/{office_code}", response=PledgeOut)
def pledge_detail(request: HttpRequest, office_code: str):
    pledge = selectors.office_pledge(get_object_or_404(Office, code=office_code))
    if pledge is None:
        raise Http404
    return _pledge_out(pledge)


@router.put("/pledge", response=PledgeOut, auth=STAFF_AUTH)
def pledge_save(request: HttpRequest, payload: PledgeIn):
    """The head of office publishes (or replaces) their own office's pledge."""
    return _pledge_out(services.pledge_save(user=request.user, **payload.dict()))
