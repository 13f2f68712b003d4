"""Helpers of the survey tests: a clean rate-limit cache, a service standard and answers."""

import time
from datetime import date

import pytest
from django.core import signing
from django.core.cache import cache

from sigap.complaints import abuse
from sigap.standards.models import ServiceStandard
from sigap.surveys.services import survey_response_submit

PROFILE = {"sex": "f", "age": 35, "education": "sma", "occupation": "homemaker"}


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def started_ago(seconds: float = 30) -> str:
    return signing.dumps(time.time() - seconds, salt=abuse._SALT)


@pytest.fixture
def standard(cast):
    office = cast.office("sragen")
    return ServiceStandard.objects.create(
        office=office,
        unit=office.units.first(),
        code="sragen-bpnt",
        name="Bantuan Pangan Non Tunai",
        time_limit_kind="budget_year",
        time_limit_text="1 tahun anggaran",
        fee_text="Gratis",
    )


@pytest.fixture
def answer(cast):
    def make(office_code="sragen", values=None, on=date(2026, 3, 2), standard=None, **kw):
        values = values or {f"u{i}": 3 for i in range(1, 10)}
        return survey_response_submit(
            office=cast.office(office_code),
            answers=values,
            answered_on=on,
            standard=standard,
            **{**PROFILE, **kw},
        )

    return make
