"""Reads: emergency status in force, stock on hand, ledger checks, reports, alerts, scoping."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.utils import timezone

from sigap.core.access import scope_for_user, visible_office_ids
from sigap.logistics.models import (
    DisasterEvent,
    DispatchLine,
    EmergencyStatus,
    Item,
    LogisticsRequest,
    Lot,
    StockMovement,
    Warehouse,
)

NEAR_EXPIRY_DAYS = 30


def _covers(affected: str, code: str) -> bool:
    return code == affected or code.startswith(affected + ".")


def _ancestors(code: str) -> list[str]:
    """36.02.01.2001 -> [36, 36.02, 36.02.01, 36.02.01.2001]: the codes that may cover it."""
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def status_in_force(
    *, region_code: str, on: date | None = None, event: DisasterEvent | None = None
) -> EmergencyStatus | None:
    """The emergency status decree in force for a region on a date (today by default)."""
    on = on or timezone.localdate()
    statuses = EmergencyStatus.objects.filter(
        starts_on__lte=on,
        ends_on__gte=on,
        event__regions__region_code__in=_ancestors(region_code),
    )
    if event is not None:
        statuses = statuses.filter(event=event)
    return statuses.select_related("event").order_by("-ends_on").first()


def event_status_in_force(event: DisasterEvent, on: date | None = None) -> EmergencyStatus | None:
    on = on or timezone.localdate()
    return event.statuses.filter(starts_on__lte=on, ends_on__gte=on).order_by("-ends_on").first()


def event_period(event: DisasterEvent) -> tuple[date | None, date | None]:
    agg = event.statuses.aggregate(start=Min("starts_on"), end=Max("ends_on"))
    return agg["start"], agg["end"]


def _handling_office_ids(user) -> set[int] | None:
    """The user's office and its province office: events and requests are the province's."""
    ids = visible_office_ids(user, province_oversight=True)
    if ids is None or not ids:
        return ids
    if user.office and user.office.parent_id:
        ids.add(user.office.parent_id)
    return ids


def events_for_user(user) -> QuerySet[DisasterEvent]:
    """Events a user may see: its office's, and for a regency/city its province's."""
    ids = _handling_office_ids(user)
    events = DisasterEvent.objects.all()
    if ids is None:
        return events
    return events.filter(office_id__in=ids)


def events_open_for_requests(user, on: date | None = None) -> QuerySet[DisasterEvent]:
    on = on or timezone.localdate()
    return (
        events_for_user(user)
        .filter(statuses__starts_on__lte=on, statuses__ends_on__gte=on)
        .distinct()
    )


def requests_for_user(user) -> QuerySet[LogisticsRequest]:
    """Requests handled by the user's office, plus those its regency/city office acknowledged."""
    ids = visible_office_ids(user, province_oversight=True)
    requests = LogisticsRequest.objects.select_related("event", "posko", "office")
    if ids is None:
        return requests
    return requests.filter(Q(office_id__in=ids) | Q(regency_office_id__in=ids))


def warehouses_for_user(user) -> QuerySet[Warehouse]:
    return scope_for_user(Warehouse.objects.all(), user, province_oversight=True)


def stock_available(
    *, office, items: list[Item], warehouse: Warehouse | None = None, on: date | None = None
) -> dict[int, int]:
    """Quantity per item id that can be dispatched: on hand, in lots not expired."""
    on = on or timezone.localdate()
    lots = Lot.objects.filter(item__in=items, quantity_on_hand__gt=0).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=on)
    )
    lots = lots.filter(warehouse=warehouse) if warehouse else lots.filter(warehouse__office=office)
    rows = lots.values("item_id").annotate(total=Sum("quantity_on_hand"))
    return {row["item_id"]: row["total"] for row in rows}


def ledger_mismatches(*, lots: QuerySet[Lot] | None = None) -> list[tuple[int, int, int]]:
    """Lots whose balance differs from the sum of their ledger: (lot id, balance, ledger)."""
    lots = lots if lots is not None else Lot.objects.all()
    rows = lots.annotate(ledger=Sum("movements__quantity")).values_list(
        "pk", "quantity_on_hand", "ledger"
    )
    return [(pk, balance, ledger or 0) for pk, balance, ledger in rows if balance != (ledger or 0)]


@dataclass(frozen=True)
class StockRow:
    warehouse: Warehouse
    item: Item
    on_hand: int
    expired: int
    next_expiry: date | None
    lots: int


def stock_report(*, warehouses: QuerySet[Warehouse], on: date | None = None) -> list[StockRow]:
    """Stock on hand per warehouse and item (expired quantity shown apart)."""
    on = on or timezone.localdate()
    rows = (
        Lot.objects.filter(warehouse__in=warehouses, quantity_on_hand__gt=0)
        .values("warehouse_id", "item_id")
        .annotate(
            on_hand=Sum("quantity_on_hand"),
            expired=Sum("quantity_on_hand", filter=Q(expires_on__lt=on)),
            next_expiry=Min("expires_on", filter=Q(expires_on__gte=on)),
            lots=Count("id"),
        )
        .order_by("warehouse_id", "item_id")
    )
    houses = {w.pk: w for w in warehouses}
    items = Item.objects.in_bulk({row["item_id"] for row in rows})
    return [
        StockRow(
            warehouse=houses[row["warehouse_id"]],
            item=items[row["item_id"]],
            on_hand=row["on_hand"],
            expired=row["expired"] or 0,
            next_expiry=row["next_expiry"],
            lots=row["lots"],
        )
        for row in rows
    ]


