"""The ONE place that decides which office's records a user may see and which roles may act.

Every lookup of an office-owned record for a user goes through `scope_for_user` or
`get_for_user`; outsiders get a 404 (the record's existence is not revealed), a wrong role a 403.
"""

from collections.abc import Iterable
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest

from sigap.core.models import AccessAction, AccessLog

M = TypeVar("M", bound=models.Model)


def is_staff_member(user) -> bool:
    """An active, logged-in staff account attached to an office (or a superuser)."""
    return bool(
        user and user.is_authenticated and user.is_active and (user.office_id or user.is_superuser)
    )


def visible_office_ids(user, *, province_oversight: bool = False) -> set[int] | None:
    """Offices whose records the user may see; None means every office (superuser).

    With `province_oversight`, staff of a province office also see the records of the
    regency/city offices under it (the seeds give the province that role for logistics,
    children's referrals and complaint referral).
    """
    if not is_staff_member(user):
        return set()
    if user.is_superuser and not user.office_id:
        return None
    ids = {user.office_id}
    if province_oversight:
        from sigap.accounts.models import Office

        ids |= set(Office.objects.filter(parent_id=user.office_id).values_list("id", flat=True))
    return ids


def scope_for_user(
    queryset: models.QuerySet[M],
    user,
    *,
    office_field: str = "office",
    province_oversight: bool = False,
) -> models.QuerySet[M]:
    """Filters a queryset of office-owned records down to what `user` may see."""
    ids = visible_office_ids(user, province_oversight=province_oversight)
    if ids is None:
        return queryset
    if not ids:
        return queryset.none()
    return queryset.filter(**{f"{office_field}__in": ids})


def get_for_user(
    queryset: models.QuerySet[M] | type[M],
    user,
    *,
    office_field: str = "office",
    province_oversight: bool = False,
    **lookup,
) -> M:
    """Fetches one office-owned record or raises Http404 for anyone outside its office."""
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    scoped = scope_for_user(
        queryset, user, office_field=office_field, province_oversight=province_oversight
    )
    try:
        return scoped.get(**lookup)
    except (scoped.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def has_role(user, *roles: str) -> bool:
    if not is_staff_member(user):
        return False
    return bool(user.roles & set(roles))


def require_role(user, *roles: str) -> None:
    """Raises PermissionDenied unless the user holds one of `roles`."""
    if not has_role(user, *roles):
        raise PermissionDenied


def users_with_role(office, roles: Iterable[str]):
    from sigap.accounts.models import User

    return User.objects.filter(
        office=office, is_active=True, role_assignments__role__in=list(roles)
    ).distinct()


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR")


def log_access(
    user,
    obj: models.Model,
    *,
    action: str = AccessAction.VIEW,
    summary: str = "",
    request: HttpRequest | None = None,
) -> AccessLog:
    """Records that `user` opened personal data held in `obj` (append-only)."""
    return AccessLog.objects.create(
        user=user,
        office_id=getattr(user, "office_id", None),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        summary=summary[:255],
        ip_address=client_ip(request),
    )
