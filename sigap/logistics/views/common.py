"""Helpers shared by the logistics views: roles, scoping and turning service errors into forms."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from sigap.accounts.roles import Role
from sigap.core.access import has_role
from sigap.logistics.models import DisasterEvent, LogisticsRequest, Lot
from sigap.logistics.selectors import events_for_user, requests_for_user, warehouses_for_user

# Who may see the logistics pages at all (read); writes name narrower roles.
LOGISTICS_ROLES = (
    Role.HEAD_OF_OFFICE,
    Role.HEAD_OF_DIVISION,
    Role.SECTION_HEAD,
    Role.SOCIAL_COUNSELLOR,
    Role.WAREHOUSE_OFFICER,
    Role.SOCIAL_WORKER,
    Role.VOLUNTEER,
    Role.FRONT_OFFICE,
    Role.TKSK,
    Role.AUDITOR,
)
EVENT_EDIT_ROLES = (Role.HEAD_OF_OFFICE, Role.HEAD_OF_DIVISION, Role.SOCIAL_COUNSELLOR)
POSKO_ROLES = (*EVENT_EDIT_ROLES, Role.SOCIAL_WORKER, Role.VOLUNTEER)
STOCK_VIEW_ROLES = (
    Role.WAREHOUSE_OFFICER,
    Role.HEAD_OF_OFFICE,
    Role.HEAD_OF_DIVISION,
    Role.SOCIAL_COUNSELLOR,
    Role.AUDITOR,
)
STOCK_WRITE_ROLES = (Role.WAREHOUSE_OFFICER,)


def can(user, *roles: str) -> bool:
    return bool(user.is_superuser or has_role(user, *roles))


def require(user, *roles: str) -> None:
    if not can(user, *roles):
        raise PermissionDenied


def event_for_user(user, pk: int) -> DisasterEvent:
    try:
        return events_for_user(user).get(pk=pk)
    except (DisasterEvent.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def owns_event(user, event: DisasterEvent) -> bool:
    """Only the office that handles the event edits it (a regency office reads it)."""
    return bool(user.is_superuser or user.office_id == event.office_id)


def request_for_user(user, pk: int) -> LogisticsRequest:
    try:
        return requests_for_user(user).get(pk=pk)
    except (LogisticsRequest.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def lot_for_user(user, pk: int) -> Lot:
    """A lot in a warehouse the user may see; 404 otherwise."""
    try:
        return Lot.objects.select_related("item", "warehouse").get(
            pk=pk, warehouse__in=warehouses_for_user(user)
        )
    except (Lot.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def add_service_error(form: forms.Form, exc: ValidationError) -> None:
    """Shows a service's ValidationError on the form: on its field when the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
