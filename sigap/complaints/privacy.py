"""What the complaints hold about a data subject: the complaints they filed with their name.

An anonymous complaint is never linked to anyone, whatever the request says. A named complaint
holds no NIK, so it is linked by its tracking code (which the complainant holds), or when the
complainant's name AND phone or e-mail are exactly those the registry holds for the subject: a
name alone, or a phone a family shares, could hand over someone else's complaint.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sigap.complaints.models import Complaint
from sigap.privacy.sections import Section, Subject, phone_digits, same_name

LABELS = {
    "code": _("tracking code"),
    "received_on": _("received on"),
    "channel": _("channel"),
    "subject": _("subject"),
    "body": _("complaint"),
    "name": _("name"),
    "phone": _("phone / WhatsApp"),
    "email": _("e-mail"),
    "address": _("address"),
    "status": _("status"),
    "rating": _("rating of the answer"),
    "rating_comment": _("comment on the answer"),
    "answers": _("answers given"),
    "at": _("at"),
    "kind": _("kind"),
    "text": _("text"),
}


def _held_by(office):
    return (
        Complaint.objects.filter(Q(office=office) | Q(involved_offices=office))
        .filter(anonymous=False)
        .distinct()
    )


def _is_theirs(complaint: Complaint, subject: Subject) -> bool:
    if complaint.code in subject.codes:
        return True
    phone = phone_digits(complaint.complainant_phone)
    email = complaint.complainant_email.casefold()
    return any(
        same_name(contact.name, complaint.complainant_name)
        and (
            (phone and phone == phone_digits(contact.phone))
            or (email and email == contact.email.casefold())
        )
        for contact in subject.contacts
    )


def _candidates(subject: Subject, office):
    match = Q(code__in=subject.codes)
    for contact in subject.contacts:
        if contact.phone or contact.email:
            match |= Q(complainant_name__iexact=" ".join(contact.name.split()))
    return _held_by(office).filter(match)


def _complaints(subject: Subject, office) -> list[Complaint]:
    if not (subject.codes or subject.contacts):
        return []
    return [c for c in _candidates(subject, office) if _is_theirs(c, subject)]


def identify(subject: Subject, *, office, user) -> Subject:
    """The subject's named complaints, so messages sent about them are found too."""
    return subject.adding(
        records=[("complaints.complaint", c.pk) for c in _complaints(subject, office)]
    )


def subject_data(*, subject: Subject, office, user) -> list[Section]:
    complaints = _complaints(subject, office)
    return [
        Section(
            app="complaints",
            key="complaints.filed",
            title=_("Complaints filed"),
            labels=LABELS,
            items=[
                {
                    "code": c.code,
                    "received_on": c.received_on,
                    "channel": c.get_channel_display(),
                    "subject": c.subject,
                    "body": c.body,
                    "name": c.complainant_name,
                    "phone": c.complainant_phone,
                    "email": c.complainant_email,
                    "address": c.complainant_address,
                    "status": c.get_status_display(),
                    "rating": c.rating,
                    "rating_comment": c.rating_comment,
                    # What the complainant was told (public steps), not the internal handling.
                    "answers": [
                        {"at": e.at, "kind": e.get_kind_display(), "text": e.text}
                        for e in c.events.filter(public=True)
                    ],
                }
                for c in sorted(complaints, key=lambda c: (c.received_on, c.pk))
            ],
            note=_("Anonymous complaints are never linked to a person."),
            sources=tuple(("complaints.complaint", str(c.pk)) for c in complaints),
        )
    ]
