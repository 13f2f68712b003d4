"""Delivery adapters: Django mail for e-mail, and the SMS/WhatsApp gateway (console or HTTP).

`SIGAP_SMS_BACKEND = "http"` posts {to, message, channel} as JSON to SIGAP_SMS_URL with
`Authorization: Bearer <SIGAP_SMS_KEY>`; any non-2xx answer or network error is a failure.
"""

import logging

import httpx
from django.conf import settings
from django.core.mail import EmailMessage

logger = logging.getLogger(__name__)

HTTP_TIMEOUT = httpx.Timeout(10.0, connect=5.0)


class DeliveryError(Exception):
    """The gateway did not accept the message; the outbox row will be retried."""


# Tests replace this with an httpx.MockTransport; production uses the default transport.
_transport: httpx.BaseTransport | None = None


def set_transport(transport: httpx.BaseTransport | None) -> None:
    global _transport
    _transport = transport


def send_email(*, to: str, subject: str, body: str) -> None:
    try:
        EmailMessage(subject=subject, body=body, to=[to]).send(fail_silently=False)
    except Exception as exc:  # SMTP errors come in many classes; all mean "retry later"
        raise DeliveryError(f"e-mail: {exc.__class__.__name__}: {exc}") from exc


def send_phone_message(*, to: str, body: str, channel: str) -> None:
    backend = getattr(settings, "SIGAP_SMS_BACKEND", "console")
    if backend == "console":
        logger.warning("[%s to %s] %s", channel, to, body)
        return
    if backend != "http":
        raise DeliveryError(f"unknown SIGAP_SMS_BACKEND {backend!r}")
    url = getattr(settings, "SIGAP_SMS_URL", "")
    if not url:
        raise DeliveryError("SIGAP_SMS_URL is not set")
    headers = {"Authorization": f"Bearer {getattr(settings, 'SIGAP_SMS_KEY', '')}"}
    try:
        with httpx.Client(timeout=HTTP_TIMEOUT, transport=_transport) as client:
            response = client.post(
                url, json={"to": to, "message": body, "channel": channel}, headers=headers
            )
    except httpx.HTTPError as exc:
        raise DeliveryError(f"{channel}: {exc.__class__.__name__}: {exc}") from exc
    if not response.is_success:
        raise DeliveryError(f"{channel}: gateway answered HTTP {response.status_code}")
