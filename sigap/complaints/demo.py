"""Demo complaints on several channels, one referred from the province to Lebak, and the
2026 collective leave days (cuti bersama) as office days off. Idempotent."""

from datetime import date

from django.core.management.base import OutputWrapper

from sigap.accounts.models import Office, User
from sigap.accounts.roles import Role
from sigap.complaints.models import Channel, Complaint, ComplaintSettings, OfficeDayOff
from sigap.complaints.services import (
    complaint_complete,
    complaint_receive,
    complaint_refer,
    complaint_respond,
    complaint_verify,
)

# Demo values: set the office's own list from the joint ministerial decree (SKB) each year.
CUTI_BERSAMA_2026 = [
    (date(2026, 3, 20), "Cuti bersama Idul Fitri"),
    (date(2026, 3, 23), "Cuti bersama Idul Fitri"),
    (date(2026, 3, 24), "Cuti bersama Idul Fitri"),
    (date(2026, 12, 24), "Cuti bersama Natal"),
]


def _officer(office: Office) -> User | None:
    return User.objects.filter(
        office=office, role_assignments__role=Role.COMPLAINTS_OFFICER
    ).first()


def load(*, stdout: OutputWrapper) -> None:
    offices = {o.code: o for o in Office.objects.all()}
    for office in offices.values():
        ComplaintSettings.objects.get_or_create(office=office)
        for day, name in CUTI_BERSAMA_2026:
            OfficeDayOff.objects.get_or_create(office=office, day=day, defaults={"name": name})
    if Complaint.objects.exists() or not {"banten", "lebak", "sragen", "tarakan"} <= set(offices):
        stdout.write("Complaints: demo data already there (or offices missing).")
        return
    banten, lebak = offices["banten"], offices["lebak"]
    officer_banten, officer_lebak = _officer(banten), _officer(lebak)
    complaint, _ = complaint_receive(
        office=banten,
        channel=Channel.SMS_WHATSAPP,
        subject="Logistik belum sampai ke posko",
        body="Posko banjir di Desa Sukamaju belum menerima logistik sejak tiga hari.",
        name="Ahmad Fauzi",
        phone="081234560001",
    )
    if officer_banten and officer_lebak:
        complaint_verify(complaint=complaint, by=officer_banten)
        complaint_refer(
            complaint=complaint,
            by=officer_banten,
            to_office=lebak,
            note="Mohon dicek ke posko Desa Sukamaju.",
        )
        complaint_respond(
            complaint=complaint,
            by=officer_lebak,
            text="Petugas TAGANA sudah menuju posko untuk pendataan kebutuhan.",
        )
    sragen_lapor, _ = complaint_receive(
        office=offices["sragen"],
        channel=Channel.LAPOR,
        lapor_number="LAP-2026-0001234",
        subject="Saldo KKS 0",
        body="Saldo BPNT di KKS saya 0 padahal terdaftar.",
        anonymous=True,
        received_on=date(2026, 3, 2),
        by=_officer(offices["sragen"]),
    )
    officer_sragen = _officer(offices["sragen"])
    if officer_sragen:
        complaint_verify(complaint=sragen_lapor, by=officer_sragen)
        complaint_respond(
            complaint=sragen_lapor,
            by=officer_sragen,
            text="Pendamping sosial sudah mengirim rekomendasi ke BNI.",
        )
        complaint_complete(
            complaint=sragen_lapor,
            by=officer_sragen,
            summary="Saldo sudah masuk pada penyaluran berikutnya.",
        )
    complaint_receive(
        office=offices["tarakan"],
        channel=Channel.COMPLAINT_BOX,
        subject="Antrean lama",
        body="Antrean pengurusan surat keterangan KKS lebih dari satu jam.",
        name="Warga Tarakan",
        phone="081234560003",
        confidential=True,
    )
    stdout.write("Complaints: demo complaints recorded (one referred from Banten to Lebak).")
