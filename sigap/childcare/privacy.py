"""What the child-protection cases hold about a data subject who is (or was) a child in care.

Why a child's case is exported differently from every other record:
- The right of access (UU 27/2022) is the child's, exercised for a child by a parent or guardian.
  But a case exists because nobody cared for the child, or because the child suffered violence
  or is at risk from people around it (seed 003) - often the very parent or guardian who would
  ask. The child's best interest (UU 23/2002 as amended on child protection) comes first.
- So the case policy (`sigap.childcare.access`) applies on top of the privacy rule: a case is
  exported only by an officer who may open it (`can_open`: its assigned staff, the Kepala
  Bidang, the head of office). For anyone else the case is not mentioned at all, so the export
  cannot reveal that a case exists, exactly as the case pages answer 404.
- When the request is made by a parent, guardian or representative, the case is left out
  entirely - not even "a case exists", which could tell an abusive parent that the child was
  taken into care. The export's general note tells every requester to ask the head of office
  about a child's case; disclosure is then decided on the case itself, by the staff who know
  the child's situation.
- Even for the child (now grown up, or old enough to ask), the export holds the facts of the
  case - number, status, referral letter, service period, outcome - and NOT: the evidence of
  the eligibility conditions (it names other people, often the ones the child was protected
  from), the assessment, health certificate, notes and reviews, the consent giver, nor the
  centre where the child lives while the case is open. Those are given, if at all, through
  the case by its social worker.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sigap.childcare.access import can_open
from sigap.childcare.models import Case, CaseStatus
from sigap.privacy.sections import Section, Subject

LABELS = {
    "code": _("case number"),
    "status": _("status"),
    "referring_office": _("referring office"),
    "referral_number": _("request letter number"),
    "referral_date": _("request letter date"),
    "service_starts_on": _("service starts"),
    "service_ends_on": _("service ends"),
    "centre": _("centre"),
    "outcome": _("outcome"),
    "outcome_on": _("outcome date"),
}
WITHHELD = _(
    "The evidence, assessment, health certificate, notes, reviews and the consent are not part "
    "of this export; the social worker of the case decides what of them can be given safely."
)


def _cases(subject: Subject, office, user) -> list[Case]:
    if not (subject.person_ids or subject.codes):
        return []
    cases = Case.objects.filter(office=office).filter(
        Q(child_id__in=subject.person_ids) | Q(code__in=subject.codes)
    )
    return [case for case in cases.select_related("referring_office") if can_open(user, case)]


def identify(subject: Subject, *, office, user) -> Subject:
    """A case number names its child, for an officer who may open that case, and only when the
    child asks: resolving it for a parent would show in the export that the number is a case."""
    if subject.relation != "self" or not subject.codes:
        return subject
    by_code = [c for c in _cases(subject, office, user) if c.code in subject.codes]
    return subject.adding(person_ids=[case.child_id for case in by_code])


def _item(case: Case) -> dict:
    placement = getattr(case, "placement", None)
    closed = case.status == CaseStatus.CLOSED
    return {
        "code": case.code,
        "status": case.get_status_display(),
        "referring_office": case.referring_office.name if case.referring_office_id else "",
        "referral_number": case.referral_number,
        "referral_date": case.referral_date,
        "service_starts_on": case.service_starts_on,
        "service_ends_on": case.service_ends_on,
        # Where the child lives is given only once the case is closed.
        "centre": placement.centre.name if closed and placement is not None else "",
        "outcome": case.get_outcome_display(),
        "outcome_on": case.outcome_on,
    }


def subject_data(*, subject: Subject, office, user) -> list[Section]:
    if subject.relation != "self":
        return []
    cases = _cases(subject, office, user)
    if not cases:
        return []
    return [
        Section(
            app="childcare",
            key="childcare.cases",
            title=_("Child-protection cases"),
            labels=LABELS,
            items=[_item(case) for case in cases],
            note=WITHHELD,
            sources=tuple(("childcare.case", str(case.pk)) for case in cases),
        )
    ]
