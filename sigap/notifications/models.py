"""The outbox: every message to an applicant is a row first, then delivered by a task.

A row is never lost when a gateway is down: it stays pending with the error and a later
attempt time, and the periodic `send_notifications` command retries it.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.core.models import BaseModel


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Notification(BaseModel):
    """One message on one channel to one recipient."""

    office = models.ForeignKey(
        "accounts.Office",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("office"),
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("message"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=NotificationStatus.choices,
        default=NotificationStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # The same event (e.g. "request 42 moved to step 3") on the same channel is sent once.
    idempotency_key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    related_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    related_id = models.CharField(max_length=64, blank=True)
    related = GenericForeignKey("related_type", "related_id")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notification_due"),
            models.Index(fields=["related_type", "related_id"], name="notification_related"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="notification_sent_has_time",
            ),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.channel} #{self.pk} {self.status}"

    @property
    def masked_recipient(self) -> str:
        """Enough to recognise the recipient without exposing the whole address or number."""
        value = self.recipient
        if "@" in value:
            name, _at, domain = value.partition("@")
            return f"{name[:2]}***@{domain}"
        return f"{value[:4]}****{value[-3:]}" if len(value) > 7 else "****"
