"""Bahasa Indonesia unless the visitor chose English with the language switch.

Django's LocaleMiddleware would follow the browser's Accept-Language, so most phones set to
English would get English; offices want Indonesian by default, English only on request.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response


# Django's own debug pages (technical_404/500) carry this tag; our pages do not.
_DEBUG_PAGE_MARK = b'<meta name="robots" content="NONE,NOARCHIVE">'


class FriendlyErrorPagesMiddleware:
    """Under DEBUG (`make run`), answers a missing page or a crash with Sigap's own Indonesian
    404/500 pages instead of Django's debug pages (English, the URL patterns, the settings),
    which a citizen trying the demo must not meet. A developer who wants the debug pages sets
    SIGAP_DEBUG_PAGES=true. Without DEBUG, Django already uses our 404.html and 500.html.

    Placed last in MIDDLEWARE, so the debug page it replaces has just been made from the
    view's exception and every other middleware (language, CSP) handles the page it returns.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.active = settings.DEBUG and not getattr(settings, "SIGAP_DEBUG_PAGES", False)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not self.active or response.status_code not in (404, 500):
            return response
        if response.streaming or _DEBUG_PAGE_MARK not in response.content:
            return response
        from django.http import Http404
        from django.views import defaults

        if response.status_code == 404:
            return defaults.page_not_found(request, Http404())
        return defaults.server_error(request)
