"""What the BPNT records hold about a data subject: eligibility per the seed's requirements,
problem tickets, distribution stages, monitoring visits and education sessions at this office."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.bpnt.models import (
    EducationSession,
    MonitoringVisit,
    ProblemTicket,
    StageBeneficiary,
    VisitTarget,
)
from sigap.bpnt.selectors import bpnt_eligibility
from sigap.privacy.sections import Section, Subject
from sigap.registry.models import Person, Programme

ELIGIBILITY_LABELS = {
    "year": _("budget year"),
    "criteria": _("requirements"),
    "criterion": _("requirement"),
    "met": _("met"),
    "detail": _("detail"),
}
TICKET_LABELS = {
    "number": _("number"),
    "reported_at": _("reported at"),
    "kind": _("problem"),
    "reporter": _("reported by"),
    "description": _("description"),
    "status": _("status"),
    "resolution": _("resolution"),
    "recommendation": _("recommendation letter"),
    "letter_number": _("letter number"),
    "resolved_at": _("resolved at"),
}
STAGE_LABELS = {
    "stage": _("stage"),
    "period": _("period (months)"),
    "distribution_date": _("distribution date"),
    "delivered": _("delivered"),
}
VISIT_LABELS = {
    "visit_date": _("visit date"),
    "findings": _("findings"),
    "food_groups_met": _("food groups met"),
    "follow_up": _("follow-up"),
}
SESSION_LABELS = {"date": _("date"), "topic": _("topic"), "place": _("place")}


def _eligibility(persons, office) -> list[dict]:
    items = []
    for person in persons:
        years = set(
            person.memberships.filter(office=office, programme=Programme.BPNT).values_list(
                "year", flat=True
            )
        ) or {timezone.localdate().year}
        for year in sorted(years, reverse=True):
            criteria = bpnt_eligibility(person, office=office, year=year)
            items.append(
                {
                    "year": year,
                    "criteria": [
                        {"criterion": c.criterion, "met": c.met, "detail": c.detail}
                        for c in criteria
                    ],
                }
            )
    return items


def subject_data(*, subject: Subject, office, user) -> list[Section]:
    if not subject.person_ids:
        return []
    ids = subject.person_ids
    persons = list(Person.objects.filter(pk__in=ids).select_related("family"))
    listed = [p for p in persons if _listed_here([p.pk], office)]
    tickets = list(ProblemTicket.objects.filter(office=office, person_id__in=ids))
    stages = list(
        StageBeneficiary.objects.filter(stage__office=office, person_id__in=ids)
        .select_related("stage")
        .order_by("-stage__year", "-stage__number")
    )
    visits = list(
        MonitoringVisit.objects.filter(
            office=office, target=VisitTarget.BENEFICIARY, person_id__in=ids
        )
    )
    sessions = list(EducationSession.objects.filter(office=office, attendees__in=ids).distinct())
    return [
        Section(
            app="bpnt",
            key="bpnt.eligibility",
            title=_("BPNT: eligibility"),
            labels=ELIGIBILITY_LABELS,
            items=_eligibility(listed, office),
        ),
        Section(
            app="bpnt",
            key="bpnt.tickets",
            title=_("BPNT: problem tickets"),
            labels=TICKET_LABELS,
            items=[
                {
                    "number": str(t),
                    "reported_at": t.created_at,
                    "kind": t.get_kind_display(),
                    "reporter": t.get_reporter_display(),
                    "description": t.description,
                    "status": t.get_status_display(),
                    "resolution": t.resolution,
                    "recommendation": t.get_recommendation_display(),
                    "letter_number": t.document_number,
                    "resolved_at": t.resolved_at,
                }
                for t in tickets
            ],
            sources=tuple(("bpnt.problemticket", str(t.pk)) for t in tickets),
        ),
        Section(
            app="bpnt",
            key="bpnt.stages",
            title=_("BPNT: distribution stages"),
            labels=STAGE_LABELS,
            items=[
                {
                    "stage": str(s.stage),
                    "period": s.stage.period,
                    "distribution_date": s.stage.distribution_date,
                    "delivered": s.delivered,
                }
                for s in stages
            ],
        ),
        Section(
            app="bpnt",
            key="bpnt.visits",
            title=_("BPNT: monitoring visits"),
            labels=VISIT_LABELS,
            items=[
                {
                    "visit_date": v.visit_date,
                    "findings": v.findings,
                    "food_groups_met": v.food_groups_met,
                    "follow_up": v.follow_up,
                }
                for v in visits
            ],
            sources=tuple(("bpnt.monitoringvisit", str(v.pk)) for v in visits),
        ),
        Section(
            app="bpnt",
            key="bpnt.sessions",
            title=_("BPNT: education sessions attended"),
            labels=SESSION_LABELS,
            items=[{"date": s.session_date, "topic": s.topic, "place": s.place} for s in sessions],
        ),
    ]


def _listed_here(person_ids, office) -> bool:
    """Eligibility is worked out only for a person this office has on a programme list or has
    dealt with for BPNT; otherwise the export would compute facts the office never held."""
    from sigap.registry.models import ProgrammeMembership

    return (
        ProgrammeMembership.objects.filter(person_id__in=person_ids, office=office).exists()
        or ProblemTicket.objects.filter(person_id__in=person_ids, office=office).exists()
        or StageBeneficiary.objects.filter(person_id__in=person_ids, stage__office=office).exists()
    )
