"""Writes of the complaint flow: receive, verify or reject, dispose, refer, respond, meet,
complete, rate and reopen. Each keeps the history and notifies the complainant where it should."""

import hashlib
import secrets
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sigap.api.errors import ConflictError
from sigap.complaints.access import require_act
from sigap.complaints.deadlines import due_dates
from sigap.complaints.models import (
    Channel,
    Complaint,
    ComplaintEvent,
    ComplaintSettings,
    EventKind,
    OfficeDayOff,
    Status,
)
from sigap.core.codes import tracking_code
from sigap.notifications import services as notifications

# Message constants tests check.
WRONG_STATUS = _("This complaint is not at a stage where this can be done.")
REASON_REQUIRED = _("Give the reason why this is not a complaint.")
TEXT_REQUIRED = _("Write the text.")
REFER_NOT_ALLOWED = _(
    "A complaint can be referred only between a province office and a regency/city office under it."
)
UNIT_OTHER_OFFICE = _("The unit is not part of this office.")
RATING_RANGE = _("The rating must be between 1 and 5.")
SECRET_WRONG = _("This link is not valid for this complaint.")
CONTACT_NEEDED = _(
    "Give a phone number or e-mail so that we can answer you, or choose to stay anonymous."
)
LAPOR_NUMBER_REQUIRED = _("Enter the SP4N-LAPOR! tracking number.")


def _new_code() -> str:
    while True:
        code = tracking_code(prefix="ADU-")
        if not Complaint.objects.filter(code=code).exists():
            return code


def complainant_secret(code: str) -> str:
    """The complainant's secret for rating and reopening, derived from the code with the site's
    SECRET_KEY, so every notification can carry it again without storing it."""
    return salted_hmac("sigap.complaints.complainant", code, algorithm="sha256").hexdigest()[:32]


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def tracking_url(complaint: Complaint, secret: str = "") -> str:
    url = settings.SITE_URL + reverse("complaints:track", kwargs={"code": complaint.code})
    return f"{url}?k={secret}" if secret else url


def _notify(complaint: Complaint, subject: str, body: str, key: str) -> None:
    """Tells the complainant (if reachable) through the notifications outbox."""
    if complaint.anonymous or not (complaint.complainant_email or complaint.complainant_phone):
        return
    notifications.notification_send(
        subject_obj=complaint,
        email=complaint.complainant_email,
        phone=complaint.complainant_phone,
        subject=subject,
        body=body,
        key=key,
    )


def _event(complaint: Complaint, kind: str, *, by=None, **fields) -> ComplaintEvent:
    return ComplaintEvent.objects.create(
        complaint=complaint, kind=kind, office=complaint.office, actor=by, **fields
    )


def _require_status(complaint: Complaint, *allowed: str) -> None:
    if complaint.status not in allowed:
        raise ConflictError(str(WRONG_STATUS), code="wrong_status")


@transaction.atomic
def complaint_receive(
    *,
    office,
    channel: str,
    subject: str,
    body: str,
    anonymous: bool = False,
    confidential: bool = False,
    name: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
    standard=None,
    request_code: str = "",
    lapor_number: str = "",
    received_on: date | None = None,
    by=None,
) -> tuple[Complaint, str]:
    """Records a complaint from any channel; returns it and the complainant's secret.

    Anonymous complaints store no identity at all: whatever was typed is dropped here.
    """
    if anonymous:
        name = phone = email = address = ""
        confidential = False
    elif by is None and not (phone.strip() or email.strip()):
        raise ValidationError({"phone": [CONTACT_NEEDED]})
    if channel == Channel.LAPOR and not lapor_number.strip():
        raise ValidationError({"lapor_number": [LAPOR_NUMBER_REQUIRED]})
    received_on = received_on or timezone.localdate()
    request_code = normalise_request_code(request_code)
    request = _resolve_request(office, request_code)
    if standard is None and request is not None:
        standard = request.standard
    code = _new_code()
    secret = complainant_secret(code)
    complaint = Complaint(
        code=code,
        secret_digest=secret_digest(secret),
        office=office,
        origin_office=office,
        standard=standard,
        request_code=request_code,
        request=request,
        channel=channel,
        lapor_number=lapor_number.strip(),
        subject=subject.strip(),
        body=body.strip(),
        anonymous=anonymous,
        confidential=confidential,
        complainant_name=name.strip(),
        complainant_phone=phone.strip(),
        complainant_email=email.strip(),
        complainant_address=address.strip(),
        received_on=received_on,
        created_by=by,
        **due_dates(office, received_on),
    )
    complaint.full_clean()
    complaint.save()
    complaint.involved_offices.add(office)
    _event(complaint, EventKind.RECEIVED, by=by, public=True)
    _notify(
        complaint,
        gettext("Your complaint %(code)s has been received") % {"code": complaint.code},
        gettext("Follow it at %(url)s") % {"url": tracking_url(complaint, secret)},
        key=f"complaint-{complaint.code}-received",
    )
    return complaint, secret


