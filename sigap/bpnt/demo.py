"""Demo BPNT of Kabupaten Sragen on the demo registry: the companion's areas, stage 1 of this
year with its Camat letters and delivery report, three problem tickets (one resolved with a
recommendation letter, one left unassigned); the letters initialled by the Kepala Bidang and
signed by the Kepala Dinas, two monitoring visits and an education session.
Safe to run again: each piece is looked up before it is made."""

import datetime

from django.core.management.base import OutputWrapper

from sigap.accounts.models import Office, User
from sigap.bpnt import companions, monitoring, services
from sigap.bpnt.models import (
    DistributionStage,
    EducationSession,
    MonitoringVisit,
    ProblemTicket,
    Recommendation,
)
from sigap.registry.models import Person, Programme, ProgrammeMembership

AREAS = ["33.14.01", "33.14.02"]  # Kalijambe and Plupuh; Kota Sragen (33.14.10) is left open
TICKETS = [
    # (village of the KPM, kind, reporter, description, resolution or "", recommendation)
    (
        "33.14.01.2002",
        "kks_lost",
        "beneficiary",
        "KKS hilang saat banjir; KPM tidak bisa mencairkan bantuan tahap 1.",
        "KKS diblokir dan diganti; rekomendasi penggantian kartu dikirim ke BNI.",
        Recommendation.BANK,
    ),
    (
        "33.14.02.2001",
        "zero_balance",
        "companion",
        "Saldo KKS 0 pada jadwal penyaluran tahap 1, padahal KPM ada di data SP2D.",
        "",
        Recommendation.NONE,
    ),
    (
        "33.14.10.1005",
        "failed_tx",
        "beneficiary",
        "Transaksi gagal di e-warong tiga kali; saldo terpotong.",
        "",
        Recommendation.NONE,
    ),
]


def _user(role: str) -> User | None:
    return User.objects.filter(username=f"sragen.{role}").first()


def _kpm(office, village: str) -> Person | None:
    year = datetime.date.today().year
    return (
        Person.objects.filter(
            village_code=village,
            memberships__office=office,
            memberships__programme=Programme.BPNT,
            memberships__year=year,
        )
        .order_by("pk")
        .first()
    )


def _areas(office, head, companion) -> None:
    for code in AREAS:
        companions.area_assign(
            office=office, companion=companion, region_code=code, assigned_by=head
        )


def _stage(office, head) -> DistributionStage:
    year = datetime.date.today().year
    stage = DistributionStage.objects.filter(office=office, year=year, number=1).first()
    if stage is None:
        stage = services.stage_create(
            office=office,
            year=year,
            number=1,
            period="Januari-Maret",
            distribution_date=datetime.date(year, 2, 17),
        )
    services.stage_notices_draft(stage=stage, user=head)
    if not stage.beneficiaries.filter(delivered__isnull=False).exists():
        niks = list(stage.beneficiaries.values_list("person__nik", flat=True).order_by("pk"))
        rows = ["nik,delivered"] + [
            f"{nik},{'tidak' if i == 0 else 'ya'}" for i, nik in enumerate(niks)
        ]
        services.stage_deliveries_record(stage=stage, data="\n".join(rows).encode())
    return stage


def _tickets(office, head) -> int:
    made = 0
    for village, kind, reporter, description, resolution, recommendation in TICKETS:
        person = _kpm(office, village)
        if person is None or ProblemTicket.objects.filter(person=person, kind=kind).exists():
            continue
        ticket = services.ticket_create(
            office=office,
            person=person,
            kind=kind,
            reporter=reporter,
            description=description,
            created_by=head,
        )
        if resolution:
            services.ticket_start(ticket=ticket, user=ticket.assigned_to or head)
            services.ticket_resolve(
                ticket=ticket,
                user=ticket.assigned_to or head,
                resolution=resolution,
                recommendation=recommendation,
            )
        made += 1
    return made


def _approve_letters(office, head, kadis) -> None:
    """The drafts go the Dinas way: the Kepala Bidang initials, the Kepala Dinas signs (or the
    Kepala Bidang signs on the Kepala Dinas's behalf when the demo has no Kepala Dinas)."""
    from sigap.bpnt import letters
    from sigap.bpnt.models import LetterDraft, LetterStatus

    for draft in LetterDraft.objects.filter(office=office, status=LetterStatus.AWAITING_INITIALS):
        if kadis is None:
            letters.letter_sign(letter=draft, user=head)
            continue
        draft = letters.letter_initial(letter=draft, user=head)
        letters.letter_sign(letter=draft, user=kadis)


def _visits(office, companion, head) -> None:
    today = datetime.date.today()
    person = _kpm(office, "33.14.01.2001")
    if person and not MonitoringVisit.objects.filter(office=office, person=person).exists():
        monitoring.visit_record(
            office=office,
            visited_by=companion,
            target="beneficiary",
            person=person,
            visit_date=today - datetime.timedelta(days=10),
            findings="Bantuan dibelanjakan beras, telur dan minyak; belum membeli sayur/buah.",
            carbohydrate=True,
            protein=True,
            vitamin=False,
            mineral=True,
            follow_up="Edukasi gizi seimbang pada pertemuan kelompok berikutnya.",
        )
    if not MonitoringVisit.objects.filter(office=office, target="ewarong").exists():
        monitoring.visit_record(
            office=office,
            visited_by=head,
            target="ewarong",
            ewarong_name="E-Warong Makmur Keden",
            village_code="33.14.01.2001",
            visit_date=today - datetime.timedelta(days=7),
            findings="Harga terpajang, stok beras dan telur cukup, mesin EDC berfungsi.",
        )


def _session(office, companion) -> None:
    topic = "Belanja BPNT untuk gizi seimbang"
    session = EducationSession.objects.filter(office=office, topic=topic).first()
    if session is None:
        session = monitoring.session_create(
            office=office,
            held_by=companion,
            session_date=datetime.date.today() - datetime.timedelta(days=5),
            topic=topic,
            place="Balai Desa Keden, Kalijambe",
            village_code="33.14.01.2001",
        )
    kpm = ProgrammeMembership.objects.filter(
        office=office,
        programme=Programme.BPNT,
        year=datetime.date.today().year,
        person__village_code__startswith="33.14.01",
    ).values_list("person__nik", flat=True)
    niks = "\n".join(n for n in kpm if n)
    if niks and not session.attendees.exists():
        monitoring.session_attendance_add(session=session, niks=niks, visible=Person.objects.all())


def load(*, stdout: OutputWrapper) -> None:
    office = Office.objects.filter(code="sragen").first()
    head, companion = _user("head_of_division"), _user("social_companion")
    if office is None or head is None or companion is None:
        return
    if not ProgrammeMembership.objects.filter(office=office, programme=Programme.BPNT).exists():
        stdout.write("  bpnt: no BPNT list in the registry (run the registry demo first)")
        return
    _areas(office, head, companion)
    stage = _stage(office, head)
    made = _tickets(office, head)
    _approve_letters(office, head, _user("head_of_office"))
    _visits(office, companion, head)
    _session(office, companion)
    stdout.write(
        f"  bpnt: {stage} with {stage.beneficiaries.count()} KPM and "
        f"{stage.notices.count()} Camat letters, {made} new tickets"
    )
