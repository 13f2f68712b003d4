"""What the logistics records hold about a data subject: logistics requests of theirs (through
their request or the number they hold) and the goods handed over on them (the BAST).

Handovers name a recipient only by name and phone, often an official of a posko or village:
they are linked to a person only through a request of theirs, never by a name that could be
someone else's.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sigap.logistics.models import Handover, LogisticsRequest
from sigap.privacy.sections import Section, Subject

LABELS = {
    "number": _("number"),
    "event": _("disaster"),
    "requester_kind": _("requested by"),
    "requester_name": _("requester name"),
    "requester_contact": _("requester contact"),
    "letter_number": _("request letter number"),
    "letter_date": _("request letter date"),
    "people_affected": _("people affected"),
    "status": _("status"),
    "handover": _("handover (BAST)"),
    "handed_over_at": _("handed over at"),
    "place": _("place"),
    "recipient_name": _("recipient name"),
    "recipient_position": _("recipient position"),
    "recipient_phone": _("recipient phone"),
    "bast_number": _("BAST number"),
    "items": _("goods received"),
    "item": _("item"),
    "quantity": _("quantity"),
    "received": _("received"),
}


def _received(line) -> int:
    return line.quantity if line.received_quantity is None else line.received_quantity


def _handover(request: LogisticsRequest) -> list[dict]:
    handover = Handover.objects.filter(dispatch__request=request).first()
    if handover is None:
        return []
    lines = handover.dispatch.lines.select_related("item")
    return [
        {
            "handed_over_at": handover.handed_over_at,
            "place": handover.place,
            "recipient_name": handover.recipient_name,
            "recipient_position": handover.recipient_position,
            "recipient_phone": handover.recipient_phone,
            "bast_number": handover.document_number,
            "items": ", ".join(f"{line.item} × {_received(line)}" for line in lines),
        }
    ]


def subject_data(*, subject: Subject, office, user) -> list[Section]:
    application_ids = [int(pk) for pk in subject.record_ids("applications.request")]
    match = Q(application_id__in=application_ids)
    if subject.codes:
        match |= Q(code__in=subject.codes)
    requests = list(
        LogisticsRequest.objects.filter(Q(office=office) | Q(regency_office=office))
        .filter(match)
        .select_related("event")
        .order_by("created_at")
    )
    return [
        Section(
            app="logistics",
            key="logistics.requests",
            title=_("Emergency logistics requests and handovers"),
            labels=LABELS,
            items=[
                {
                    "number": r.code or "",
                    "event": str(r.event),
                    "requester_kind": r.get_requester_kind_display(),
                    "requester_name": r.requester_name,
                    "requester_contact": r.requester_contact,
                    "letter_number": r.letter_number,
                    "letter_date": r.letter_date,
                    "people_affected": r.people_affected,
                    "status": r.get_status_display(),
                    "handover": _handover(r),
                }
                for r in requests
            ],
            sources=tuple(("logistics.logisticsrequest", str(r.pk)) for r in requests),
        )
    ]
