"""Reads of cash help: earlier help to a person (the warning) and figures for reports."""

from datetime import datetime
from decimal import Decimal
from typing import TypedDict

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth

from sigap.cashaid.models import CashAid, incident_key


def earlier_help(*, office, nik: str, exclude_request=None) -> QuerySet[CashAid]:
    """Active help this office gave to the same NIK (newest first), for the officer's warning."""
    qs = CashAid.objects.filter(office=office, nik=nik, active=True).select_related("request")
    if exclude_request is not None:
        qs = qs.exclude(request=exclude_request)
    return qs.order_by("-incident_date", "-created_at")


def already_helped(*, office, nik: str, police_letter_number: str) -> CashAid | None:
    return (
        CashAid.objects.filter(
            office=office,
            nik=nik,
            incident_key=incident_key(police_letter_number),
            active=True,
        )
        .select_related("request")
        .first()
    )


class CashAidTotals(TypedDict):
    count: int
    total: Decimal


def cashaid_totals(*, office=None, start: datetime, end: datetime) -> CashAidTotals:
    """Help paid out in [start, end): how many times and how much (for the dashboard)."""
    qs = CashAid.objects.filter(paid_at__gte=start, paid_at__lt=end, active=True)
    if office is not None:
        qs = qs.filter(office=office)
    row = qs.aggregate(count=Count("pk"), total=Sum("amount_paid"))
    return {"count": row["count"] or 0, "total": row["total"] or Decimal(0)}


def cashaid_by_month(*, office=None, start: datetime, end: datetime) -> list[dict]:
    """[{month, count, total}] of help paid out per month in [start, end)."""
    qs = CashAid.objects.filter(paid_at__gte=start, paid_at__lt=end, active=True)
    if office is not None:
        qs = qs.filter(office=office)
    rows = (
        qs.annotate(month=TruncMonth("paid_at"))
        .values("month")
        .annotate(count=Count("pk"), total=Sum("amount_paid"))
        .order_by("month")
    )
    return [{"month": r["month"], "count": r["count"], "total": r["total"]} for r in rows]
