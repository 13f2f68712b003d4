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
