"""Lookups, bulk existence, name search, the path of a region, and the NIK lookup glue."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sigap.identity import WarningCode, validate_nik
from sigap.regions.models import Region
from sigap.regions.selectors import (
    nik_region_lookup,
    nik_region_lookup_preloaded,
    region_exists,
    region_get,
    region_label,
    region_path,
    regions_existing,
    regions_search,
)


def test_region_get_accepts_dotted_and_undotted_codes(regions):
    assert region_get("33.14").name == "Kabupaten Sragen"
    assert region_get("3314").code == "33.14"
    assert region_get("99.99") is None
    assert region_get("not a code") is None


def test_region_exists_checks_the_level_and_ignores_retired_codes(regions):
    assert region_exists("33.14", level="regency")
    assert not region_exists("33.14", level="district")
    Region.objects.filter(code="33.14.01.2001").update(retired_in=Region.objects.first().edition)
    assert not region_exists("33.14.01.2001")
    assert region_exists("33.14.01.2001", include_retired=True)


def test_regions_existing_returns_the_given_codes_that_exist_in_one_query_per_chunk(regions):
    codes = ["33.14", "3314010", "65.71.01.1001", "99.99", "garbage", "6571011001"]
    with CaptureQueriesContext(connection) as queries:
        found = regions_existing(codes)
    assert found == {"33.14", "65.71.01.1001", "6571011001"}
    assert len(queries) == 1


def test_regions_existing_chunks_large_inputs(regions):
    codes = [f"33.14.01.{n:04d}" for n in range(1200)]
    with CaptureQueriesContext(connection) as queries:
        regions_existing(codes)
    assert len(queries) == 3


def test_search_is_case_insensitive_and_puts_name_starts_first(regions):
    results = regions_search("SRAGEN")
    names = [r.name for r in results]
    assert names[0] == "Sragen"  # the district, whose name starts with the query
    assert "Kabupaten Sragen" in names
    assert all("sragen" in n.lower() for n in names)


def test_search_filters_by_level_and_parent(regions):
    villages = regions_search("a", level="village", parent="65.71.01", limit=100)
    assert villages
    assert all(r.parent_id == "65.71.01" and r.level == "village" for r in villages)


def test_search_by_code_prefix(regions):
    results = regions_search("65.71.01", limit=100)
    assert results[0].code == "65.71.01"
    assert all(r.code.startswith("65.71.01") for r in results)


def test_search_without_a_query_lists_provinces_or_children(regions):
    assert [r.code for r in regions_search()] == ["33", "36", "65"]
    assert [r.code for r in regions_search(parent="65.71")] == [
        "65.71.01",
        "65.71.02",
        "65.71.03",
        "65.71.04",
    ]


def test_search_leaves_out_retired_regions(regions):
    Region.objects.filter(code="33.14").update(retired_in=Region.objects.first().edition)
    assert "33.14" not in [r.code for r in regions_search("Kabupaten Sragen")]


def test_region_path_goes_from_village_to_province(regions):
    path = region_path("33.14.01.2001")
    assert [r.code for r in path] == ["33.14.01.2001", "33.14.01", "33.14", "33"]
    assert region_label("33.14.01.2001") == "Keden, Kalijambe, Kabupaten Sragen, Jawa Tengah"
    assert region_path("33.14.99") == []


def test_nik_lookup_warns_for_an_unknown_district_only(regions):
    ok = validate_nik("3314010101900001", region_lookup=nik_region_lookup)
    assert ok.warnings == ()
    unknown = validate_nik("3314990101900001", region_lookup=nik_region_lookup)
    assert unknown.warning_codes == (WarningCode.UNKNOWN_DISTRICT,)


def test_preloaded_nik_lookup_answers_without_queries(regions):
    lookup = nik_region_lookup_preloaded()
    with CaptureQueriesContext(connection) as queries:
        assert lookup("33.14") and lookup("33.14.01") and not lookup("33.99")
    assert len(queries) == 0


@pytest.mark.django_db
def test_without_region_data_the_nik_lookup_never_warns():
    assert validate_nik("3399990101900001", region_lookup=nik_region_lookup).warnings == ()
    assert nik_region_lookup_preloaded()("33.99")
