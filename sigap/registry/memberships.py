"""Writes of families and programme memberships one at a time (the demo, tests, a form); the
bulk import writes them set-based in `importing`."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sigap.identity import validate_kk
from sigap.registry.models import Family, PayingChannel, Person, ProgrammeMembership

MSG_POS_HAS_NO_BANK = _("A membership paid through PT Pos has no bank.")


@transaction.atomic
def family_upsert(
    *, kk_number: str, address: str = "", village_code: str = "", head: Person | None = None
) -> Family:
    """The family with this KK number (validated), created or updated; members join it through
    `family_member_add`."""
    kk_number = validate_kk(kk_number)
    family, _created = Family.objects.select_for_update().get_or_create(
        kk_number=kk_number, defaults={"address": address, "village_code": village_code}
    )
    changed = {"address": address, "village_code": village_code, "head": head}
    for key, value in changed.items():
        if value not in ("", None):
            setattr(family, key, value)
    family.full_clean()
    family.save()
    return family


@transaction.atomic
def family_member_add(*, family: Family, person: Person, head: bool = False) -> Person:
    person.family = family
    person.save(update_fields=["family", "updated_at"])
    if head and family.head_id != person.pk:
        family.head = person
        family.save(update_fields=["head", "updated_at"])
    return person


@transaction.atomic
def membership_upsert(
    *,
    person: Person,
    office,
    programme: str,
    year: int,
    status: str = "",
    period: str = "",
    kks_number: str = "",
    channel: str = "",
    bank: str = "",
    dtks_listed: bool | None = None,
    dtks_date: datetime.date | None = None,
    sp2d_listed: bool | None = None,
) -> ProgrammeMembership:
    """The person's membership of a programme in a budget year (one across all offices),
    created or updated with the values given; an empty value leaves the stored one."""
    if channel == PayingChannel.POS and bank:
        raise ValidationError({"bank": MSG_POS_HAS_NO_BANK})
    membership = (
        ProgrammeMembership.objects.select_for_update()
        .filter(person=person, programme=programme, year=year)
        .first()
    ) or ProgrammeMembership(person=person, programme=programme, year=year, office=office)
    values = {
        "office": office,
        "status": status,
        "period": period,
        "kks_number": kks_number,
        "channel": channel,
        "bank": bank,
        "dtks_listed": dtks_listed,
        "dtks_date": dtks_date,
        "sp2d_listed": sp2d_listed,
    }
    for key, value in values.items():
        if value not in ("", None):
            setattr(membership, key, value)
    if membership.channel == PayingChannel.POS:
        membership.bank = ""
    membership.full_clean()
    membership.save()
    return membership
