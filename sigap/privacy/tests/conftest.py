"""Fixtures of the privacy tests: two persons with records in every app of Sragen."""

import pytest

from sigap.accounts.roles import Role
from sigap.privacy.tests import factories


@pytest.fixture
def sragen_head(cast):
    return cast.user("sragen", Role.HEAD_OF_OFFICE)


@pytest.fixture
def alfa(cast):
    return factories.footprint(
        cast.office("sragen"),
        tag="ALFA",
        nik="3314015205850001",
        name="Siti Aminah",
        phone="081234567890",
    )


@pytest.fixture
def bravo(cast, alfa):
    return factories.footprint(
        cast.office("sragen"),
        tag="BRAVO",
        nik="3314011706790002",
        name="Budi Santoso",
        phone="081299990000",
    )


def basis(**overrides) -> dict:
    data = {
        "letter_number": "001/PDP/XI/2026",
        "letter_date": "2026-11-23",
        "requester_name": "Siti Aminah",
        "requester_relation": "self",
        "identity_document": "KTP",
        "identity_verified": True,
    }
    data.update(overrides)
    return data
