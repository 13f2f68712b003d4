"""Writes: putting messages in the outbox and delivering them with retries.

`notification_send` is what other apps call when something the applicant should know happens;
it never raises because a gateway is down, and the same `key` never sends twice.
"""

import logging
import re
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from sigap.notifications import gateways
from sigap.notifications.models import Channel, Notification, NotificationStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF_BASE_SECONDS = 60  # 1, 2, 4, 8, 16 minutes between attempts
# A row stuck in "sending" this long belongs to a worker that died: it may be retried.
STALE_SENDING = timedelta(minutes=10)
DEFAULT_PHONE_CHANNELS = (Channel.SMS,)
SMS_MAX_CHARS = 640  # four concatenated SMS parts; longer texts are cut with an ellipsis

_PHONE_CLEAN = re.compile(r"[\s\-().]")


def normalise_phone(phone: str) -> str:
    """Indonesian numbers in international form: "0812-3456 7890" -> "+6281234567890"."""
    value = _PHONE_CLEAN.sub("", phone or "")
    if value.startswith("+"):
        digits = value[1:]
    elif value.startswith("62"):
        digits = value
    elif value.startswith("0"):
        digits = "62" + value[1:]
    else:
        return ""
    if not digits.isdigit() or not 9 <= len(digits) <= 15:
        return ""
    return "+" + digits


def _valid_email(email: str) -> str:
    email = (email or "").strip()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        return ""
    return email


def _recipients(*, email: str, phone: str, channels: list[str] | None) -> list[tuple[str, str]]:
    wanted = list(channels) if channels is not None else [Channel.EMAIL, *DEFAULT_PHONE_CHANNELS]
    email, phone = _valid_email(email), normalise_phone(phone)
    pairs = []
    for channel in dict.fromkeys(wanted):
        if channel == Channel.EMAIL and email:
            pairs.append((Channel.EMAIL, email))
        elif channel in (Channel.SMS, Channel.WHATSAPP) and phone:
            pairs.append((Channel(channel), phone))
    return pairs


def notification_send(
    *,
    subject_obj=None,
    email: str = "",
    phone: str = "",
    subject: str,
    body: str,
    channels: list[str] | None = None,
    key: str = "",
) -> list[Notification]:
    """Queues one message per channel that has a valid recipient; delivery runs after commit.

    `channels` None means e-mail plus SMS. With a `key` (e.g. f"request:{pk}:status:done"),
    calling again returns the rows of the first call and sends nothing new. Invalid or
    missing addresses are skipped (and logged), never raised.
    """
    pairs = _recipients(email=email, phone=phone, channels=channels)
    if not pairs:
        logger.info("notification %r has no usable recipient", key or subject)
        return []
    related_type = ContentType.objects.get_for_model(subject_obj) if subject_obj else None
    office_id = getattr(subject_obj, "office_id", None)
    base_key = key or f"auto:{uuid.uuid4().hex}"
    rows: list[Notification] = []
    for channel, recipient in pairs:
        row = _create_once(
            idempotency_key=f"{base_key}:{channel}"[:200],
            defaults={
                "office_id": office_id,
                "channel": channel,
                "recipient": recipient,
                "subject": subject[:200],
                "body": body,
                "related_type": related_type,
                "related_id": str(subject_obj.pk) if subject_obj is not None else "",
            },
        )
        rows.append(row)
        if row.status == NotificationStatus.PENDING and row.attempts == 0:
            transaction.on_commit(lambda pk=row.pk: _enqueue(pk))
    return rows


def _create_once(*, idempotency_key: str, defaults: dict) -> Notification:
    existing = Notification.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Notification.objects.create(idempotency_key=idempotency_key, **defaults)
    except IntegrityError:
        # Another process queued the same event at the same moment: theirs is the one.
        return Notification.objects.get(idempotency_key=idempotency_key)


