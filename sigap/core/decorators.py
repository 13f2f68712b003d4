"""View decorators for staff pages."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from sigap.core.access import has_role, is_staff_member
from sigap.core.limits import PRECHECK_ATTR


def staff_required(*roles: str) -> Callable:
    """Login required; then a staff member of an office, holding one of `roles` if given."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        def refusal(request: HttpRequest) -> HttpResponse | None:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not is_staff_member(request.user):
                raise PermissionDenied
            if roles and not (request.user.is_superuser or has_role(request.user, *roles)):
                raise PermissionDenied
            return None

        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            return refusal(request) or view(request, *args, **kwargs)

        # core.limits runs the same check before a request body is read (CSRF reads the form).
        setattr(wrapped, PRECHECK_ATTR, refusal)
        return wrapped

    return decorator
