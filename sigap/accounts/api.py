"""The caller's own account through the API: who am I, and my personal tokens (as on the
profile page). Two-factor set-up stays in the browser: it binds a device to a session."""

from datetime import datetime

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from sigap.accounts.forms import ApiTokenForm
from sigap.accounts.services import api_token_create, api_token_revoke
from sigap.api.auth import STAFF_AUTH
from sigap.api.forms import cleaned

router = Router(tags=["accounts"])


class MeOut(Schema):
    username: str
    name: str
    office: str | None
    roles: list[str]


class TokenIn(Schema):
    name: str


class TokenOut(Schema):
    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None


class NewTokenOut(TokenOut):
    token: str  # shown once; only its digest is stored


def _token_out(token) -> dict:
    return {
        "id": token.pk,
        "name": token.name,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
    }


@router.get("/me", response=MeOut, auth=STAFF_AUTH)
def me(request: HttpRequest):
    user = request.auth
    return {
        "username": user.username,
        "name": user.display_name,
        "office": user.office.code if user.office_id else None,
        "roles": sorted(user.roles),
    }


@router.get("/me/tokens", response=list[TokenOut], auth=STAFF_AUTH)
def token_list(request: HttpRequest):
    """Your tokens not revoked (their values are never shown again)."""
    tokens = request.auth.api_tokens.filter(revoked_at__isnull=True).order_by("pk")
    return [_token_out(t) for t in tokens]


@router.post("/me/tokens", response={201: NewTokenOut}, auth=STAFF_AUTH)
def token_create(request: HttpRequest, payload: TokenIn):
    """A new personal token; its value is in this answer only."""
    data = cleaned(ApiTokenForm(payload.dict()))
    token, raw = api_token_create(user=request.auth, name=data["name"])
    return Status(201, {**_token_out(token), "token": raw})


@router.delete("/me/tokens/{token_id}", response={204: None}, auth=STAFF_AUTH)
def token_revoke(request: HttpRequest, token_id: int):
    """Revokes one of your tokens (another user's token is a 404)."""
    if not api_token_revoke(user=request.auth, token_id=token_id):
        raise Http404
    return Status(204, None)
