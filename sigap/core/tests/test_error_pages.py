"""Indonesian 403, 404 and 500 pages in the site's style, also under DEBUG (`make run`)."""

import pytest
from django.core.handlers.exception import convert_exception_to_response
from django.test import Client, RequestFactory, override_settings

from sigap.core.middleware import FriendlyErrorPagesMiddleware

pytestmark = pytest.mark.django_db


def _body(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("debug", [False, True])
def test_a_missing_page_answers_in_indonesian_in_the_sites_style(debug):
    with override_settings(DEBUG=debug):
        response = Client().get("/no-such-page/")
    assert response.status_code == 404
    body = _body(response)
    assert "Laman tidak ditemukan" in body
    assert 'class="site-header"' in body and "/services/" in body
    assert "URLconf" not in body and "Page not found" not in body


def test_the_debug_page_stays_reachable_when_a_developer_asks_for_it():
    with override_settings(DEBUG=True, SIGAP_DEBUG_PAGES=True):
        response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert "URLconf" in _body(response)


@override_settings(DEBUG=True)
def test_a_crash_under_debug_shows_the_sites_500_page_not_the_traceback():
    def crash(request):
        raise RuntimeError("secret detail")

    # The view's exception becomes Django's debug page, as the handler does it, then ours.
    middleware = FriendlyErrorPagesMiddleware(convert_exception_to_response(crash))
    request = RequestFactory().get("/crash/")
    response = middleware(request)
    assert response.status_code == 500
    body = _body(response)
    assert "secret detail" not in body and "Traceback" not in body
    assert "Maaf, terjadi kesalahan" in body


def test_a_staff_page_denied_to_a_role_says_so_in_indonesian(cast):
    from sigap.accounts.roles import Role

    client = cast.client_for(cast.user("tarakan", Role.FRONT_OFFICE))
    response = client.get("/staff/dashboard/")
    assert response.status_code == 403
    body = _body(response)
    assert "Anda tidak berhak membuka laman ini" in body
    assert 'class="site-header"' in body
