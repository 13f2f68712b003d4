"""Shared helpers of the complaint tests: a clean rate-limit cache and a complaint factory."""

import time

import pytest
from django.core import signing
from django.core.cache import cache

from sigap.accounts.roles import Role
from sigap.complaints import abuse
from sigap.complaints.models import Channel
from sigap.complaints.services import complaint_receive


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def started_seconds_ago(seconds: float) -> str:
    return signing.dumps(time.time() - seconds, salt=abuse._SALT)


@pytest.fixture
def make_complaint(cast):
    def make(office_code: str = "banten", **kwargs):
        defaults = {
            "office": cast.office(office_code),
            "channel": Channel.SMS_WHATSAPP,
            "subject": "Bantuan belum sampai",
            "body": "Logistik untuk posko desa kami belum datang.",
            "name": "Siti Aminah",
            "phone": "081234567890",
        }
        defaults.update(kwargs)
        complaint, secret = complaint_receive(**defaults)
        complaint.secret = secret
        return complaint

    return make


@pytest.fixture
def officer(cast):
    return lambda office="banten": cast.user(office, Role.COMPLAINTS_OFFICER)
