"""The administrators' view of the outbox: what was sent, what waits, what failed and why."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sigap.core.access import get_for_user
from sigap.core.decorators import staff_required
from sigap.notifications.access import OUTBOX_ROLES
from sigap.notifications.models import Notification, NotificationStatus
from sigap.notifications.selectors import notifications_for_user, status_counts
from sigap.notifications.services import notification_retry_now


@staff_required(*OUTBOX_ROLES)
def outbox(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    counts = status_counts(request.user)
    page = Paginator(notifications_for_user(request.user, status=status), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/outbox.html",
        {
            "page": page,
            "status": status,
            "statuses": [
                (value, label, counts[value]) for value, label in NotificationStatus.choices
            ],
        },
    )


@require_POST
@staff_required(*OUTBOX_ROLES)
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_for_user(Notification, request.user, pk=pk)
    if notification.status == NotificationStatus.SENT:
        messages.warning(request, _("This message has already been sent."))
    else:
        notification_retry_now(notification=notification)
        messages.success(request, _("The message will be sent again."))
    return redirect("notifications:outbox")
