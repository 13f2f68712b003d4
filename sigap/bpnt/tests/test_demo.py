"""The BPNT and registry demo data load on the cast's Sragen, and loading twice adds nothing."""

import io

from django.core.management.base import OutputWrapper

from sigap.accounts.roles import Role
from sigap.bpnt import demo as bpnt_demo
from sigap.bpnt.models import (
    CamatNotice,
    CompanionArea,
    EducationSession,
    MonitoringVisit,
    ProblemTicket,
)
from sigap.regions.testing import load_test_regions
from sigap.registry import demo as registry_demo
from sigap.registry.models import Person, ProgrammeMembership


def _counts() -> tuple:
    return (
        Person.objects.count(),
        ProgrammeMembership.objects.count(),
        CompanionArea.objects.count(),
        CamatNotice.objects.count(),
        ProblemTicket.objects.count(),
        MonitoringVisit.objects.count(),
        EducationSession.objects.get().attendees.count(),
    )


def test_the_demo_loads_a_working_bpnt_programme_and_is_idempotent(cast):
    load_test_regions(("33.14",))
    for role in (Role.HEAD_OF_DIVISION, Role.SOCIAL_COMPANION):
        cast.user("sragen", role)
    out = OutputWrapper(io.StringIO())
    registry_demo.load(stdout=out)
    bpnt_demo.load(stdout=out)
    first = _counts()
    registry_demo.load(stdout=out)
    bpnt_demo.load(stdout=out)
    assert _counts() == first
    assert first[0] >= 30
    tickets = ProblemTicket.objects.all()
    assert tickets.filter(status="resolved", document_id__isnull=False).count() == 1
    # Kota Sragen has no companion: that ticket waits for the head of division.
    assert [t.village_code[:8] for t in tickets.filter(assigned_to__isnull=True)] == ["33.14.10"]
    companion = cast.user("sragen", Role.SOCIAL_COMPANION)
    assert tickets.filter(assigned_to=companion).count() == 2