def normalise_request_code(raw: str) -> str:
    """As sigap.applications stores tracking codes: upper case, letters and digits only."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())[:20]


def _resolve_request(office, code: str):
    """The request with this tracking code at this office, or None (the code is kept as typed)."""
    if not code:
        return None
    from django.apps import apps

    try:
        from sigap.applications import selectors
    except ImportError:
        return None
    finder = getattr(selectors, "request_by_code", None)
    if finder is not None:
        found = finder(code)
    else:
        found = apps.get_model("applications", "Request").objects.filter(code=code).first()
    return found if found is not None and found.office_id == office.pk else None


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


@transaction.atomic
def complaint_verify(
    *, complaint: Complaint, by, standard=None, request_code: str = ""
) -> Complaint:
    complaint = _locked(complaint)
    require_act(by, complaint)
    _require_status(complaint, Status.RECEIVED)
    complaint.status = Status.VERIFIED
    complaint.verified_at = timezone.now()
    if standard is not None:
        complaint.standard = standard
    if request_code:
        complaint.request_code = normalise_request_code(request_code)
        complaint.request = _resolve_request(complaint.office, complaint.request_code)
        if complaint.request is not None and complaint.standard_id is None:
            complaint.standard = complaint.request.standard
    complaint.full_clean()
    complaint.save()
    _event(complaint, EventKind.VERIFIED, by=by, public=True)
    return complaint


@transaction.atomic
def complaint_reject(*, complaint: Complaint, by, reason: str) -> Complaint:
    """Closes a message that is not a complaint (e.g. a question, spam), with the reason."""
    complaint = _locked(complaint)
    require_act(by, complaint)
    _require_status(complaint, Status.RECEIVED)
    if not reason.strip():
        raise ValidationError({"reason": [REASON_REQUIRED]})
    complaint.status = Status.REJECTED
    complaint.rejection_reason = reason.strip()
    complaint.save()
    _event(complaint, EventKind.REJECTED, by=by, text=reason.strip(), public=True)
    _notify(
        complaint,
        gettext("Your complaint %(code)s") % {"code": complaint.code},
        reason.strip(),
        key=f"complaint-{complaint.code}-rejected",
    )
    return complaint


@transaction.atomic
def complaint_dispose(*, complaint: Complaint, by, unit, note: str = "") -> Complaint:
    """Disposition to the unit of this office responsible for the matter."""
    complaint = _locked(complaint)
    require_act(by, complaint)
    _require_status(complaint, Status.VERIFIED, Status.DISPOSED, Status.FOLLOW_UP)
    if unit.office_id != complaint.office_id:
        raise ValidationError({"unit": [UNIT_OTHER_OFFICE]})
    complaint.unit = unit
    if complaint.status == Status.VERIFIED:
        complaint.status = Status.DISPOSED
    complaint.save()
    _event(complaint, EventKind.DISPOSED, by=by, to_unit=unit, text=note.strip())
    return complaint


def referral_targets(office) -> list:
    """Seed 000's graph: province <-> its regency/city offices, both ways."""
    from sigap.accounts.models import Office

    targets = list(Office.objects.filter(parent=office))
    if office.parent_id:
        targets.append(office.parent)
    return targets


@transaction.atomic
def complaint_refer(*, complaint: Complaint, by, to_office, note: str = "") -> Complaint:
    """Hands the complaint to the province or regency/city office; both keep its history."""
    complaint = _locked(complaint)
    require_act(by, complaint)
    _require_status(complaint, Status.VERIFIED, Status.DISPOSED, Status.FOLLOW_UP)
    if to_office.pk not in {o.pk for o in referral_targets(complaint.office)}:
        raise ValidationError({"to_office": [REFER_NOT_ALLOWED]})
    _event(
        complaint, EventKind.REFERRED, by=by, to_office=to_office, text=note.strip(), public=True
    )
    complaint.office = to_office
    complaint.unit = None
    complaint.status = Status.VERIFIED
    complaint.save()
    complaint.involved_offices.add(to_office)
    return complaint


@transaction.atomic
def complaint_respond(
    *, complaint: Complaint, by, text: str, public: bool = True, kind: str = EventKind.RESPONSE
) -> ComplaintEvent:
    """A response to the complainant (public) or an action/note recorded on the file."""
    complaint = _locked(complaint)
    require_act(by, complaint)
    _require_status(complaint, Status.VERIFIED, Status.DISPOSED, Status.FOLLOW_UP)
    if kind not in (EventKind.RESPONSE, EventKind.ACTION, EventKind.NOTE):
        raise ValidationError({"kind": [WRONG_STATUS]})
    if not text.strip():
        raise ValidationError({"text": [TEXT_REQUIRED]})
    public = public and kind != EventKind.NOTE
    event = _event(complaint, kind, by=by, text=text.strip(), public=public)
    complaint.status = Status.FOLLOW_UP
    if public and complaint.answered_at is None:
        complaint.answered_at = timezone.now()
    complaint.save()
    if public:
        _notify(
            complaint,
            gettext("A response to your complaint %(code)s") % {"code": complaint.code},
            text.strip() + "\n\n" + tracking_url(complaint),
            key=f"complaint-{complaint.code}-event-{event.pk}",
        )
    return event


