"""Reads: the complaints officer's queue with due and overdue items, the public view of a
complaint (no personal data), and the follow-up export for SP4N-LAPOR!."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from sigap.complaints.deadlines import current_due, days_left, office_days_off
from sigap.complaints.models import OPEN_STATUSES, Complaint, ComplaintEvent, EventKind

# An item is "due soon" when its deadline is this many working days away or fewer.
DUE_SOON_WORKING_DAYS = 2


@dataclass
class QueueItem:
    complaint: Complaint
    stage: str
    due: date
    days_left: int

    @property
    def state(self) -> str:
        if self.days_left < 0:
            return "overdue"
        if self.days_left <= DUE_SOON_WORKING_DAYS:
            return "due"
        return "ok"


# The public complaint lookups (page and API) share one rate limit (core.ratelimit).
LOOKUP_SPACE = "complaint"


def normalise_complaint_code(raw: str) -> str:
    """What a person typed, as stored ("adu 7kq2..." -> "ADU-7KQ2..."); "" when unreadable."""
    letters = "".join(ch for ch in (raw or "").upper() if ch.isascii() and ch.isalnum())[:16]
    if letters.startswith("ADU") and len(letters) > 3:
        return f"ADU-{letters[3:]}"
    return letters


def complaint_by_public_code(raw: str) -> Complaint | None:
    """The complaint a typed or linked code names, or None (never an error on odd input)."""
    code = normalise_complaint_code(raw)
    if not code:
        return None
    return Complaint.objects.select_related("office", "standard").filter(code=code).first()


def complaint_queue(office, *, today: date | None = None) -> list[QueueItem]:
    """Open complaints the office holds, most urgent first."""
    today = today or timezone.localdate()
    off = office_days_off(office)
    items = []
    for complaint in Complaint.objects.filter(office=office, status__in=OPEN_STATUSES):
        stage = current_due(complaint)
        if stage is None:
            continue
        items.append(QueueItem(complaint, stage[0], stage[1], days_left(complaint, today, off)))
    return sorted(items, key=lambda item: (item.due, item.complaint.code))


def public_events(complaint: Complaint) -> list[ComplaintEvent]:
    return list(complaint.events.filter(public=True).select_related("office", "to_office"))


def complaint_public_data(complaint: Complaint) -> dict:
    """What anyone holding the tracking code may see: no name, contact or internal notes."""
    return {
        "code": complaint.code,
        "status": complaint.status,
        "status_label": str(complaint.get_status_display()),
        "channel": complaint.channel,
        "office": complaint.office.name,
        "service": complaint.standard.name if complaint.standard_id else None,
        "received_on": complaint.received_on,
        "answer_due": complaint.answer_due,
        "complete_due": complaint.complete_due,
        "completed_at": complaint.completed_at,
        "rating": complaint.rating,
        "events": [
            {
                "at": event.at,
                "kind": event.kind,
                "kind_label": str(event.get_kind_display()),
                "office": event.office.name,
                "to_office": event.to_office.name if event.to_office_id else None,
                "text": event.text,
            }
            for event in public_events(complaint)
        ],
    }


# The columns of the SP4N-LAPOR! follow-up export, in order (see the README of the app).
LAPOR_COLUMNS = (
    ("lapor_number", "Nomor Tracking LAPOR"),
    ("sigap_code", "Kode Pengaduan Sigap"),
    ("received_on", "Tanggal Diterima"),
    ("status", "Status"),
    ("lapor_status", "Status LAPOR"),
    ("last_response_on", "Tanggal Tindak Lanjut"),
    ("response", "Isi Tindak Lanjut"),
    ("completed_on", "Tanggal Selesai"),
    ("rating", "Penilaian Pelapor"),
)

# How our statuses map onto the stages SP4N-LAPOR! shows.
_LAPOR_STATUS = {
    "received": "Belum Terverifikasi",
    "verified": "Terverifikasi",
    "rejected": "Diarsipkan",
    "disposed": "Terdisposisi",
    "follow_up": "Ditindaklanjuti",
    "completed": "Selesai",
}


def lapor_export_rows(office, *, since: date | None = None) -> list[dict]:
    """One row per complaint received through SP4N-LAPOR! that the office handled."""
    qs = (
        Complaint.objects.filter(involved_offices=office, channel="lapor")
        .exclude(lapor_number="")
        .order_by("received_on", "id")
    )
    if since:
        qs = qs.filter(received_on__gte=since)
    rows = []
    for complaint in qs.distinct():
        responses = [
            e
            for e in complaint.events.all()
            if e.public and e.kind in (EventKind.RESPONSE, EventKind.COMPLETED, EventKind.REJECTED)
        ]
        last = responses[-1] if responses else None
        rows.append(
            {
                "lapor_number": complaint.lapor_number,
                "sigap_code": complaint.code,
                "received_on": complaint.received_on.isoformat(),
                "status": complaint.status,
                "lapor_status": _LAPOR_STATUS[complaint.status],
                "last_response_on": timezone.localdate(last.at).isoformat() if last else "",
                "response": "\n\n".join(e.text for e in responses),
                "completed_on": (
                    timezone.localdate(complaint.completed_at).isoformat()
                    if complaint.completed_at
                    else ""
                ),
                "rating": complaint.rating or "",
            }
        )
    return rows