def _enqueue(pk: int) -> None:
    from sigap.notifications.tasks import deliver_notification

    try:
        deliver_notification.enqueue(pk)
    except Exception:  # the queue being down must not break the request; the timer retries
        logger.exception("could not enqueue notification %s; the periodic retry will send it", pk)


def _claimable(now) -> Q:
    due = Q(status=NotificationStatus.PENDING, next_attempt_at__lte=now)
    stale = Q(status=NotificationStatus.SENDING, claimed_at__lt=now - STALE_SENDING)
    return due | stale


def _claim(pk: int) -> bool:
    """Atomically moves a due row to "sending"; False if another worker has it or it is done."""
    now = timezone.now()
    claimed = Notification.objects.filter(_claimable(now), pk=pk).update(
        status=NotificationStatus.SENDING, claimed_at=now, updated_at=now
    )
    return bool(claimed)


def _claim_due(*, limit: int) -> list[int]:
    """Claims up to `limit` due rows; parallel runners skip each other's locked rows."""
    now = timezone.now()
    with transaction.atomic():
        queryset = Notification.objects.filter(_claimable(now)).order_by("next_attempt_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            queryset = queryset.select_for_update(skip_locked=True)
        ids = list(queryset.values_list("pk", flat=True)[:limit])
        Notification.objects.filter(pk__in=ids).update(
            status=NotificationStatus.SENDING, claimed_at=now, updated_at=now
        )
    return ids


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0))


def notification_deliver(*, pk: int) -> str:
    """Tries to send one row once; returns its status afterwards. Never raises on gateway errors."""
    if not _claim(pk):
        return Notification.objects.filter(pk=pk).values_list("status", flat=True).first() or ""
    return _send_claimed(pk)


def notification_deliver_due(*, limit: int = 200) -> dict[str, int]:
    """Sends every due row (first attempts that missed the queue, and retries): status counts."""
    counts: dict[str, int] = {}
    for pk in _claim_due(limit=limit):
        status = _send_claimed(pk)
        counts[status] = counts.get(status, 0) + 1
    return counts


def _send_claimed(pk: int) -> str:
    row = Notification.objects.get(pk=pk)
    try:
        if row.channel == Channel.EMAIL:
            gateways.send_email(to=row.recipient, subject=row.subject, body=row.body)
        else:
            text = row.body if len(row.body) <= SMS_MAX_CHARS else row.body[: SMS_MAX_CHARS - 1]
            gateways.send_phone_message(to=row.recipient, body=text, channel=row.channel)
    except Exception as exc:  # any failure is recorded on the row, never raised to the caller
        return _record_failure(row, exc)
    now = timezone.now()
    Notification.objects.filter(pk=pk).update(
        status=NotificationStatus.SENT,
        sent_at=now,
        attempts=row.attempts + 1,
        last_error="",
        claimed_at=None,
        updated_at=now,
    )
    return NotificationStatus.SENT


def _record_failure(row: Notification, exc: Exception) -> str:
    attempts = row.attempts + 1
    now = timezone.now()
    status = NotificationStatus.FAILED if attempts >= MAX_ATTEMPTS else NotificationStatus.PENDING
    if not isinstance(exc, gateways.DeliveryError):
        logger.exception("unexpected error delivering notification %s", row.pk)
    Notification.objects.filter(pk=row.pk).update(
        status=status,
        attempts=attempts,
        last_error=str(exc)[:500],
        next_attempt_at=now + backoff(attempts),
        claimed_at=None,
        updated_at=now,
    )
    return status


@transaction.atomic
def notification_retry_now(*, notification: Notification) -> Notification:
    """An administrator asks for a failed row to be tried again from the start."""
    Notification.objects.filter(
        pk=notification.pk, status__in=[NotificationStatus.FAILED, NotificationStatus.PENDING]
    ).update(status=NotificationStatus.PENDING, attempts=0, next_attempt_at=timezone.now())
    notification.refresh_from_db()
    transaction.on_commit(lambda: _enqueue(notification.pk))
    return notification
