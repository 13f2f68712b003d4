"""Which social companion (pendamping) looks after which district or village of an office, and
who therefore gets a beneficiary's new problem ticket."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sigap.accounts.roles import Role
from sigap.bpnt.models import CompanionArea
from sigap.core.access import has_role, scope_for_user

# Who decides the mapping: the seed's Bidang head and the head of office.
AREA_MANAGER_ROLES = (Role.HEAD_OF_DIVISION, Role.HEAD_OF_OFFICE)
DISTRICT_CODE_LENGTH = 8
VILLAGE_CODE_LENGTH = 13

AREA_NOT_A_COMPANION = _("Choose a social companion of this office.")
AREA_UNKNOWN = _("Give the code of a district (kecamatan) or village of the office's area.")
AREA_TAKEN = _("This area already has a companion: %(name)s. Remove that assignment first.")


def _region_ok(office, code: str) -> bool:
    from sigap.regions.models import RegionLevel
    from sigap.regions.selectors import region_exists

    if len(code) == DISTRICT_CODE_LENGTH:
        level = RegionLevel.DISTRICT
    elif len(code) == VILLAGE_CODE_LENGTH:
        level = RegionLevel.VILLAGE
    else:
        return False
    prefix = f"{office.region_code}."
    return code.startswith(prefix) and region_exists(code, level)


@transaction.atomic
def area_assign(*, office, companion, region_code: str, assigned_by) -> CompanionArea:
    """Gives a district or village of the office to one of its social companions."""
    code = (region_code or "").strip()
    if companion is None or companion.office_id != office.pk or not companion.is_active:
        raise ValidationError({"companion": AREA_NOT_A_COMPANION})
    if not has_role(companion, Role.SOCIAL_COMPANION):
        raise ValidationError({"companion": AREA_NOT_A_COMPANION})
    if not _region_ok(office, code):
        raise ValidationError({"region_code": AREA_UNKNOWN})
    taken = (
        CompanionArea.objects.select_for_update()
        .select_related("companion")
        .filter(office=office, region_code=code)
        .first()
    )
    if taken is not None:
        if taken.companion_id == companion.pk:
            return taken
        raise ValidationError({"region_code": AREA_TAKEN % {"name": taken.companion.display_name}})
    area = CompanionArea(
        office=office, companion=companion, region_code=code, assigned_by=assigned_by
    )
    area.full_clean()
    area.save()
    return area


@transaction.atomic
def area_remove(*, area: CompanionArea) -> None:
    area.delete()


def areas_for_user(user) -> QuerySet[CompanionArea]:
    return scope_for_user(CompanionArea.objects.select_related("companion"), user).order_by(
        "region_code"
    )


def companion_for_village(*, office, village_code: str):
    """The companion of the village, else of its district; None when nobody covers it."""
    code = village_code or ""
    if len(code) < DISTRICT_CODE_LENGTH:
        return None
    candidates = {code, code[:DISTRICT_CODE_LENGTH]}
    areas = {
        a.region_code: a.companion
        for a in CompanionArea.objects.select_related("companion").filter(
            office=office, region_code__in=candidates, companion__is_active=True
        )
    }
    return areas.get(code) or areas.get(code[:DISTRICT_CODE_LENGTH])


def region_names(codes) -> dict[str, str]:
    from sigap.regions.models import Region

    return dict(Region.objects.filter(code__in=list(codes)).values_list("code", "name"))
