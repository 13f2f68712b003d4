"""The outbox through the API, for administrators: what was sent, what failed, send again."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from sigap.api.auth import STAFF_AUTH
from sigap.api.errors import ConflictError
from sigap.core.access import get_for_user, require_role
from sigap.notifications.access import OUTBOX_ROLES
from sigap.notifications.models import Notification, NotificationStatus
from sigap.notifications.selectors import notifications_for_user
from sigap.notifications.services import notification_retry_now

router = Router(tags=["notifications"])

MSG_ALREADY_SENT = "This message has already been sent."


class NotificationOut(Schema):
    id: int
    channel: str
    recipient: str  # masked, as on the outbox page
    subject: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str
    sent_at: datetime | None


def _out(n: Notification) -> dict:
    return {
        "id": n.pk,
        "channel": n.channel,
        "recipient": n.masked_recipient,
        "subject": n.subject,
        "status": n.status,
        "attempts": n.attempts,
        "next_attempt_at": n.next_attempt_at,
        "last_error": n.last_error,
        "sent_at": n.sent_at,
    }


@router.get("/notifications", response=list[NotificationOut], auth=STAFF_AUTH)
def notification_list(request: HttpRequest, status: str = "", limit: int = 100, offset: int = 0):
    """The office's outbox, newest first (filter by status: pending, sent, failed ...)."""
    require_role(request.auth, *OUTBOX_ROLES)
    limit, offset = max(1, min(limit, 500)), max(0, offset)
    rows = notifications_for_user(request.auth, status=status).order_by("-pk")
    return [_out(n) for n in rows[offset : offset + limit]]


@router.post("/notifications/{notification_id}/retry", response=NotificationOut, auth=STAFF_AUTH)
def notification_retry(request: HttpRequest, notification_id: int):
    """Tries a failed or waiting message again from the start; a sent one is a 409."""
    require_role(request.auth, *OUTBOX_ROLES)
    notification = get_for_user(Notification, request.auth, pk=notification_id)
    if notification.status == NotificationStatus.SENT:
        raise ConflictError(MSG_ALREADY_SENT, code="already_sent")
    return _out(notification_retry_now(notification=notification))
