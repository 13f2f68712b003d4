"""Request bodies are refused before they are read: by size, and by who may send them.

Three layers, because each alone can be bypassed:
- `BodyLimitMiddleware` (placed before CSRF, whose check reads the form) refuses a declared
  Content-Length above the view's limit with 413, and runs the view's access check (the role
  rule of `staff_required`) so a user without permission gets 403 without the server reading
  a byte of a 300 MB upload;
- `CountingUploadHandler` counts the bytes of files as they stream in and stops the parse
  at the limit, whatever Content-Length said;
- `bad_request` (handler400) turns Django's RequestDataTooBig into the same Indonesian 413
  page (or the API's JSON) instead of a bare 400.
A view allowing larger bodies (a registry import) says so with `@body_limit(...)`.
"""

import inspect
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import get_resolver
from django.utils.translation import gettext as _
from django.views import defaults

Limit = int | Callable[[], int]
_LIMIT_ATTR = "sigap_body_limit"
_ROLES_ATTR = "sigap_body_roles"
PRECHECK_ATTR = "sigap_precheck"


def body_limit(max_bytes: Limit, *, roles: frozenset[str] | None = None) -> Callable:
    """Lets a view receive bodies up to `max_bytes` (or a callable giving it, read per request).

    `roles` (API operations): the staff roles that may send a body at all, checked before it
    is read; pages get the same from `staff_required`.
    """

    def decorator(view: Callable) -> Callable:
        setattr(view, _LIMIT_ATTR, max_bytes)
        if roles is not None:
            setattr(view, _ROLES_ATTR, frozenset(roles))
        return view

    return decorator


def _api_refusal(request: HttpRequest, roles: frozenset[str]) -> HttpResponse | None:
    """The API's 401/403 for a body its sender may not send, decided from the headers alone."""
    from sigap.accounts.services import api_token_user
    from sigap.core.access import has_role, is_staff_member

    user = getattr(request, "user", None)
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        user = api_token_user(raw=header[7:].strip())
    if user is None or not is_staff_member(user):
        return JsonResponse({"detail": "Unauthorized", "code": "unauthorized"}, status=401)
    if not (user.is_superuser or has_role(user, *roles)):
        return JsonResponse({"detail": _("You may not do this."), "code": "forbidden"}, status=403)
    return None


def _resolve(limit: Limit) -> int:
    return limit() if callable(limit) else limit


def _ninja_operation_view(view_func: Callable, request: HttpRequest) -> Callable | None:
    """The API function a django-ninja path view will call for this method, if any.

    Ninja's URL view is a closure over its PathView; the operation's own function carries
    the `body_limit` attribute.
    """
    for cell in getattr(view_func, "__closure__", None) or ():
        path_view = cell.cell_contents
        find = getattr(path_view, "_find_operation", None)
        if find is not None:
            operation = find(request)
            return getattr(operation, "view_func", None)
    return None


def _target(view_func: Callable, request: HttpRequest) -> Callable:
    """The function whose attributes rule this request: the API operation's, or the view."""
    if request.path.startswith("/api/"):
        return _ninja_operation_view(view_func, request) or view_func
    return view_func


def view_body_limit(view_func: Callable, request: HttpRequest) -> int:
    limit = getattr(_target(view_func, request), _LIMIT_ATTR, None)
    return _resolve(limit if limit is not None else settings.SIGAP_REQUEST_MAX_BYTES)


class UploadTooLarge(RequestDataTooBig):
    """The files of a request passed the view's limit while streaming in."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"Upload exceeded {limit} bytes.")
        self.limit = limit


def exceeded_limit(exception: RequestDataTooBig) -> int:
    """The limit a RequestDataTooBig broke: ours for files, Django's for the other fields."""
    return getattr(exception, "limit", settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def too_large_response(request: HttpRequest, limit: int) -> HttpResponse:
    """413 for a body over its limit: structured JSON for the API, an Indonesian page elsewhere."""
    message = _("What you sent is too large: at most %(limit)s.") % {"limit": filesizeformat(limit)}
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": message, "code": "too_large", "limit_bytes": limit}, status=413
        )
    # (No "Connection: close": WSGI forbids hop-by-hop headers; the server ends the exchange.)
    return render(request, "core/too_large.html", {"message": message}, status=413)


def _declared_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    """The site's 403 page, rendered without its CSRF wrapper: that wrapper reads the body."""
    handler = inspect.unwrap(get_resolver().resolve_error_handler(403))
    return handler(request, exc)


class BodyLimitMiddleware:
    """See the module docstring; must come before CsrfViewMiddleware in MIDDLEWARE."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, args: tuple, kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        length = _declared_length(request)
        if not length:
            return None
        target = _target(view_func, request)
        limit = view_body_limit(view_func, request)
        request._sigap_body_limit = limit
        roles = getattr(target, _ROLES_ATTR, None)
        if roles is not None:
            refusal = _api_refusal(request, roles)
            if refusal is not None:
                return refusal
        precheck = getattr(view_func, PRECHECK_ATTR, None)
        if precheck is not None:
            try:
                refusal = precheck(request)
            except PermissionDenied as exc:
                return _forbidden(request, exc)
            if refusal is not None:
                return refusal
        if length > limit:
            return too_large_response(request, limit)
        return None


class CountingUploadHandler(FileUploadHandler):
    """Counts file bytes across the request and stops reading at the view's limit."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limit = getattr(request, "_sigap_body_limit", settings.SIGAP_REQUEST_MAX_BYTES)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            raise UploadTooLarge(self.limit)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: a body over its limit is 413 with a clear message, other cases Django's 400."""
    if isinstance(exception, RequestDataTooBig):
        return too_large_response(request, exceeded_limit(exception))
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Bad request", "code": "bad_request"}, status=400)
    # Unwrapped: Django's error views run the CSRF check, which would read the body again.
    return inspect.unwrap(defaults.bad_request)(request, exception)
