"""Staff pages of the warehouse: stock, receipts, transfers, counts, movements, reports, alerts."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from sigap.core.decorators import staff_required
from sigap.logistics.exports import xlsx_response
from sigap.logistics.forms import (
    AdjustForm,
    PeriodForm,
    ReceiptForm,
    ReceiptLineFormSet,
    TransferForm,
)
from sigap.logistics.models import Lot, MovementKind
from sigap.logistics.selectors import (
    distributed,
    movements_in_period,
    requests_for_user,
    stock_alerts,
    stock_report,
    warehouses_for_user,
)
from sigap.logistics.services.stock import (
    ReceiptLine,
    stock_adjust,
    stock_receive,
    stock_transfer,
)
from sigap.logistics.views.common import (
    STOCK_VIEW_ROLES,
    STOCK_WRITE_ROLES,
    add_service_error,
    can,
    lot_for_user,
)


@staff_required(*STOCK_VIEW_ROLES)
def stock(request: HttpRequest) -> HttpResponse:
    warehouses = warehouses_for_user(request.user)
    rows = stock_report(warehouses=warehouses)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            filename=f"stok-{timezone.localdate():%Y%m%d}.xlsx",
            title=_("Stock"),
            header=[
                _("Warehouse"),
                _("Item"),
                _("Unit"),
                _("On hand"),
                _("Expired"),
                _("Next expiry"),
                _("Lots"),
            ],
            rows=[
                [
                    r.warehouse.name,
                    r.item.name,
                    r.item.unit,
                    r.on_hand,
                    r.expired,
                    r.next_expiry,
                    r.lots,
                ]
                for r in rows
            ],
        )
    lots = (
        Lot.objects.filter(warehouse__in=warehouses, quantity_on_hand__gt=0)
        .select_related("item", "warehouse")
        .order_by("warehouse__name", "item__name", "expires_on")
    )
    return render(
        request,
        "logistics/stock.html",
        {
            "rows": rows,
            "lots": lots,
            "can_write": can(request.user, *STOCK_WRITE_ROLES),
            "today": timezone.localdate(),
        },
    )


@staff_required(*STOCK_WRITE_ROLES)
def receipt_new(request: HttpRequest) -> HttpResponse:
    warehouses = warehouses_for_user(request.user).filter(office=request.user.office)
    form = ReceiptForm(
        request.POST or None, warehouses=warehouses, initial={"received_on": timezone.localdate()}
    )
    lines = ReceiptLineFormSet(request.POST or None, prefix="lines")
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        chosen = [
            ReceiptLine(
                item=row["item"],
                quantity=row["quantity"],
                lot_code=row["lot_code"],
                expires_on=row.get("expires_on"),
            )
            for row in lines.cleaned_data
            if row.get("item")
        ]
        try:
            stock_receive(user=request.user, lines=chosen, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Stock received."))
            return redirect("logistics:stock")
    return render(
        request,
        "logistics/receipt_form.html",
        {"form": form, "lines": lines, "title": _("Receive stock")},
    )


@staff_required(*STOCK_WRITE_ROLES)
def transfer_new(request: HttpRequest) -> HttpResponse:
    form = TransferForm(request.POST or None, warehouses=warehouses_for_user(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            stock_transfer(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Stock transferred."))
            return redirect("logistics:stock")
    return render(
        request,
        "logistics/form.html",
        {"form": form, "title": _("Transfer between warehouses")},
    )


@staff_required(*STOCK_WRITE_ROLES)
def lot_adjust(request: HttpRequest, pk: int) -> HttpResponse:
    lot = lot_for_user(request.user, pk)
    form = AdjustForm(request.POST or None, initial={"counted_quantity": lot.quantity_on_hand})
    if request.method == "POST" and form.is_valid():
        try:
            stock_adjust(lot=lot, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Count recorded."))
            return redirect("logistics:stock")
    title = _("Count of %(item)s, lot %(lot)s (%(qty)s on hand)") % {
        "item": lot.item.name,
        "lot": lot.lot_code,
        "qty": lot.quantity_on_hand,
    }
    return render(request, "logistics/form.html", {"form": form, "title": title})


@staff_required(*STOCK_VIEW_ROLES)
def movements(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = PeriodForm(
        request.GET or None, initial={"start": today - timedelta(days=30), "end": today}
    )
    start, end = today - timedelta(days=30), today
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    rows = movements_in_period(warehouses=warehouses_for_user(request.user), start=start, end=end)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            filename=f"mutasi-{start:%Y%m%d}-{end:%Y%m%d}.xlsx",
            title=_("Movements"),
            header=[
                _("At"),
                _("Warehouse"),
                _("Item"),
                _("Lot"),
                _("Kind"),
                _("Quantity"),
                _("Reason"),
                _("Request"),
                _("By"),
            ],
            rows=[
                [
                    m.at,
                    m.warehouse.name,
                    m.item.name,
                    m.lot.lot_code,
                    m.get_kind_display(),
                    m.quantity,
                    m.reason,
                    m.dispatch.request.code if m.dispatch else "",
                    m.created_by.display_name if m.created_by else "",
                ]
                for m in rows
            ],
        )
    return render(
        request,
        "logistics/movements.html",
        {"form": form, "rows": rows[:500], "start": start, "end": end, "kinds": MovementKind},
    )


@staff_required(*STOCK_VIEW_ROLES)
def distribution(request: HttpRequest) -> HttpResponse:
    by = "posko" if request.GET.get("by") == "posko" else "event"
    rows = distributed(requests=requests_for_user(request.user), by=by)
    key = "dispatch__request__event__name" if by == "event" else "dispatch__request__posko__name"
    table = [
        [
            row[key] or "-",
            row["item__name"],
            row["item__unit"],
            row["sent"],
            row["received"] or 0,
            row["damaged"] or 0,
            row["returned"] or 0,
        ]
        for row in rows
    ]
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            filename=f"penyaluran-per-{by}.xlsx",
            title=_("Distribution"),
            header=[
                _("Event") if by == "event" else _("Post"),
                _("Item"),
                _("Unit"),
                _("Sent"),
                _("Received"),
                _("Damaged"),
                _("Returned"),
            ],
            rows=table,
        )
    return render(request, "logistics/distribution.html", {"rows": table, "by": by})


@staff_required(*STOCK_VIEW_ROLES)
def alerts(request: HttpRequest) -> HttpResponse:
    found = stock_alerts(warehouses=warehouses_for_user(request.user))
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            filename="peringatan-stok.xlsx",
            title=_("Alerts"),
            header=[
                _("Alert"),
                _("Warehouse"),
                _("Item"),
                _("Lot"),
                _("Expires on"),
                _("Quantity"),
            ],
            rows=[
                [
                    a.kind,
                    a.warehouse.name if a.warehouse else "",
                    a.item.name,
                    a.lot.lot_code if a.lot else "",
                    a.lot.expires_on if a.lot else "",
                    a.quantity,
                ]
                for a in found
            ],
        )
    return render(request, "logistics/alerts.html", {"alerts": found})
