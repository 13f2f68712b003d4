"""API authentication for staff: a personal bearer token, or the browser session (with CSRF)."""

from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from sigap.accounts.services import api_token_user
from sigap.core.access import is_staff_member


class ApiKeyAuth(HttpBearer):
    """`Authorization: Bearer sgp_...` with a token created in the staff profile."""

    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_user(raw=token)
        if user is None or not is_staff_member(user):
            return None
        request.user = user
        return user


class SessionStaffAuth(APIKeyCookie):
    """The logged-in staff session; unsafe methods need the CSRF token as the UI sends it."""

    param_name = "sessionid"

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def authenticate(self, request: HttpRequest, key: str | None):
        user = getattr(request, "user", None)
        if is_staff_member(user):
            return user
        return None


# The auth of every staff endpoint: `@router.get(..., auth=STAFF_AUTH)`.
STAFF_AUTH = [ApiKeyAuth(), SessionStaffAuth()]
