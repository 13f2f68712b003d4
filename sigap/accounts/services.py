"""Writes for staff accounts and API tokens."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from sigap.accounts.models import ApiToken, User


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Creates a token and returns it with its raw value, which is shown once and never stored."""
    raw = "sgp_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, digest=_digest(raw))
    return token, raw


def api_token_revoke(*, user: User, token_id: int) -> bool:
    """Revokes one of the user's own tokens; False if it is not theirs or already revoked."""
    return bool(
        ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )


def api_token_user(*, raw: str) -> User | None:
    """The active user a raw token belongs to, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


@transaction.atomic
def user_set_roles(*, user: User, roles: list[str]) -> None:
    user.role_assignments.exclude(role__in=roles).delete()
    for role in roles:
        user.role_assignments.get_or_create(role=role)
    user.__dict__.pop("roles", None)
