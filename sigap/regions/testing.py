"""Test helper: load a small part of the region codes instead of all 90,000 rows.

`load_test_regions()` loads Sragen (33.14), Lebak (36.02) and Tarakan (65.71) with their
provinces: every office of the demo, about 850 rows, in a fraction of a second.
"""

from collections.abc import Sequence

from sigap.regions.services import LoadStats, regions_load

TEST_REGION_PREFIXES = ("33.14", "36.02", "65.71")


def load_test_regions(prefixes: Sequence[str] = TEST_REGION_PREFIXES, **kwargs) -> LoadStats:
    return regions_load(only=prefixes, **kwargs)
