"""Writes of BPNT monitoring: visits with findings and follow-ups, education sessions."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.bpnt.models import EducationSession, MonitoringVisit, VisitTarget

FOLLOW_UP_NONE = _("This visit has no follow-up to close.")
FOLLOW_UP_DONE = _("The follow-up is already closed.")
ATTENDEES_UNKNOWN = _("These NIK are not known to you: %(niks)s")
ATTENDEES_EMPTY = _("Give at least one NIK.")
ATTENDEES_INVALID = _("Entry %(number)d (%(value)s): %(reason)s")
# One NIK a line; commas and semicolons also separate (a list pasted from a sheet's row). Spaces,
# dots and dashes inside a line belong to the number and are removed by the identity rules.
_LIST_SEPARATORS = re.compile(r"[\r\n,;]+")


def nik_list_parse(text: str) -> list[str]:
    """The NIKs of a pasted list, each through the identity rules; one bad entry refuses the lot
    (a 17-digit entry is an error, never its first 16 digits)."""
    from sigap.identity import normalise_identity_number

    niks, errors = [], []
    for number, raw in enumerate(_LIST_SEPARATORS.split(text or ""), start=1):
        if not raw.strip():
            continue
        try:
            niks.append(normalise_identity_number(raw, length=16))
        except ValidationError as exc:
            reason = exc.messages[0]
            errors.append(
                ATTENDEES_INVALID % {"number": number, "value": raw.strip()[:40], "reason": reason}
            )
    if errors:
        raise ValidationError({"niks": errors[:20]})
    return niks


@transaction.atomic
def visit_record(*, office, visited_by, **fields) -> MonitoringVisit:
    """A visit; the food groups are only checked on a beneficiary's visit."""
    visit = MonitoringVisit(office=office, visited_by=visited_by, **fields)
    if visit.target != VisitTarget.BENEFICIARY:
        visit.carbohydrate = visit.protein = visit.vitamin = visit.mineral = None
    if visit.person_id and not visit.village_code:
        visit.village_code = visit.person.village_code
    visit.full_clean()
    visit.save()
    return visit


@transaction.atomic
def visit_follow_up_close(*, visit: MonitoringVisit) -> MonitoringVisit:
    visit = MonitoringVisit.objects.select_for_update().get(pk=visit.pk)
    if not visit.follow_up:
        raise ValidationError(FOLLOW_UP_NONE)
    if visit.follow_up_done_at:
        raise ValidationError(FOLLOW_UP_DONE)
    visit.follow_up_done_at = timezone.now()
    visit.save(update_fields=["follow_up_done_at", "updated_at"])
    return visit


@transaction.atomic
def session_create(*, office, held_by, **fields) -> EducationSession:
    session = EducationSession(office=office, held_by=held_by, **fields)
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def session_attendance_add(*, session: EducationSession, niks: str, visible) -> int:
    """Adds the persons of the NIK list (any separator); all known or nothing stored."""
    wanted = set(nik_list_parse(niks))
    if not wanted:
        raise ValidationError({"niks": ATTENDEES_EMPTY})
    found = dict(visible.filter(nik__in=wanted).values_list("nik", "pk"))
    missing = sorted(wanted - set(found))
    if missing:
        raise ValidationError({"niks": ATTENDEES_UNKNOWN % {"niks": ", ".join(missing[:20])}})
    session.attendees.add(*found.values())
    return len(found)
