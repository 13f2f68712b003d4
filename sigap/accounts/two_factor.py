"""Two-factor authentication (TOTP, django-otp): optional for staff, mandatory for some roles.

The head of office and administrators (and superusers) must use it; any other staff member may
turn it on. `TwoFactorMiddleware` sends a logged-in user who must verify to the right page.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from sigap.accounts.roles import Role

MANDATORY_ROLES = frozenset({Role.HEAD_OF_OFFICE, Role.ADMINISTRATOR})
# Paths a user who still has to pass the second factor may reach.
EXEMPT_PREFIXES = ("/staff/2fa/", "/staff/logout/", "/static/", "/i18n/", "/api/")


def requires_two_factor(user) -> bool:
    return bool(user.is_superuser or (user.roles & MANDATORY_ROLES))


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self._redirect(request)
        return response or self.get_response(request)

    def _redirect(self, request: HttpRequest) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if not getattr(settings, "SIGAP_ENFORCE_2FA", True):
            return None
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        if request.path.startswith(EXEMPT_PREFIXES):
            return None
        if confirmed_device(user):
            return redirect(f"{reverse('accounts:2fa_verify')}?next={request.get_full_path()}")
        if requires_two_factor(user):
            return redirect("accounts:2fa_setup")
        return None
