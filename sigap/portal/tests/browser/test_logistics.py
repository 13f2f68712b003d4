"""Seed 000 (Banten, emergency logistics) end to end in Chromium: the front office files a post's
request under a status in force, the head of office receives it, the Kepala Bidang disposes, the
counsellor reviews, the Kepala Bidang approves, the counsellor dispatches and hands over with the
recipient's signature drawn on the screen; the BAST is a PDF.

Logistics requests have no public tracking page (the requester is a post or a village, which
hears from the regency office): the request page's status stands in for it."""

from datetime import timedelta

import pytest

from sigap.accounts.roles import Role
from sigap.conftest import screenshot
from sigap.logistics.models import LogisticsRequest, Lot, RequestStatus
from sigap.logistics.tests.conftest import World
from sigap.portal.tests.browser.conftest import assert_pdf, log_in_as
from sigap.portal.tests.browser.flows import fill, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
STEP_FORM = "form.card"


def _sign(page) -> None:
    """Draws a stroke on the signature pad, as a finger would."""
    canvas = page.locator("[data-signature-pad] canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 30)
    page.mouse.down()
    for step in range(1, 8):
        page.mouse.move(box["x"] + 20 + step * 30, box["y"] + 30 + (step % 2) * 25)
    page.mouse.up()
    stored = page.locator("[data-signature-pad] input[type=hidden]").input_value()
    assert stored.startswith("data:image/png")


def test_a_posts_request_goes_from_filing_to_the_signed_bast(page, cast):
    world = World(cast)
    world.receive(world.rice, 500, "B-01", world.today + timedelta(days=40))
    world.receive(world.blanket, 100, "S-1")
    as_role = lambda role: log_in_as(page, world.user(role))  # noqa: E731

    as_role(Role.FRONT_OFFICE)
    page.goto(f"{page.base_url}/staff/logistics/requests/new")
    page.get_by_role("link", name=world.event.name).click()
    fill(
        page,
        {
            "region_code": "36.02.01.2001",
            "posko": str(world.posko.pk),
            "requester_kind": "posko",
            "requester_name": "Posko Cibadak",
            "people_affected": "200",
            "letter_number": "460/1/2026",
            "letter_date": world.today.isoformat(),
            "assessment_by": "Siti (Pekerja Sosial)",
            "assessment_summary": "50 KK mengungsi",
            "lines-0-item": str(world.rice.pk),
            "lines-0-quantity": "100",
            "lines-1-item": str(world.blanket.pk),
            "lines-1-quantity": "30",
        },
    )
    submit(page)
    request = LogisticsRequest.objects.get()
    lines = {line.item_id: line.pk for line in request.lines.all()}
    steps = [
        (Role.HEAD_OF_OFFICE, {"note": "Diterima, diketahui Dinsos Lebak"}),
        (Role.HEAD_OF_DIVISION, {"note": "Teliti dan saran"}),
        (
            Role.SOCIAL_COUNSELLOR,
            {
                "warehouse": str(world.warehouse.pk),
                "note": "Layak dibantu sesuai asesmen",
                f"line_{lines[world.rice.pk]}": "80",
                f"line_{lines[world.blanket.pk]}": "20",
            },
        ),
        (Role.HEAD_OF_DIVISION, {"decision": "approve", "reason": "Sesuai telaahan"}),
        (
            Role.SOCIAL_COUNSELLOR,
            {"warehouse": str(world.warehouse.pk), "vehicle": "A 1234 BC", "driver_name": "Asep"},
        ),
    ]
    for role, fields in steps:
        as_role(role)
        page.goto(f"{page.base_url}/staff/logistics/requests/{request.pk}/")
        fill(page, fields, within=STEP_FORM)
        submit(page, STEP_FORM)
    assert Lot.objects.get(lot_code="B-01").quantity_on_hand == 420

    page.reload()
    fill(
        page,
        {"place": "Posko Cibadak", "recipient_name": "Ujang", "recipient_position": "Koordinator"},
        within=STEP_FORM,
    )
    # Everything sent arrived (the quantities are filled in already).
    _sign(page)
    screenshot(page, "logistics-handover-phone")
    submit(page, STEP_FORM)
    request.refresh_from_db()
    assert request.status == RequestStatus.HANDED_OVER
    assert request.dispatch.handover.signature  # the drawn signature was kept
    assert page.locator(".badge-ok").inner_text() == "Diserahterimakan (BAST ditandatangani)"
    screenshot(page, "logistics-handed-over-phone")
    assert_pdf(page, page.get_by_role("link", name="BAST (PDF)").get_attribute("href"))
