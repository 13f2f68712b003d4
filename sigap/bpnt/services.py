"""Writes of BPNT: problem tickets to their recommendation letter, stages and Camat notices."""

import csv
import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.accounts.roles import Role
from sigap.bpnt.companions import companion_for_village
from sigap.bpnt.models import (
    DistributionStage,
    ProblemTicket,
    Recommendation,
    StageBeneficiary,
    TicketStatus,
)
from sigap.bpnt.selectors import bpnt_membership, stage_counts_by_village
from sigap.core.access import has_role
from sigap.registry.models import MembershipStatus, Person, Programme, ProgrammeMembership

ASSIGNEE_NOT_COMPANION = _("Assign the ticket to a social companion of this office.")
TICKET_NOT_OPEN = _("Only an open ticket can be taken up.")
TICKET_ALREADY_RESOLVED = _("This ticket is already resolved.")
RESOLUTION_REQUIRED = _("Write how the problem was resolved.")
STAGE_EXISTS = _("This stage already exists for the budget year.")
STAGE_EMPTY = _("No beneficiaries are listed in the SP2D data for this year.")
DELIVERY_FILE_INVALID = _("Row %(row)s: %(reason)s")
DELIVERY_NIK_UNKNOWN = _("NIK not on this stage's list")
DELIVERY_FLAG_INVALID = _("the delivered column must be 1/0, ya/tidak or yes/no")
DELIVERY_FILE_EMPTY = _("The file has no rows with NIK and delivered columns.")

_TRUE = {"1", "ya", "y", "yes", "true", "tersalur"}
_FALSE = {"0", "tidak", "t", "no", "n", "false", "tidak tersalur"}


def _check_assignee(office, assignee) -> None:
    if (
        assignee is None
        or assignee.office_id != office.pk
        or not assignee.is_active
        or not has_role(assignee, Role.SOCIAL_COMPANION)
    ):
        raise ValidationError({"assigned_to": ASSIGNEE_NOT_COMPANION})


@transaction.atomic
def ticket_create(
    *,
    office,
    person: Person,
    kind: str,
    reporter: str,
    description: str,
    created_by,
    assigned_to=None,
) -> ProblemTicket:
    """Records a problem and assigns it to the social companion of the beneficiary's area.

    Staff may name the companion; otherwise the area mapping decides, and a ticket in an area
    nobody covers stays unassigned (its page says so) until a head assigns it.
    """
    if assigned_to is not None:
        _check_assignee(office, assigned_to)
    else:
        assigned_to = companion_for_village(office=office, village_code=person.village_code)
    ticket = ProblemTicket(
        office=office,
        person=person,
        village_code=person.village_code,
        kind=kind,
        reporter=reporter,
        description=(description or "").strip(),
        assigned_to=assigned_to,
        created_by=created_by,
    )
    ticket.full_clean()
    ticket.save()
    return ticket


@transaction.atomic
def ticket_assign(*, ticket: ProblemTicket, assigned_to) -> ProblemTicket:
    """Hands an unresolved ticket to another companion of its office (or a first one)."""
    ticket = ProblemTicket.objects.select_for_update().get(pk=ticket.pk)
    if ticket.status == TicketStatus.RESOLVED:
        raise ValidationError(TICKET_ALREADY_RESOLVED)
    _check_assignee(ticket.office, assigned_to)
    ticket.assigned_to = assigned_to
    ticket.save(update_fields=["assigned_to", "updated_at"])
    return ticket


@transaction.atomic
def ticket_start(*, ticket: ProblemTicket, user) -> ProblemTicket:
    ticket = ProblemTicket.objects.select_for_update().get(pk=ticket.pk)
    if ticket.status != TicketStatus.OPEN:
        raise ValidationError(TICKET_NOT_OPEN)
    ticket.status = TicketStatus.IN_PROGRESS
    ticket.save(update_fields=["status", "updated_at"])
    return ticket


@transaction.atomic
def ticket_resolve(
    *, ticket: ProblemTicket, user, resolution: str, recommendation: str = ""
) -> ProblemTicket:
    """Closes the ticket; with a recommendation, drafts the letter to the bank or PT Pos and the
    ticket waits for the Kepala Bidang or Kepala Dinas to sign it (sigap.bpnt.letters)."""
    from sigap.bpnt.letters import recommendation_draft

    ticket = ProblemTicket.objects.select_for_update().get(pk=ticket.pk)
    if ticket.status in (TicketStatus.RESOLVED, TicketStatus.AWAITING_LETTER):
        raise ValidationError(TICKET_ALREADY_RESOLVED)
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError({"resolution": RESOLUTION_REQUIRED})
    ticket.resolution = resolution
    ticket.recommendation = recommendation or Recommendation.NONE
    if ticket.recommendation:
        ticket.status = TicketStatus.AWAITING_LETTER
    else:
        ticket.status = TicketStatus.RESOLVED
        ticket.resolved_at = timezone.now()
    ticket.full_clean()
    ticket.save()
    if ticket.recommendation:
        recommendation_draft(ticket=ticket, user=user, context=_recommendation_context(ticket))
    return ticket


