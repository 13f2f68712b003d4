"""Test helpers for API tests: a bearer header for a staff user, JSON calls with it."""

import json

from django.test import Client

from sigap.accounts.services import api_token_create


def bearer(user) -> dict[str, str]:
    _, raw = api_token_create(user=user, name="test")
    return {"Authorization": f"Bearer {raw}"}


def call(method: str, path: str, user=None, payload: dict | None = None, **extra):
    """`method` the API path as `user` (None: anonymous) with a JSON body; the response."""
    headers = bearer(user) if user is not None else {}
    kwargs = {"headers": headers, **extra}
    if payload is not None:
        kwargs.update(data=json.dumps(payload), content_type="application/json")
    return getattr(Client(), method.lower())(f"/api/v1{path}", **kwargs)
