"""Fixtures of the cash help tests: seed 002's standard and Sragen's officers."""

import pytest

from sigap.accounts.roles import Role
from sigap.applications.tests import factories


@pytest.fixture
def kehabisan_bekal(cast):
    return factories.kehabisan_bekal_standard(cast.office("sragen"))


@pytest.fixture
def sragen(cast):
    return {role: cast.user("sragen", role) for role in (Role.FRONT_OFFICE, Role.BACK_OFFICE)}


def intake_data(**overrides):
    data = {
        "police_letter_number": "SKET/123/XI/2026/Polres Sragen",
        "police_letter_date": "2026-11-20",
        "incident_date": "2026-11-20",
        "incident_place": "Terminal Pilangsari, Sragen",
        "incident_text": "Dompet hilang di bus; tidak punya uang untuk pulang.",
        "destination": "Desa Karangrejo, Kec. Ngawi, Kab. Ngawi",
        "next_office_text": "Dinas Sosial Kabupaten Ngawi",
        "amount": "150000",
    }
    data.update(overrides)
    return data
