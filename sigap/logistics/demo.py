"""Demo data: a flood in Lebak under an emergency status, two posts, the province warehouse with
rice, instant noodles, blankets and tarpaulins, and one request waiting for the review (step c).
"""

from datetime import timedelta

from django.core.management.base import OutputWrapper
from django.db import transaction
from django.utils import timezone

from sigap.accounts.models import Office, User
from sigap.accounts.roles import Role
from sigap.logistics.models import DisasterEvent, Item, ItemCategory, LogisticsRequest, Warehouse
from sigap.logistics.services.events import emergency_status_declare, event_create, posko_create
from sigap.logistics.services.requests import (
    IntakeLine,
    request_dispose,
    request_file,
    request_receive,
)
from sigap.logistics.services.stock import ReceiptLine, stock_receive

EVENT_NAME = "Banjir Kabupaten Lebak November 2026"
ITEMS = [
    # code, name, category, unit, pack size, pack name, low-stock level
    ("beras", "Beras", ItemCategory.FOOD, "kg", 25, "karung", 1000),
    ("mi-instan", "Mi instan", ItemCategory.FOOD, "bungkus", 40, "dus", 500),
    ("selimut", "Selimut", ItemCategory.NON_FOOD, "lembar", 20, "bal", 100),
    ("terpal", "Terpal 4x6 m", ItemCategory.NON_FOOD, "lembar", 10, "bal", 50),
    ("kasur-lipat", "Kasur lipat", ItemCategory.NON_FOOD, "buah", 1, "", 20),
    ("paket-sandang", "Paket sandang", ItemCategory.NON_FOOD, "paket", 1, "", 50),
]


def _user(office: Office, role: str) -> User | None:
    return User.objects.filter(username=f"{office.code}.{role}").first()


def _items() -> dict[str, Item]:
    found = {}
    for code, name, category, unit, pack, pack_name, level in ITEMS:
        found[code], _created = Item.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "category": category,
                "unit": unit,
                "pack_size": pack,
                "pack_name": pack_name,
                "min_stock": level,
            },
        )
    return found


def _stock(office: Office, items: dict[str, Item]) -> Warehouse:
    warehouse, created = Warehouse.objects.get_or_create(
        office=office,
        code="gudang-provinsi",
        defaults={
            "name": "Gudang Logistik Dinas Sosial Provinsi Banten",
            "region_code": "36.73",
            "address": "Jl. Syech Nawawi Al Bantani, Serang",
        },
    )
    if not created:
        return warehouse
    today = timezone.localdate()
    keeper = _user(office, Role.WAREHOUSE_OFFICER)
    stock_receive(
        warehouse=warehouse,
        received_on=today - timedelta(days=120),
        source="apbd",
        source_detail="APBD Provinsi Banten 2026, belanja bantuan sosial",
        reference="BAST-PBJ/2026/07",
        user=keeper,
        lines=[
            ReceiptLine(items["beras"], 2000, "BRS-2026-07", today + timedelta(days=25)),
            ReceiptLine(items["mi-instan"], 1200, "MI-2026-07", today + timedelta(days=150)),
            ReceiptLine(items["selimut"], 400, "SLM-2026-07"),
            ReceiptLine(items["terpal"], 150, "TRP-2026-07"),
        ],
    )
    stock_receive(
        warehouse=warehouse,
        received_on=today - timedelta(days=20),
        source="apbn",
        source_detail="Buffer stock Kementerian Sosial RI",
        reference="Kemensos/Linjamsos/2026/311",
        user=keeper,
        lines=[
            ReceiptLine(items["beras"], 3000, "BRS-2026-10", today + timedelta(days=210)),
            ReceiptLine(items["kasur-lipat"], 60, "KSR-2026-10"),
        ],
    )
    stock_receive(
        warehouse=warehouse,
        received_on=today - timedelta(days=5),
        source="donation",
        source_detail="Donasi Bank Banten",
        user=keeper,
        lines=[ReceiptLine(items["mi-instan"], 400, "MI-DON-2026-11", today + timedelta(days=20))],
    )
    return warehouse


@transaction.atomic
def load(*, stdout: OutputWrapper) -> None:
    banten = Office.objects.filter(code="banten").first()
    if banten is None:
        stdout.write("Logistics demo skipped: no Banten office.")
        return
    items = _items()
    warehouse = _stock(banten, items)
    if DisasterEvent.objects.filter(office=banten, name=EVENT_NAME).exists():
        stdout.write("Logistics demo already loaded.")
        return
    today = timezone.localdate()
    head = _user(banten, Role.HEAD_OF_OFFICE)
    event = event_create(
        office=banten,
        name=EVENT_NAME,
        kind="flood",
        occurred_on=today - timedelta(days=3),
        region_codes=["36.02.01", "36.02.14", "36.02.18"],
        description="Luapan Sungai Ciujung dan Cidurian; 1.240 jiwa mengungsi.",
        user=head,
    )
    emergency_status_declare(
        event=event,
        decree_number="360/Kep.412-BPBD/2026",
        starts_on=today - timedelta(days=3),
        ends_on=today + timedelta(days=11),
        user=head,
    )
    posko = posko_create(
        event=event,
        name="Posko Utama Rangkasbitung",
        region_code="36.02.14.1002",
        latitude="-6.358900",
        longitude="106.247800",
        coordinator="H. Dadang Suryana",
        contact="081311220033",
        address="Halaman Pendopo Kabupaten Lebak",
    )
    posko_create(
        event=event,
        name="Posko Desa Tambakbaya",
        region_code="36.02.18.2001",
        latitude="-6.441200",
        longitude="106.205300",
        coordinator="Ujang Saepudin",
        contact="085711002244",
        address="Balai Desa Tambakbaya, Cibadak",
    )
    request = request_file(
        office=banten,
        event=event,
        region_code="36.02.14.1002",
        posko=posko,
        requester_kind="posko",
        requester_name="Posko Utama Rangkasbitung",
        requester_contact="081311220033",
        people_affected=640,
        families_affected=170,
        letter_number="460/1187-Dinsos/XI/2026",
        letter_date=today - timedelta(days=1),
        assessment_by="Rina Marlina, S.Tr.Sos (Pekerja Sosial) dan TAGANA Lebak",
        assessment_summary=(
            "170 KK mengungsi di 3 titik; kebutuhan pangan 7 hari, selimut dan terpal."
        ),
        lines=[
            IntakeLine(items["beras"], 1000),
            IntakeLine(items["mi-instan"], 600),
            IntakeLine(items["selimut"], 170),
            IntakeLine(items["terpal"], 40),
        ],
        user=_user(banten, Role.FRONT_OFFICE),
    )
    request_receive(request=request, user=head, note="Diterima, diketahui Dinsos Kab. Lebak.")
    request_dispose(
        request=request,
        user=_user(banten, Role.HEAD_OF_DIVISION),
        note="Teliti dan saran; prioritaskan pangan.",
    )
    stdout.write(
        f"Logistics: {EVENT_NAME} with 2 posts, {warehouse.name}, request "
        f"{LogisticsRequest.objects.get(pk=request.pk).code} waiting for the review."
    )
