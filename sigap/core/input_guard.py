"""Characters no field may hold: NUL and lone surrogates.

PostgreSQL refuses NUL in text (the query fails, a 500), and a lone surrogate cannot be
written as UTF-8 at all. Django's form fields refuse NUL themselves, but query parameters,
raw POST values and API bodies reach filters and models directly, so they are checked once
here: the pages by `InputGuardMiddleware`, the API by its parser.
"""

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import unquote_plus

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from ninja.parser import Parser

MSG_BAD_CHARACTER = gettext_lazy(
    "What you sent contains a character that is not allowed (a null byte or broken text)."
)


def bad_text(value: str) -> bool:
    if "\x00" in value:
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _strings(data: Any, depth: int = 0) -> Iterable[str]:
    if depth > 64:
        yield "\x00"  # deeper than any of our schemas: refuse as well
        return
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield str(key)
            yield from _strings(value, depth + 1)
    elif isinstance(data, list | tuple):
        for value in data:
            yield from _strings(value, depth + 1)


def any_bad_text(data: Any) -> bool:
    return any(bad_text(s) for s in _strings(data))


class GuardedParser(Parser):
    """django-ninja's parser, refusing bad characters with the API's structured 400."""

    def parse_body(self, request: HttpRequest) -> dict:
        data = super().parse_body(request)
        if any_bad_text(data):
            raise ValidationError({"body": [str(MSG_BAD_CHARACTER)]})
        return data

    def parse_querydict(self, data, list_fields, request: HttpRequest) -> dict:
        if any(bad_text(key) or any_bad_text(values) for key, values in data.lists()):
            raise ValidationError({"query": [str(MSG_BAD_CHARACTER)]})
        return super().parse_querydict(data, list_fields, request)


def _refusal(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": str(MSG_BAD_CHARACTER), "code": "invalid", "errors": {}}, status=400
        )
    return render(
        request,
        "core/bad_input.html",
        {"message": str(MSG_BAD_CHARACTER)},
        status=400,
    )


class InputGuardMiddleware:
    """Refuses a path or query string holding bad characters; form bodies when a view reads
    them (checked in process_view, after the body limits, for url-encoded forms only)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = unquote_plus(request.META.get("QUERY_STRING", ""), errors="replace")
        if bad_text(request.path) or bad_text(query):
            return _refusal(request)
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, args, kwargs) -> HttpResponse | None:
        if request.method != "POST" or request.path.startswith("/api/"):
            return None
        if request.content_type != "application/x-www-form-urlencoded":
            return None
        if any(bad_text(key) or any_bad_text(values) for key, values in request.POST.lists()):
            return _refusal(request)
        return None
