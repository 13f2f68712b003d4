"""The demo data loads twice without error and leaves one request waiting for the review."""

import io

from django.core.management.base import OutputWrapper

from sigap.accounts.roles import Role
from sigap.logistics import demo
from sigap.logistics.models import LogisticsRequest, RequestStatus
from sigap.logistics.selectors import ledger_mismatches


def test_demo_is_idempotent_and_waits_at_review(cast):
    cast.office("lebak")
    for role in (Role.HEAD_OF_OFFICE, Role.HEAD_OF_DIVISION, Role.WAREHOUSE_OFFICER):
        cast.user("banten", role)
    out = OutputWrapper(io.StringIO())
    demo.load(stdout=out)
    demo.load(stdout=out)
    request = LogisticsRequest.objects.get()
    assert request.status == RequestStatus.DISPOSED
    assert request.regency_office.code == "lebak"
    assert ledger_mismatches() == []


def test_demo_with_the_region_table_loaded_names_the_regions(cast):
    from sigap.logistics.models import EventRegion
    from sigap.regions.testing import load_test_regions

    load_test_regions()
    cast.office("lebak")
    demo.load(stdout=OutputWrapper(io.StringIO()))
    names = set(EventRegion.objects.values_list("region_name", flat=True))
    assert "Rangkasbitung" in names


def test_unknown_region_code_is_refused_once_regions_are_loaded(world):
    import pytest
    from django.core.exceptions import ValidationError

    from sigap.logistics.services.events import event_region_add
    from sigap.regions.testing import load_test_regions

    load_test_regions()
    with pytest.raises(ValidationError):
        event_region_add(event=world.event, region_code="36.02.99")
    assert event_region_add(event=world.event, region_code="36.02.14").region_name