@transaction.atomic
def complaint_record_meeting(
    *, complaint: Complaint, by, held_on: date, attendees: str, minutes: str
) -> ComplaintEvent:
    """The complaint discussion meeting (rapat pembahasan pengaduan, seed 003) and its minutes."""
    complaint = _locked(complaint)
    require_act(by, complaint)
    _require_status(complaint, Status.VERIFIED, Status.DISPOSED, Status.FOLLOW_UP)
    if not minutes.strip():
        raise ValidationError({"minutes": [TEXT_REQUIRED]})
    event = _event(
        complaint,
        EventKind.MEETING,
        by=by,
        meeting_on=held_on,
        attendees=attendees.strip(),
        text=minutes.strip(),
    )
    complaint.status = Status.FOLLOW_UP
    complaint.save()
    return event


@transaction.atomic
def complaint_complete(*, complaint: Complaint, by, summary: str) -> Complaint:
    complaint = _locked(complaint)
    require_act(by, complaint)
    _require_status(complaint, Status.VERIFIED, Status.DISPOSED, Status.FOLLOW_UP)
    if not summary.strip():
        raise ValidationError({"summary": [TEXT_REQUIRED]})
    complaint.status = Status.COMPLETED
    complaint.completed_at = timezone.now()
    complaint.answered_at = complaint.answered_at or complaint.completed_at
    complaint.save()
    _event(complaint, EventKind.COMPLETED, by=by, text=summary.strip(), public=True)
    _notify(
        complaint,
        gettext("Your complaint %(code)s is completed") % {"code": complaint.code},
        summary.strip()
        + "\n\n"
        + gettext("Please rate the answer on the tracking page: %(url)s")
        % {"url": tracking_url(complaint, complainant_secret(complaint.code))},
        key=f"complaint-{complaint.code}-completed-{complaint.reopened_count}",
    )
    return complaint


def _check_caller(complaint: Complaint, *, by, secret: str) -> None:
    if by is not None:
        require_act(by, complaint)
    elif not secret or not secrets.compare_digest(secret_digest(secret), complaint.secret_digest):
        raise ValidationError(SECRET_WRONG, code="secret")


@transaction.atomic
def complaint_rate(
    *, complaint: Complaint, rating: int, comment: str = "", secret: str = "", by=None
) -> Complaint:
    """The complainant's rating of the answer (1-5), by their secret link or recorded by staff."""
    complaint = _locked(complaint)
    _check_caller(complaint, by=by, secret=secret)
    _require_status(complaint, Status.COMPLETED)
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": [RATING_RANGE]})
    complaint.rating = rating
    complaint.rating_comment = comment.strip()[:1000]
    complaint.save()
    _event(complaint, EventKind.RATED, by=by, text=f"{rating}/5", public=True)
    return complaint


@transaction.atomic
def complaint_reopen(*, complaint: Complaint, reason: str, secret: str = "", by=None) -> Complaint:
    """Reopens a completed complaint (the complainant is not satisfied, or new facts)."""
    complaint = _locked(complaint)
    _check_caller(complaint, by=by, secret=secret)
    _require_status(complaint, Status.COMPLETED)
    if not reason.strip():
        raise ValidationError({"reason": [TEXT_REQUIRED]})
    complaint.status = Status.FOLLOW_UP
    complaint.completed_at = None
    complaint.rating = None
    complaint.rating_comment = ""
    complaint.reopened_count += 1
    complaint.save()
    _event(complaint, EventKind.REOPENED, by=by, text=reason.strip()[:2000], public=True)
    return complaint


# --- office settings -----------------------------------------------------------------------


def complaint_settings_for(office) -> ComplaintSettings:
    return ComplaintSettings.objects.get_or_create(office=office)[0]


@transaction.atomic
def complaint_settings_update(*, office, **fields) -> ComplaintSettings:
    """Sets the office's deadlines per stage (the fields of ComplaintSettings)."""
    conf = complaint_settings_for(office)
    for name, value in fields.items():
        setattr(conf, name, value)
    conf.full_clean()
    conf.save()
    return conf


@transaction.atomic
def office_day_off_set(*, office, day: date, name: str) -> OfficeDayOff:
    """Adds a day the office is closed (cuti bersama), or renames it."""
    row, _created = OfficeDayOff.objects.update_or_create(
        office=office, day=day, defaults={"name": name}
    )
    return row


def office_day_off_remove(*, office, day_id: int) -> int:
    """Removes one of the office's days off; the number removed (0: not the office's)."""
    return OfficeDayOff.objects.filter(office=office, pk=day_id).delete()[0]
