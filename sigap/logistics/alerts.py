"""Sends the stock alerts (low stock, near expiry, expired) to each office's warehouse officers."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from sigap.accounts.models import Office
from sigap.accounts.roles import Role
from sigap.core.access import users_with_role
from sigap.logistics.models import Warehouse
from sigap.logistics.selectors import Alert, stock_alerts


def alert_text(alert: Alert) -> str:
    if alert.kind == "low_stock":
        return _("Low stock: %(item)s, %(qty)s %(unit)s left (level %(level)s).") % {
            "item": alert.item.name,
            "qty": alert.quantity,
            "unit": alert.item.unit,
            "level": alert.item.min_stock,
        }
    template = (
        _("Expired: %(item)s lot %(lot)s in %(warehouse)s, %(qty)s %(unit)s (since %(date)s).")
        if alert.kind == "expired"
        else _("Expires soon: %(item)s lot %(lot)s in %(warehouse)s, %(qty)s %(unit)s on %(date)s.")
    )
    return template % {
        "item": alert.item.name,
        "lot": alert.lot.lot_code,
        "warehouse": alert.warehouse.name,
        "qty": alert.quantity,
        "unit": alert.item.unit,
        "date": alert.lot.expires_on.strftime("%d-%m-%Y"),
    }


def stock_alerts_send(*, days: int = 30) -> dict[str, int]:
    """One message per office with warehouses; returns {office code: number of alerts}.

    The key makes a second run on the same day send nothing new.
    """
    try:
        from sigap.notifications.services import notification_send
    except ImportError:  # notifications not installed: report only
        notification_send = None
    sent: dict[str, int] = {}
    today = timezone.localdate()
    office_ids = Warehouse.objects.values_list("office_id", flat=True).distinct()
    for office in Office.objects.filter(pk__in=office_ids):
        found = stock_alerts(warehouses=Warehouse.objects.filter(office=office), days=days)
        sent[office.code] = len(found)
        if not found or notification_send is None:
            continue
        with override("id"):
            subject = _("Stock alerts of %(office)s") % {"office": office.name}
            body = "\n".join(alert_text(alert) for alert in found)
        for user in users_with_role(office, [Role.WAREHOUSE_OFFICER]):
            notification_send(
                subject_obj=user,
                email=user.email,
                phone=user.phone,
                subject=subject,
                body=body,
                key=f"logistics:stock-alerts:{office.code}:{user.pk}:{today:%Y%m%d}",
            )
    return sent
