"""The demo requests load on the demo offices and standards, once."""

import io

import pytest
from django.core.management.base import OutputWrapper

from sigap.applications.models import Request, RequestStatus


@pytest.mark.slow  # renders a dozen PDFs
def test_demo_requests_load_once(db):
    from sigap.accounts import demo as accounts_demo
    from sigap.applications import demo
    from sigap.standards import demo as standards_demo

    out = OutputWrapper(io.StringIO())
    accounts_demo.load(stdout=out)
    standards_demo.load(stdout=out)
    demo.load(stdout=out)
    statuses = sorted(Request.objects.values_list("status", flat=True))
    assert statuses.count(RequestStatus.COMPLETED) == 2
    assert RequestStatus.RETURNED not in statuses
    demo.load(stdout=out)
    assert Request.objects.count() == 5
