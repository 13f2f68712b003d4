"""What the cash help records hold about a data subject: the help this office gave them."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sigap.cashaid.models import CashAid
from sigap.privacy.sections import Section, Subject

LABELS = {
    "request": _("tracking code"),
    "nik": _("NIK"),
    "police_letter_number": _("police letter number"),
    "police_letter_date": _("police letter date"),
    "incident_date": _("date of the incident"),
    "incident_place": _("place of the incident"),
    "incident_text": _("what happened"),
    "destination": _("home (destination)"),
    "next_office": _("next office on the route"),
    "amount": _("amount (Rp)"),
    "amount_paid": _("amount paid (Rp)"),
    "paid_at": _("paid at"),
    "receipt": _("kwitansi"),
    "active": _("active"),
}


def subject_data(*, subject: Subject, office, user) -> list[Section]:
    match = Q(request_id__in=[int(pk) for pk in subject.record_ids("applications.request")])
    if subject.nik:
        match |= Q(nik=subject.nik)
    aids = list(
        CashAid.objects.filter(office=office)
        .filter(match)
        .select_related("request", "next_office", "receipt")
        .order_by("created_at")
    )
    return [
        Section(
            app="cashaid",
            key="cashaid.help",
            title=_("Cash help (kehabisan bekal)"),
            labels=LABELS,
            items=[
                {
                    "request": aid.request.code,
                    "nik": aid.nik,
                    "police_letter_number": aid.police_letter_number,
                    "police_letter_date": aid.police_letter_date,
                    "incident_date": aid.incident_date,
                    "incident_place": aid.incident_place,
                    "incident_text": aid.incident_text,
                    "destination": aid.destination,
                    "next_office": aid.next_office_label,
                    "amount": int(aid.amount),
                    "amount_paid": int(aid.amount_paid) if aid.amount_paid is not None else None,
                    "paid_at": aid.paid_at,
                    "receipt": aid.receipt.number if aid.receipt_id else "",
                    "active": aid.active,
                }
                for aid in aids
            ],
            sources=tuple(("cashaid.cashaid", str(aid.pk)) for aid in aids),
        )
    ]