def movements_in_period(
    *, warehouses: QuerySet[Warehouse], start: date, end: date
) -> QuerySet[StockMovement]:
    return (
        StockMovement.objects.filter(
            warehouse__in=warehouses, at__date__gte=start, at__date__lte=end
        )
        .select_related("warehouse", "item", "lot", "created_by", "dispatch__request")
        .order_by("at", "id")
    )


def distributed(*, requests: QuerySet[LogisticsRequest], by: str = "event") -> list[dict]:
    """Quantities sent and received per event (or per post) and item."""
    key = "dispatch__request__event__name" if by == "event" else "dispatch__request__posko__name"
    return list(
        DispatchLine.objects.filter(dispatch__request__in=requests)
        .values(key, "item__name", "item__unit")
        .annotate(
            sent=Sum("quantity"),
            received=Sum("received_quantity"),
            damaged=Sum("damaged_quantity"),
            returned=Sum("returned_quantity"),
        )
        .order_by(key, "item__name")
    )


@dataclass(frozen=True)
class Alert:
    kind: str  # low_stock | near_expiry | expired
    warehouse: Warehouse | None
    item: Item
    quantity: int
    lot: Lot | None = None


def stock_alerts(
    *, warehouses: QuerySet[Warehouse], on: date | None = None, days: int = NEAR_EXPIRY_DAYS
) -> list[Alert]:
    """Items under their low-stock level (per office total) and lots expiring soon or expired."""
    on = on or timezone.localdate()
    alerts: list[Alert] = []
    if not warehouses.exists():
        return alerts  # no stock kept: nothing can be low (items are shared by every office)
    totals = dict(
        Lot.objects.filter(warehouse__in=warehouses)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
        .values("item_id")
        .annotate(total=Sum("quantity_on_hand"))
        .values_list("item_id", "total")
    )
    for item in Item.objects.filter(is_active=True, min_stock__gt=0):
        total = totals.get(item.pk, 0)
        if total < item.min_stock:
            alerts.append(Alert("low_stock", None, item, total))
    soon = (
        Lot.objects.filter(
            warehouse__in=warehouses,
            quantity_on_hand__gt=0,
            expires_on__isnull=False,
            expires_on__lte=on + timedelta(days=days),
        )
        .select_related("item", "warehouse")
        .order_by("expires_on")
    )
    for lot in soon:
        kind = "expired" if lot.expires_on < on else "near_expiry"
        alerts.append(Alert(kind, lot.warehouse, lot.item, lot.quantity_on_hand, lot))
    return alerts


def logistics_request_for_complaint(code: str) -> LogisticsRequest | None:
    """The request a complaint is about, by its number (LOG-2026-00001) or the engine's code.

    The complaints module calls this to attach a complaint to a request; the complaint is then
    referred along the seed's graph: province office (`request.office`) <-> regency/city office
    (`request.regency_office`) <-> the community/post (`request.posko`, `requester_contact`).
    """
    code = (code or "").strip()
    if not code:
        return None
    found = LogisticsRequest.objects.filter(code__iexact=code).first()
    if found is not None:
        return found
    try:
        from sigap.applications.models import Request
    except ImportError:
        return None
    application = Request.objects.filter(code__iexact=code).only("pk").first()
    if application is None:
        return None
    return LogisticsRequest.objects.filter(application_id=application.pk).first()


def distributed_by_event(*, office, start: datetime, end: datetime) -> list[dict]:
    """Aid an office dispatched in [start, end): per disaster event, its emergency status
    decrees and the items with quantities sent and received. No names of people (public)."""
    lines = (
        DispatchLine.objects.filter(
            dispatch__request__office=office,
            dispatch__created_at__gte=start,
            dispatch__created_at__lt=end,
        )
        .values("dispatch__request__event_id", "item__name", "item__unit")
        .annotate(
            sent=Sum("quantity"),
            received=Sum("received_quantity"),
            dispatches=Count("dispatch", distinct=True),
        )
        .order_by("dispatch__request__event_id", "item__name")
    )
    events = DisasterEvent.objects.in_bulk({r["dispatch__request__event_id"] for r in lines})
    statuses: dict[int, list[dict]] = {}
    for s in EmergencyStatus.objects.filter(event__in=events.values()).order_by("starts_on"):
        statuses.setdefault(s.event_id, []).append(
            {
                "kind": s.kind,
                "kind_label": str(s.get_kind_display()),
                "decree_number": s.decree_number,
                "starts_on": s.starts_on,
                "ends_on": s.ends_on,
            }
        )
    out: dict[int, dict] = {}
    for r in lines:
        event = events[r["dispatch__request__event_id"]]
        entry = out.setdefault(
            event.pk,
            {
                "event": event.name,
                "kind": str(event.get_kind_display()),
                "occurred_on": event.occurred_on,
                "statuses": statuses.get(event.pk, []),
                "items": [],
            },
        )
        entry["items"].append(
            {
                "item": r["item__name"],
                "unit": r["item__unit"],
                "sent": r["sent"] or 0,
                "received": r["received"] or 0,
                "dispatches": r["dispatches"],
            }
        )
    return list(out.values())
