"""Tells the applicant when their request changes status (through sigap.notifications)."""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sigap.applications.models import Request, RequestStatus

logger = logging.getLogger(__name__)


def track_url(request: Request) -> str:
    return settings.SITE_URL + reverse("applications:track", args=[request.code])


def _body(request: Request) -> str:
    lines = [
        _("Request %(code)s for %(service)s: %(status)s.")
        % {
            "code": request.code,
            "service": request.standard.name,
            "status": request.get_status_display(),
        }
    ]
    if request.status == RequestStatus.RETURNED:
        labels = dict(request.standard.requirements.values_list("code", "label"))
        missing = [labels.get(code, code) for code in request.missing]
        if missing:
            lines.append(_("Please bring or send: %(items)s.") % {"items": "; ".join(missing)})
        if request.return_reason:
            lines.append(request.return_reason)
    elif request.status == RequestStatus.REJECTED and request.return_reason:
        lines.append(_("Reason: %(reason)s") % {"reason": request.return_reason})
    elif request.status == RequestStatus.COMPLETED:
        from sigap.applications.letters import survey_url

        survey = survey_url(request)
        if survey:
            lines.append(_("Tell us how we did (SKM survey): %(url)s") % {"url": survey})
    lines.append(_("Follow it at %(url)s") % {"url": track_url(request)})
    return "\n".join(lines)


def status_changed(request: Request) -> None:
    """Queues a message to the applicant's contacts; never blocks or fails the request."""
    if not (request.contact_email or request.contact_phone):
        return
    try:
        from sigap.notifications.services import notification_send
    except ImportError:  # notifications not installed in this deployment: nothing to send
        logger.warning("sigap.notifications missing: request %s not notified", request.code)
        return

    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your request %(code)s: %(status)s") % {
            "code": request.code,
            "status": request.get_status_display(),
        }
        body = _body(request)
    notification_send(
        subject_obj=request,
        email=request.contact_email,
        phone=request.contact_phone,
        subject=subject,
        body=body,
        key=f"request:{request.code}:{request.version}:{request.status}",
    )