def _recommendation_context(ticket: ProblemTicket) -> dict:
    person = ticket.person
    membership = bpnt_membership(person, year=ticket.created_at.year)
    if ticket.recommendation == Recommendation.POS:
        recipient = "Kepala Kantor PT Pos Indonesia"
    else:
        bank = membership.bank if membership and membership.bank else "Himbara"
        recipient = f"Pimpinan Bank {bank}"
    return {
        "recipient": recipient,
        "ticket_code": f"BPNT-{ticket.pk}",
        "beneficiary": {
            "name": person.name,
            "nik": person.nik or "",
            "address": person.address,
            "kks_number": membership.kks_number if membership else "",
        },
        "problem": ticket.get_kind_display(),
        "description": ticket.description,
        "resolution": ticket.resolution,
    }


@transaction.atomic
def stage_create(
    *, office, year: int, number: int, period: str = "", distribution_date=None
) -> DistributionStage:
    """A stage with its list: the office's active BPNT members of the year in the SP2D data."""
    if DistributionStage.objects.filter(office=office, year=year, number=number).exists():
        raise ValidationError({"number": STAGE_EXISTS})
    members = ProgrammeMembership.objects.filter(
        office=office,
        programme=Programme.BPNT,
        year=year,
        sp2d_listed=True,
        status=MembershipStatus.ACTIVE,
    ).values_list("person_id", "person__village_code")
    stage = DistributionStage(
        office=office,
        year=year,
        number=number,
        period=period,
        distribution_date=distribution_date,
    )
    stage.full_clean()
    stage.save()
    rows = [
        StageBeneficiary(stage=stage, person_id=pid, village_code=village or "")
        for pid, village in members.iterator(chunk_size=5000)
    ]
    if not rows:
        raise ValidationError(STAGE_EMPTY)
    StageBeneficiary.objects.bulk_create(rows, batch_size=5000)
    return stage


def _region_names(codes) -> dict[str, str]:
    from sigap.regions.models import Region

    return dict(Region.objects.filter(code__in=list(codes)).values_list("code", "name"))


@transaction.atomic
def stage_notices_draft(*, stage: DistributionStage, user) -> list:
    """Drafts one letter per district (Camat) with the stage's counts per village, for the heads
    to approve and sign (sigap.bpnt.letters); a district with a draft or a notice is skipped."""
    from sigap.bpnt.letters import camat_notice_draft
    from sigap.bpnt.models import LetterDraft, LetterStatus

    by_district = stage_counts_by_village(stage)
    codes = set(by_district) | {v["village_code"] for vs in by_district.values() for v in vs}
    names = _region_names(codes)
    done = set(stage.notices.values_list("district_code", flat=True)) | set(
        LetterDraft.objects.filter(stage=stage)
        .exclude(status=LetterStatus.RETURNED)
        .values_list("district_code", flat=True)
    )
    drafts = []
    for district, villages in sorted(by_district.items()):
        if district in done or not district:
            continue
        district_name = names.get(district, district)
        total = sum(v["total"] for v in villages)
        drafts.append(
            camat_notice_draft(
                stage=stage,
                district_code=district,
                title=f"Pemberitahuan penyaluran BPNT tahap {stage.number} tahun {stage.year} "
                f"kecamatan {district_name}",
                context={
                    "recipient": f"Camat {district_name}",
                    "district_name": district_name,
                    "stage_number": stage.number,
                    "year": stage.year,
                    "period": stage.period,
                    "distribution_date": stage.distribution_date.isoformat()
                    if stage.distribution_date
                    else "",
                    "villages": [
                        {
                            "code": v["village_code"],
                            "name": names.get(v["village_code"], v["village_code"]),
                            "total": v["total"],
                        }
                        for v in villages
                    ],
                    "total": total,
                },
                user=user,
            )
        )
    return drafts


@transaction.atomic
def stage_deliveries_record(*, stage: DistributionStage, data: bytes) -> int:
    """Reads a CSV (nik, delivered) from the bank/PT Pos; all rows valid or nothing stored."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(DELIVERY_FILE_EMPTY) from exc
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    fields = {(f or "").strip().lower(): f for f in (reader.fieldnames or [])}
    if "nik" not in fields or "delivered" not in fields:
        raise ValidationError(DELIVERY_FILE_EMPTY)
    on_list = dict(
        stage.beneficiaries.filter(person__nik__isnull=False).values_list("person__nik", "pk")
    )
    updates: dict[int, bool] = {}
    errors = []
    for number, row in enumerate(reader, start=2):
        nik = (row.get(fields["nik"]) or "").strip()
        flag = (row.get(fields["delivered"]) or "").strip().lower()
        if nik not in on_list:
            errors.append(DELIVERY_FILE_INVALID % {"row": number, "reason": DELIVERY_NIK_UNKNOWN})
        elif flag in _TRUE or flag in _FALSE:
            updates[on_list[nik]] = flag in _TRUE
        else:
            errors.append(DELIVERY_FILE_INVALID % {"row": number, "reason": DELIVERY_FLAG_INVALID})
    if errors:
        raise ValidationError(errors[:50])
    if not updates:
        raise ValidationError(DELIVERY_FILE_EMPTY)
    for value in (True, False):
        ids = [pk for pk, v in updates.items() if v is value]
        for i in range(0, len(ids), 5000):
            StageBeneficiary.objects.filter(pk__in=ids[i : i + 5000]).update(delivered=value)
    return len(updates)
