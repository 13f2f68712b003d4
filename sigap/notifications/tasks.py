"""The delivery task: one outbox row, one attempt (retries are scheduled on the row itself)."""

from django.tasks import task

from sigap.notifications.services import notification_deliver


@task(queue_name="default")
def deliver_notification(notification_id: int) -> str:
    return notification_deliver(pk=notification_id)
