"""The Berita Acara Serah Terima Barang (BAST) of a handover, issued through sigap.documents.

The body is the `bast-goods` document template shipped in `document_templates/`; the documents
app numbers it in the outgoing-mail agenda and prints the verification QR.
"""

import base64

from django.db import transaction
from django.utils import timezone

from sigap.logistics.models import Handover

TEMPLATE_CODE = "bast-goods"


def _data_uri(field) -> str:
    if not field:
        return ""
    field.open("rb")
    try:
        return "data:image/png;base64," + base64.b64encode(field.read()).decode()
    finally:
        field.close()


def bast_context(handover: Handover) -> dict:
    """Plain data for the template (it renders with nothing else, autoescaped)."""
    dispatch = handover.dispatch
    request = dispatch.request
    giver = handover.handed_over_by
    return {
        "place": handover.place,
        "handed_over_at": timezone.localtime(handover.handed_over_at),
        "request_code": request.code,
        "event_name": request.event.name,
        "letter_number": request.letter_number,
        "vehicle": dispatch.vehicle,
        "driver": dispatch.driver_name,
        "note": handover.note,
        "giver": {
            "name": giver.display_name if giver else "",
            "position": (giver.position.name if giver and giver.position else "")
            or "Petugas Dinas Sosial",
            "nip": (giver.nip or "") if giver else "",
        },
        "recipient": {
            "name": handover.recipient_name,
            "position": handover.recipient_position,
            "organisation": request.posko.name if request.posko else request.requester_name,
            "signature": _data_uri(handover.signature),
        },
        "items": [
            {
                "name": line.item.name,
                "unit": line.item.unit,
                "lot": line.lot.lot_code,
                "expires_on": line.lot.expires_on,
                "sent": line.quantity,
                "received": line.received_quantity or 0,
                "damaged": line.damaged_quantity,
                "returned": line.returned_quantity,
                "lost": line.lost_quantity,
            }
            for line in dispatch.lines.select_related("item", "lot")
        ],
    }


@transaction.atomic
def bast_issue(*, handover: Handover, user) -> Handover:
    """Issues the BAST PDF (numbered, with QR) and links it to the handover."""
    from sigap.documents.services import document_issue

    request = handover.dispatch.request
    document = document_issue(
        office=request.office,
        template_code=TEMPLATE_CODE,
        title=f"BAST bantuan logistik {request.code}",
        subject=handover,
        context=bast_context(handover),
        issued_by=user,
        signer=None,
        register=True,
        recipient=request.posko.name if request.posko else request.requester_name,
    )
    handover.document_id = document.pk
    handover.document_number = document.number
    handover.save(update_fields=["document_id", "document_number", "updated_at"])
    return handover


def bast_file(handover: Handover):
    """The stored PDF of a handover's BAST, or None."""
    if not handover.document_id:
        return None
    from sigap.documents.selectors import documents_for_subject

    document = documents_for_subject(handover).filter(pk=handover.document_id).first()
    return document.file if document else None
