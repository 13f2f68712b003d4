"""What the outbox holds about a data subject: the messages sent about their records (requests,
complaints) by this office, with the address or number they went to."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sigap.notifications.models import Notification
from sigap.privacy.sections import Section, Subject

# The records whose messages belong to the subject (the `records` the other apps identified).
RELATED = ("applications.request", "complaints.complaint")
LABELS = {
    "created_at": _("created at"),
    "channel": _("channel"),
    "recipient": _("recipient"),
    "subject": _("subject"),
    "body": _("message"),
    "status": _("status"),
    "sent_at": _("sent at"),
}


def _match(subject: Subject) -> Q | None:
    match = None
    for label in RELATED:
        ids = subject.record_ids(label)
        if not ids:
            continue
        app_label, model = label.split(".")
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
        part = Q(related_type=content_type, related_id__in=ids)
        match = part if match is None else match | part
    return match


def subject_data(*, subject: Subject, office, user) -> list[Section]:
    match = _match(subject)
    if match is None:
        return []
    messages = list(Notification.objects.filter(office=office).filter(match).order_by("created_at"))
    return [
        Section(
            app="notifications",
            key="notifications.sent",
            title=_("Messages sent"),
            labels=LABELS,
            items=[
                {
                    "created_at": n.created_at,
                    "channel": n.get_channel_display(),
                    "recipient": n.recipient,
                    "subject": n.subject,
                    "body": n.body,
                    "status": n.get_status_display(),
                    "sent_at": n.sent_at,
                }
                for n in messages
            ],
            sources=tuple(("notifications.notification", str(n.pk)) for n in messages),
        )
    ]
