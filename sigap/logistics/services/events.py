"""Disaster events, emergency response decrees (declaration and extensions) and posts."""

import re
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sigap.logistics.models import DisasterEvent, EmergencyStatus, EventRegion, Posko, StatusKind

MSG_REGION_INVALID = _("%(code)s is not a known region code (e.g. 36.02.01.2001).")
MSG_NO_REGIONS = _("Name at least one affected region.")
MSG_ALREADY_DECLARED = _("This event already has a declaration; record an extension instead.")
MSG_NOT_DECLARED = _("Declare the emergency response status before extending it.")
MSG_EXTENSION_MUST_END_LATER = _("An extension must end after %(ends_on)s.")
MSG_POSKO_OUTSIDE_EVENT = _("The post's region is not among the event's affected regions.")

REGION_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


def region_name(code: str) -> str:
    """The region's name from sigap.regions; empty when unknown or the app is not ready."""
    try:
        from sigap.regions.selectors import region_get
    except ImportError:
        return ""
    try:
        region = region_get(code)
    except Exception:
        return ""
    return str(getattr(region, "name", "") or "")


def region_check(code: str) -> str:
    """Normalises a Kemendagri code and checks it exists (against sigap.regions when loaded)."""
    code = (code or "").strip()
    if not REGION_CODE.match(code):
        raise ValidationError(MSG_REGION_INVALID, code="region_invalid", params={"code": code})
    if _regions_loaded() and not _region_exists(code):
        raise ValidationError(MSG_REGION_INVALID, code="region_invalid", params={"code": code})
    return code


def _regions_loaded() -> bool:
    """True once the Kemendagri table is loaded; before that only the code's shape is checked."""
    try:
        from sigap.regions.models import Region

        return Region.objects.exists()
    except (ImportError, AttributeError):
        return False


def _region_exists(code: str) -> bool:
    try:
        from sigap.regions.selectors import region_exists
    except ImportError:
        return True
    return bool(region_exists(code))


def region_covers(affected: str, code: str) -> bool:
    """True when `code` is `affected` itself or a region inside it (36.02 covers 36.02.01)."""
    return code == affected or code.startswith(affected + ".")


@transaction.atomic
def event_create(
    *,
    office,
    name: str,
    kind: str,
    occurred_on: date,
    region_codes: list[str],
    user,
    description: str = "",
) -> DisasterEvent:
    codes = sorted({region_check(code) for code in region_codes if code.strip()})
    if not codes:
        raise ValidationError(MSG_NO_REGIONS, code="no_regions")
    event = DisasterEvent(
        office=office,
        name=name,
        kind=kind,
        occurred_on=occurred_on,
        description=description,
        created_by=user if getattr(user, "pk", None) else None,
    )
    event.full_clean()
    event.save()
    for code in codes:
        EventRegion.objects.create(event=event, region_code=code, region_name=region_name(code))
    return event


@transaction.atomic
def event_region_add(*, event: DisasterEvent, region_code: str) -> EventRegion:
    code = region_check(region_code)
    region, _created = EventRegion.objects.get_or_create(
        event=event, region_code=code, defaults={"region_name": region_name(code)}
    )
    return region


@transaction.atomic
def emergency_status_declare(
    *, event: DisasterEvent, decree_number: str, starts_on: date, ends_on: date, user
) -> EmergencyStatus:
    """Records the decree that declares the emergency response period of an event."""
    DisasterEvent.objects.select_for_update().get(pk=event.pk)
    if event.statuses.exists():
        raise ValidationError(MSG_ALREADY_DECLARED, code="already_declared")
    status = EmergencyStatus(
        event=event,
        kind=StatusKind.DECLARATION,
        decree_number=decree_number,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=user if getattr(user, "pk", None) else None,
    )
    status.full_clean()
    status.save()
    return status


@transaction.atomic
def emergency_status_extend(
    *, event: DisasterEvent, decree_number: str, ends_on: date, user, starts_on: date | None = None
) -> EmergencyStatus:
    """Records an extension decree as a new row; by default it runs on from the last end."""
    DisasterEvent.objects.select_for_update().get(pk=event.pk)
    last = event.statuses.order_by("-ends_on").first()
    if last is None:
        raise ValidationError(MSG_NOT_DECLARED, code="not_declared")
    if ends_on <= last.ends_on:
        raise ValidationError(
            MSG_EXTENSION_MUST_END_LATER,
            code="extension_too_short",
            params={"ends_on": last.ends_on},
        )
    status = EmergencyStatus(
        event=event,
        kind=StatusKind.EXTENSION,
        decree_number=decree_number,
        starts_on=starts_on or last.ends_on + timedelta(days=1),
        ends_on=ends_on,
        created_by=user if getattr(user, "pk", None) else None,
    )
    status.full_clean()
    status.save()
    return status


@transaction.atomic
def posko_create(
    *,
    event: DisasterEvent,
    name: str,
    region_code: str,
    coordinator: str,
    contact: str,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    address: str = "",
) -> Posko:
    code = region_check(region_code)
    if not any(region_covers(r.region_code, code) for r in event.regions.all()):
        raise ValidationError({"region_code": MSG_POSKO_OUTSIDE_EVENT}, code="outside_event")
    posko = Posko(
        event=event,
        name=name,
        region_code=code,
        coordinator=coordinator,
        contact=contact,
        latitude=latitude,
        longitude=longitude,
        address=address,
    )
    posko.full_clean()
    posko.save()
    return posko
