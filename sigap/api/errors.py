"""Structured 4xx errors for the API: {"detail": ..., "code": ..., "errors": {...}}."""

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    ValidationError,
)
from django.http import Http404, HttpRequest
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from sigap.core.limits import exceeded_limit, too_large_response
from sigap.core.ratelimit import MSG_TOO_MANY_LOOKUPS, LookupRefused, lookup_limit


class ConflictError(Exception):
    """The action does not fit the current state (e.g. a step already taken): HTTP 409."""

    def __init__(self, message: str, code: str = "conflict") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def validation_error_payload(exc: ValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        errors = {field: [str(m) for m in msgs] for field, msgs in exc.message_dict.items()}
        first = next(iter(errors.values()), [""])[0]
        return {"detail": first, "code": "invalid", "errors": errors}
    messages = [str(m) for m in exc.messages]
    return {"detail": messages[0] if messages else "", "code": "invalid", "errors": {}}


CODES_BY_STATUS = {
    400: "invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    429: "rate_limited",
}


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError):
        # Ninja's own refusals (an unparsable body, a missing token) in the same shape as ours.
        code = CODES_BY_STATUS.get(exc.status_code, "error")
        return api.create_response(
            request, {"detail": exc.message, "code": code}, status=exc.status_code
        )

    @api.exception_handler(ValidationError)
    def _validation(request: HttpRequest, exc: ValidationError):
        return api.create_response(request, validation_error_payload(exc), status=400)

    @api.exception_handler(NinjaValidationError)
    def _schema(request: HttpRequest, exc: NinjaValidationError):
        return api.create_response(
            request,
            {"detail": "Invalid input", "code": "invalid", "errors": {"body": exc.errors}},
            status=422,
        )

    @api.exception_handler(PermissionDenied)
    def _forbidden(request: HttpRequest, exc: PermissionDenied):
        message = str(exc) or "You may not do this."
        return api.create_response(request, {"detail": message, "code": "forbidden"}, status=403)

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404):
        return api.create_response(
            request, {"detail": "Not found", "code": "not_found"}, status=404
        )

    @api.exception_handler(ConflictError)
    def _conflict(request: HttpRequest, exc: ConflictError):
        return api.create_response(request, {"detail": exc.message, "code": exc.code}, status=409)

    @api.exception_handler(RequestDataTooBig)
    def _too_large(request: HttpRequest, exc: RequestDataTooBig):
        # A JSON body over DATA_UPLOAD_MAX_MEMORY_SIZE, or files over the operation's limit.
        return too_large_response(request, exceeded_limit(exc))

    @api.exception_handler(SuspiciousOperation)
    def _suspicious(request: HttpRequest, exc: SuspiciousOperation):
        # Too many fields, a malformed multipart body...: the client's fault, never a 500.
        return api.create_response(
            request, {"detail": "Bad request", "code": "bad_request"}, status=400
        )

    @api.exception_handler(LookupRefused)
    def _rate_limited(request: HttpRequest, exc: LookupRefused):
        response = api.create_response(
            request, {"detail": str(MSG_TOO_MANY_LOOKUPS), "code": "rate_limited"}, status=429
        )
        response["Retry-After"] = str(lookup_limit().window_seconds)
        return response
