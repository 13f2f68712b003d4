"""Health endpoints and the request id: what the proxy and the process manager rely on."""

import io
import json
import logging
import logging.config
from unittest import mock

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from sigap.core import health
from sigap.core.request_id import HEADER, RequestIdMiddleware, json_logging


@pytest.mark.django_db
def test_live_answers_without_login_session_or_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies


@pytest.mark.django_db
def test_ready_reports_each_dependency(client):
    response = client.get("/health/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "queue", "storage"}
    assert all(check["ok"] for check in body["checks"].values())


@pytest.mark.django_db
def test_ready_is_503_when_the_cache_fails_and_hides_the_error(client):
    def broken() -> None:
        raise ConnectionError("redis://secret-host:6379 refused")

    with mock.patch.dict(health.CHECKS, {"cache": broken}):
        response = client.get("/health/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
    assert "secret-host" not in response.content.decode()


@pytest.mark.django_db
def test_health_answers_for_a_host_not_in_allowed_hosts(client, settings):
    settings.ALLOWED_HOSTS = ["sigap.example.go.id"]
    assert client.get("/health/live", HTTP_HOST="10.0.0.5:8000").status_code == 200
    # Everything else still refuses an unknown host.
    assert client.get("/services/", HTTP_HOST="10.0.0.5:8000").status_code == 400


@pytest.mark.django_db
def test_request_id_is_kept_from_the_proxy_or_made(client):
    given = client.get("/services/", HTTP_X_REQUEST_ID="abcdef0123456789")
    assert given.headers[HEADER] == "abcdef0123456789"
    made = client.get("/services/", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert len(made.headers[HEADER]) == 32 and made.headers[HEADER] != "abcdef0123456789"


def test_production_logs_are_json_lines_with_the_request_id(settings):
    stream = io.StringIO()
    config = json_logging(level="INFO")
    config["handlers"]["console"]["stream"] = stream
    logger = logging.getLogger("sigap.test")

    def view_that_logs(request):
        logger.warning("inside %s", "view")
        return HttpResponse("ok")

    logging.config.dictConfig(config)
    try:
        request = RequestFactory().get("/", HTTP_X_REQUEST_ID="req-0000000042")
        RequestIdMiddleware(view_that_logs)(request)
        logger.warning("outside")
    finally:
        logging.config.dictConfig(settings.LOGGING)
    inside, outside = (json.loads(line) for line in stream.getvalue().strip().splitlines())
    assert inside["message"] == "inside view"
    assert inside["request_id"] == "req-0000000042"
    assert inside["level"] == "WARNING" and inside["logger"] == "sigap.test"
    assert "time" in inside
    assert outside["request_id"] == "-"
