"""Reads of BPNT: eligibility per the seed, tickets and stages for a user, dashboard figures."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from sigap.accounts.roles import Role
from sigap.bpnt.models import DistributionStage, ProblemTicket, StageBeneficiary, TicketStatus
from sigap.core.access import get_for_user, has_role, scope_for_user
from sigap.registry.models import Programme, ProgrammeMembership

DISTRICT_CODE_LENGTH = 8  # "PP.KK.CC"


@dataclass(frozen=True)
class Criterion:
    criterion: str
    met: bool
    detail: str


def regency_nik_prefix(office) -> str:
    """'33.14' -> '3314': the first four digits of a NIK issued in the office's regency."""
    return (office.region_code or "").replace(".", "")[:4]


def bpnt_membership(person, *, year: int) -> ProgrammeMembership | None:
    return (
        ProgrammeMembership.objects.filter(person=person, programme=Programme.BPNT, year=year)
        .select_related("office")
        .first()
    )


def bpnt_eligibility(person, *, office, year: int) -> list[Criterion]:
    """The four requirements of the seed, each met or not, with a short reason."""
    prefix = regency_nik_prefix(office)
    nik = person.nik or ""
    ktp_met = bool(nik) and len(prefix) == 4 and nik.startswith(prefix)
    family = person.family if person.family_id else None
    membership = bpnt_membership(person, year=year)
    dtks = bool(membership and membership.dtks_listed)
    sp2d = bool(membership and membership.sp2d_listed)
    return [
        Criterion(
            str(_("KTP of the regency")),
            ktp_met,
            str(_("NIK issued in the regency"))
            if ktp_met
            else str(_("NIK missing or issued outside the regency")),
        ),
        Criterion(
            str(_("Family card (KK)")),
            bool(family and family.kk_number),
            str(_("KK recorded")) if family else str(_("No KK recorded")),
        ),
        Criterion(
            str(_("Listed in DTKS/DTSEN")),
            dtks,
            (
                str(_("Listed since %(date)s")) % {"date": membership.dtks_date}
                if dtks and membership.dtks_date
                else str(_("Listed"))
            )
            if dtks
            else str(_("Not listed for %(year)s")) % {"year": year},
        ),
        Criterion(
            str(_("Listed in the SP2D payment data")),
            sp2d,
            (membership.get_channel_display() or str(_("Listed")))
            if sp2d
            else str(_("Not in the SP2D data for %(year)s")) % {"year": year},
        ),
    ]


def is_eligible(criteria: list[Criterion]) -> bool:
    return all(c.met for c in criteria)


# Roles that see every ticket of the office; a social companion sees only their own.
TICKET_SUPERVISOR_ROLES = (
    Role.BACK_OFFICE,
    Role.VERIFIER,
    Role.HEAD_OF_DIVISION,
    Role.HEAD_OF_OFFICE,
)


def tickets_for_user(user) -> QuerySet[ProblemTicket]:
    """The office's tickets; a companion (without a supervising role) sees the tickets
    assigned to them or that they recorded."""
    tickets = scope_for_user(
        ProblemTicket.objects.select_related("person", "assigned_to", "office"), user
    )
    if user.is_superuser or has_role(user, *TICKET_SUPERVISOR_ROLES):
        return tickets
    return tickets.filter(Q(assigned_to=user) | Q(created_by=user))


def ticket_get_for_user(user, pk) -> ProblemTicket:
    return get_for_user(tickets_for_user(user), user, pk=pk)


def tickets_open_by_district(*, office) -> list[dict]:
    """Tickets not yet resolved, per district code (dashboard helper)."""
    rows = (
        ProblemTicket.objects.filter(office=office)
        .exclude(status=TicketStatus.RESOLVED)
        .annotate(district_code=Substr("village_code", 1, DISTRICT_CODE_LENGTH))
        .values("district_code")
        .annotate(open=Count("id"))
        .order_by("district_code")
    )
    return [{"district_code": r["district_code"], "open": r["open"]} for r in rows]


def stages_for_user(user) -> QuerySet[DistributionStage]:
    return scope_for_user(DistributionStage.objects.select_related("office"), user)


def stage_get_for_user(user, pk) -> DistributionStage:
    return get_for_user(stages_for_user(user), user, pk=pk)


def stage_counts_by_village(stage) -> dict[str, list[dict]]:
    """{district_code: [{village_code, total, delivered, undelivered}]} of a stage."""
    rows = (
        StageBeneficiary.objects.filter(stage=stage)
        .values("village_code")
        .annotate(
            total=Count("id"),
            delivered_n=Count("id", filter=_q(True)),
            undelivered_n=Count("id", filter=_q(False)),
        )
        .order_by("village_code")
    )
    out: dict[str, list[dict]] = {}
    for r in rows:
        code = r["village_code"] or ""
        out.setdefault(code[:DISTRICT_CODE_LENGTH], []).append(
            {
                "village_code": code,
                "total": r["total"],
                "delivered": r["delivered_n"],
                "undelivered": r["undelivered_n"],
            }
        )
    return out


def _q(value: bool) -> Q:
    return Q(delivered=value)


def stage_beneficiaries(
    stage, *, village_code: str = "", delivered: bool | None = None, unreported: bool = False
):
    """A stage's KPM by village and name, optionally one village (or district) and one delivery
    result; `unreported` keeps those the bank or PT Pos has not reported on yet."""
    rows = stage.beneficiaries.select_related("person").order_by("village_code", "person__name")
    if village_code:
        rows = rows.filter(village_code__startswith=village_code)
    if unreported:
        return rows.filter(delivered__isnull=True)
    if delivered is not None:
        rows = rows.filter(delivered=delivered)
    return rows


def letters_for_user(user) -> QuerySet:
    """The office's BPNT letter drafts; a companion sees those of the tickets they may see."""
    from sigap.bpnt.models import LetterDraft

    letters = scope_for_user(
        LetterDraft.objects.select_related(
            "office", "ticket", "stage", "drafted_by", "initialled_by", "signed_by"
        ),
        user,
    )
    if user.is_superuser or has_role(user, *TICKET_SUPERVISOR_ROLES, Role.SECTION_HEAD):
        return letters
    return letters.filter(Q(ticket__in=tickets_for_user(user)) | Q(drafted_by=user))


def letter_get_for_user(user, pk):
    return get_for_user(letters_for_user(user), user, pk=pk)


def letters_awaiting(user) -> QuerySet:
    """The drafts waiting for this head: the Kepala Bidang's paraf or signature, the Kepala
    Dinas's signature once initialled."""
    from sigap.bpnt.models import LetterStatus

    waiting = []
    if user.is_superuser or has_role(user, Role.HEAD_OF_DIVISION):
        waiting = [LetterStatus.AWAITING_INITIALS, LetterStatus.INITIALLED]
    elif has_role(user, Role.HEAD_OF_OFFICE):
        waiting = [LetterStatus.INITIALLED]
    return letters_for_user(user).filter(status__in=waiting)
