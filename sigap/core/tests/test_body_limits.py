"""Bodies over their limit are refused before they are read, and never answered with a 500.

The WSGI calls below hand Django an input stream that counts what is read from it, so the
tests see whether a refusal came before the body was received, as the probe measured.
"""

import io
import json

import pytest
from django.core.exceptions import RequestDataTooBig
from django.core.handlers.wsgi import WSGIRequest
from django.test import override_settings
from django.test.client import ClientHandler

from sigap.accounts.roles import Role
from sigap.api.testing import bearer
from sigap.core.limits import CountingUploadHandler

MB = 1024 * 1024
BOUNDARY = "sigapboundary"


class CountingInput(io.RawIOBase):
    """`size` bytes of a multipart file upload, produced on demand, counting what is read."""

    def __init__(self, size: int) -> None:
        self.head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n'
        ).encode()
        self.size = size
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        left = self.size - self.read_bytes
        if left <= 0:
            return 0
        n = min(len(buffer), left)
        start = self.read_bytes
        chunk = bytearray(b"a;b;c\n" * (n // 6 + 2))[:n]
        if start < len(self.head):
            head = self.head[start : start + n]
            chunk[: len(head)] = head
        buffer[:n] = chunk
        self.read_bytes += n
        return n


def _environ(path: str, body: CountingInput, headers: dict[str, str] | None = None) -> dict:
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
        "CONTENT_LENGTH": str(body.size),
        "wsgi.input": body,
        "wsgi.url_scheme": "http",
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


CSRF = "a" * 32
# A valid CSRF pair, as a browser sends it: without it CSRF would refuse before reading the
# body, and the tests would not show that our own check comes first.
CSRF_HEADERS = {"Cookie": f"csrftoken={CSRF}", "X-CSRFToken": CSRF, "Referer": "http://testserver/"}


def _session_headers(client) -> dict[str, str]:
    cookie = f"sessionid={client.cookies['sessionid'].value}; csrftoken={CSRF}"
    return {**CSRF_HEADERS, "Cookie": cookie}


def _post(path: str, size: int, headers: dict[str, str] | None = None):
    body = CountingInput(size)
    response = ClientHandler(enforce_csrf_checks=True)(_environ(path, body, headers))
    return response, body.read_bytes


def test_a_json_body_over_the_limit_is_413_with_the_structured_error(cast, client):
    user = cast.user("tarakan", Role.FRONT_OFFICE)
    response = client.post(
        "/api/v1/requests",
        data=json.dumps({"service_code": "x" * (6 * MB)}),
        content_type="application/json",
        headers=bearer(user),
    )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert response.json()["limit_bytes"] == 5 * MB


def test_a_form_over_the_limit_gets_the_indonesian_page_not_a_trace(cast, client):
    response = client.post("/staff/login/", {"username": "a", "password": "b" * (6 * MB)})
    assert response.status_code == 413
    text = response.content.decode()
    assert "Terlalu besar" in text
    assert "5,0" in text or "5.0" in text
    assert "Traceback" not in text


def test_a_declared_length_over_the_import_limit_is_refused_unread(cast, settings):
    settings.SIGAP_IMPORT_MAX_BYTES = 2 * MB
    client = cast.client_for(cast.user("tarakan", Role.BACK_OFFICE))
    response, read = _post("/staff/registry/imports/", 300 * MB, _session_headers(client))
    assert response.status_code == 413
    assert "Terlalu besar" in response.content.decode()
    assert read == 0


def test_a_role_without_import_permission_gets_403_before_the_body_is_read(cast):
    client = cast.client_for(cast.user("tarakan", Role.WAREHOUSE_OFFICER))
    response, read = _post("/staff/registry/imports/", 100 * MB, _session_headers(client))
    assert response.status_code == 403
    assert read == 0


def test_an_anonymous_upload_is_sent_to_login_unread(db):
    response, read = _post("/staff/registry/imports/", 100 * MB, CSRF_HEADERS)
    assert response.status_code == 302 and "/staff/login/" in response["Location"]
    assert read == 0


def test_the_api_refuses_an_import_by_role_and_by_size_unread(cast, settings):
    settings.SIGAP_IMPORT_MAX_BYTES = 2 * MB
    warehouse = bearer(cast.user("tarakan", Role.WAREHOUSE_OFFICER))
    response, read = _post("/api/v1/registry/imports", 100 * MB, warehouse)
    assert response.status_code == 403 and json.loads(response.content)["code"] == "forbidden"
    assert read == 0
    response, read = _post("/api/v1/registry/imports", 100 * MB)
    assert response.status_code == 401 and read == 0
    back_office = bearer(cast.user("tarakan", Role.BACK_OFFICE))
    response, read = _post("/api/v1/registry/imports", 300 * MB, back_office)
    assert response.status_code == 413 and json.loads(response.content)["code"] == "too_large"
    assert read == 0


@override_settings(SIGAP_REQUEST_MAX_BYTES=1 * MB)
def test_other_uploads_keep_the_general_request_limit(cast):
    client = cast.client_for(cast.user("tarakan", Role.FRONT_OFFICE))
    response, read = _post("/staff/requests/ABC/uploads/", 3 * MB, _session_headers(client))
    assert response.status_code == 413 and read == 0


def test_the_counting_handler_stops_a_stream_at_the_limit(db):
    """What Content-Length cannot promise (a chunked or lying body), the handler enforces."""
    body = CountingInput(50 * MB)
    request = WSGIRequest(_environ("/staff/registry/imports/", body))
    request._sigap_body_limit = 1 * MB
    with pytest.raises(RequestDataTooBig):
        request.FILES  # noqa: B018 - parsing is the act under test
    assert MB < body.read_bytes < 2 * MB


def test_the_counting_handler_lets_a_body_within_the_limit_through(db):
    handler = CountingUploadHandler(None)
    handler.limit = 10
    assert handler.receive_data_chunk(b"12345", 0) == b"12345"
    with pytest.raises(RequestDataTooBig):
        handler.receive_data_chunk(b"678901", 5)
