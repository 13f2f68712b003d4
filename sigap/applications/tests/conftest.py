"""Fixtures of the applications tests: the seed standards and their officers."""

import pytest

from sigap.accounts.roles import Role
from sigap.applications.tests import factories


@pytest.fixture
def sembako(cast):
    return factories.sembako_standard(cast.office("tarakan"))


@pytest.fixture
def kehabisan_bekal(cast):
    return factories.kehabisan_bekal_standard(cast.office("sragen"))


@pytest.fixture
def tarakan(cast):
    """Tarakan's officers by role, as the seed 001 procedure needs them."""
    return {
        role: cast.user("tarakan", role)
        for role in (
            Role.FRONT_OFFICE,
            Role.BACK_OFFICE,
            Role.SECTION_HEAD,
            Role.HEAD_OF_OFFICE,
        )
    }
