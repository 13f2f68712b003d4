"""Staff pages of emergency logistics under /staff/logistics/ (phone first)."""

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sigap.core.decorators import staff_required
from sigap.logistics.models import Dispatch, DispatchStatus, RequestStatus
from sigap.logistics.selectors import (
    events_open_for_requests,
    requests_for_user,
    stock_alerts,
    warehouses_for_user,
)
from sigap.logistics.views.common import LOGISTICS_ROLES, STOCK_VIEW_ROLES, can


@staff_required(*LOGISTICS_ROLES)
def dashboard(request: HttpRequest) -> HttpResponse:
    counts = dict(
        requests_for_user(request.user)
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    show_stock = can(request.user, *STOCK_VIEW_ROLES)
    in_transit = Dispatch.objects.filter(
        status=DispatchStatus.IN_TRANSIT, request__in=requests_for_user(request.user)
    ).select_related("request", "request__posko", "warehouse")
    return render(
        request,
        "logistics/dashboard.html",
        {
            "events": events_open_for_requests(request.user),
            "counts": [
                (value, label, counts.get(value, 0)) for value, label in RequestStatus.choices
            ],
            "alert_count": len(stock_alerts(warehouses=warehouses_for_user(request.user)))
            if show_stock
            else None,
            "show_stock": show_stock,
            "in_transit": in_transit,
        },
    )
