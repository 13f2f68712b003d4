"""What the requests hold about a data subject: the requests of this office they filed (or whose
tracking code they hold), with status, dates, checklist, uploads, history and issued documents."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sigap.applications import selectors
from sigap.applications.models import Request
from sigap.privacy.sections import Section, Subject

LABELS = {
    "code": _("tracking code"),
    "service": _("service"),
    "product": _("product"),
    "applicant": _("applicant"),
    "organisation_contact": _("contact person"),
    "channel": _("channel"),
    "status": _("status"),
    "submitted_at": _("submitted"),
    "due_at": _("due"),
    "completed_at": _("completed"),
    "return_reason": _("reason for return or rejection"),
    "contact_email": _("e-mail for updates"),
    "contact_phone": _("phone for updates"),
    "recorded": _("recorded data"),
    "checklist": _("requirements"),
    "uploads": _("files received"),
    "history": _("history"),
    "documents": _("issued documents"),
    # Nested columns.
    "step": _("step"),
    "field": _("field"),
    "value": _("value"),
    "requirement": _("requirement"),
    "note": _("note"),
    "file_name": _("file name"),
    "size": _("size (bytes)"),
    "at": _("at"),
    "action": _("action"),
    "title": _("title"),
    "number": _("number"),
}


def _requests(subject: Subject, office):
    if not (subject.person_ids or subject.codes):
        return Request.objects.none()
    return Request.objects.filter(office=office).filter(
        Q(applicant_person_id__in=subject.person_ids) | Q(code__in=subject.codes)
    )


def identify(subject: Subject, *, office, user) -> Subject:
    """A tracking code names its applicant; the subject's requests name their codes."""
    by_code = Request.objects.filter(office=office, code__in=subject.codes)
    subject = subject.adding(
        person_ids=[pk for pk in by_code.values_list("applicant_person_id", flat=True) if pk]
    )
    found = list(_requests(subject, office).values_list("pk", "code"))
    return subject.adding(
        references=[code for _, code in found],
        records=[("applications.request", pk) for pk, _ in found],
    )


def _recorded(req: Request) -> list[dict]:
    return [
        {"step": step, "field": name, "value": str(value)}
        for step, data in sorted((req.step_data or {}).items())
        if isinstance(data, dict)
        for name, value in data.items()
    ]


def _item(req: Request) -> dict:
    from sigap.documents.selectors import documents_for_subject

    return {
        "code": req.code,
        "service": req.standard.name,
        "product": getattr(req.product, "label", req.product_code),
        "applicant": req.applicant_name,
        "organisation_contact": req.org_contact_name,
        "channel": req.get_channel_display(),
        "status": req.get_status_display(),
        "submitted_at": req.submitted_at,
        "due_at": req.due_at,
        "completed_at": req.completed_at,
        "return_reason": req.return_reason,
        "contact_email": req.contact_email,
        "contact_phone": req.contact_phone,
        "recorded": _recorded(req),
        "checklist": [
            {
                "requirement": item["label"],
                "status": item["status_label"],
                "value": item["value"],
                "note": item["note"],
            }
            for item in selectors.checklist(req)
        ],
        "uploads": [
            {"file_name": u.original_name, "size": u.size, "at": u.created_at}
            for u in req.uploads.all()
        ],
        # Who acted is staff data and their notes are internal: the steps and statuses only.
        "history": [
            {
                "at": e.at,
                "action": selectors.action_label(e.action),
                "status": e.get_to_status_display(),
            }
            for e in req.events.all()
        ],
        "documents": [
            {
                "title": d.title,
                "number": d.number,
                "at": d.issued_at,
                "status": d.get_status_display(),
            }
            for d in documents_for_subject(req)
        ],
    }


def subject_data(*, subject: Subject, office, user) -> list[Section]:
    requests = list(_requests(subject, office).select_related("standard").order_by("created_at"))
    return [
        Section(
            app="applications",
            key="applications.requests",
            title=_("Requests for services"),
            labels=LABELS,
            items=[_item(r) for r in requests],
            note=_("Copies of the files handed in can be asked for at the office."),
            sources=tuple(("applications.request", str(r.pk)) for r in requests),
        )
    ]
