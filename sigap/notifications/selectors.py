"""Reads: the outbox as an administrator may see it, and counts by status."""

from django.db.models import Count, QuerySet

from sigap.core.access import scope_for_user
from sigap.notifications.models import Notification, NotificationStatus


def notifications_for_user(user, *, status: str = "") -> QuerySet[Notification]:
    queryset = scope_for_user(Notification.objects.all(), user)
    if status in NotificationStatus.values:
        queryset = queryset.filter(status=status)
    return queryset.select_related("related_type")


def status_counts(user) -> dict[str, int]:
    rows = scope_for_user(Notification.objects.all(), user).values("status").annotate(n=Count("pk"))
    counts = {value: 0 for value in NotificationStatus.values}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts
