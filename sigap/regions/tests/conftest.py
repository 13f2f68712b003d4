import pytest

from sigap.regions.testing import load_test_regions


@pytest.fixture
def regions(db):
    """Sragen, Lebak and Tarakan with their provinces (about 630 rows), not all 91,599."""
    return load_test_regions()
