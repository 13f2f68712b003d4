"""Staff pages of emergency logistics."""

from django.urls import path

from sigap.logistics import views
from sigap.logistics.views import events, requests, stock

app_name = "logistics"

urlpatterns = [
    path("staff/logistics/", views.dashboard, name="dashboard"),
    path("staff/logistics/events/", events.event_list, name="event_list"),
    path("staff/logistics/events/new", events.event_new, name="event_new"),
    path("staff/logistics/events/<int:pk>/", events.event_detail, name="event_detail"),
    path("staff/logistics/events/<int:pk>/status", events.event_status, name="event_status"),
    path("staff/logistics/events/<int:pk>/posts/new", events.posko_new, name="posko_new"),
    path("staff/logistics/requests/", requests.request_list, name="request_list"),
    path("staff/logistics/requests/new", requests.request_new, name="request_new"),
    path("staff/logistics/requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("staff/logistics/requests/<int:pk>/step", requests.request_step, name="request_step"),
    path("staff/logistics/requests/<int:pk>/bast.pdf", requests.request_bast, name="request_bast"),
    path(
        "staff/logistics/requests/<int:pk>/files/<slug:kind>",
        requests.request_file,
        name="request_file",
    ),
    path("staff/logistics/stock/", stock.stock, name="stock"),
    path("staff/logistics/stock/receive", stock.receipt_new, name="receipt_new"),
    path("staff/logistics/stock/transfer", stock.transfer_new, name="transfer_new"),
    path("staff/logistics/stock/lots/<int:pk>/count", stock.lot_adjust, name="lot_adjust"),
    path("staff/logistics/movements/", stock.movements, name="movements"),
    path("staff/logistics/distribution/", stock.distribution, name="distribution"),
    path("staff/logistics/alerts/", stock.alerts, name="alerts"),
]
