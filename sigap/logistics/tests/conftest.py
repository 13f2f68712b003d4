"""Factories for the logistics tests: a Lebak flood with a status in force, a posko, stock."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from sigap.accounts.roles import Role
from sigap.logistics.models import Item, ItemCategory, Warehouse
from sigap.logistics.services.events import emergency_status_declare, event_create, posko_create
from sigap.logistics.services.requests import IntakeLine, request_file
from sigap.logistics.services.stock import ReceiptLine, stock_receive

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


class World:
    """The objects most tests need, created lazily on the fixed cast."""

    def __init__(self, cast) -> None:
        self.cast = cast
        self.banten = cast.office("banten")
        self.lebak = cast.office("lebak")
        self.today = timezone.localdate()
        self.staff = {
            role: cast.user("banten", role)
            for role in (
                Role.HEAD_OF_OFFICE,
                Role.HEAD_OF_DIVISION,
                Role.SOCIAL_COUNSELLOR,
                Role.WAREHOUSE_OFFICER,
                Role.FRONT_OFFICE,
            )
        }
        self.event = event_create(
            office=self.banten,
            name="Banjir Lebak",
            kind="flood",
            occurred_on=self.today - timedelta(days=2),
            region_codes=["36.02"],
            user=self.staff[Role.HEAD_OF_OFFICE],
        )
        self.status = emergency_status_declare(
            event=self.event,
            decree_number="360/Kep.100-BPBD/2026",
            starts_on=self.today - timedelta(days=2),
            ends_on=self.today + timedelta(days=12),
            user=self.staff[Role.HEAD_OF_OFFICE],
        )
        self.posko = posko_create(
            event=self.event,
            name="Posko Cibadak",
            region_code="36.02.01",
            coordinator="Ujang",
            contact="081200000001",
        )
        self.warehouse = Warehouse.objects.create(
            office=self.banten, code="gudang-serang", name="Gudang Serang"
        )
        self.rice = Item.objects.create(
            code="beras",
            name="Beras",
            category=ItemCategory.FOOD,
            unit="kg",
            pack_size=25,
            min_stock=500,
        )
        self.blanket = Item.objects.create(
            code="selimut", name="Selimut", category=ItemCategory.NON_FOOD, unit="lembar"
        )

    def user(self, role: str):
        return self.staff.get(role) or self.cast.user("banten", role)

    def receive(
        self, item, quantity: int, lot: str, expires_on: date | None = None, warehouse=None
    ):
        return stock_receive(
            warehouse=warehouse or self.warehouse,
            received_on=self.today,
            source="apbd",
            lines=[ReceiptLine(item=item, quantity=quantity, lot_code=lot, expires_on=expires_on)],
            user=self.user(Role.WAREHOUSE_OFFICER),
        )

    def request(self, lines=None, **overrides):
        data = {
            "office": self.banten,
            "event": self.event,
            "region_code": "36.02.01.2001",
            "posko": self.posko,
            "requester_kind": "posko",
            "requester_name": "Posko Cibadak",
            "people_affected": 320,
            "letter_number": "460/123-Dinsos/2026",
            "letter_date": self.today,
            "assessment_by": "Siti (Pekerja Sosial)",
            "assessment_summary": "80 KK mengungsi, kebutuhan pangan dan selimut.",
            "lines": lines or [IntakeLine(self.rice, 100), IntakeLine(self.blanket, 50)],
            "user": self.user(Role.FRONT_OFFICE),
        }
        data.update(overrides)
        return request_file(**data)


@pytest.fixture
def world(cast) -> World:
    return World(cast)
