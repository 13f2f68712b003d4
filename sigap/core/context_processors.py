"""Template context shared by every page."""

from django.conf import settings
from django.http import HttpRequest

from sigap.core.access import is_staff_member
from sigap.core.menu import staff_menu


def sigap(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    staff = is_staff_member(user)
    return {
        "SITE_URL": settings.SITE_URL,
        "is_staff_member": staff,
        "staff_menu": staff_menu(request) if staff else [],
    }
