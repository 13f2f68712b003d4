"""Builds one person's records in every app, straight with the ORM (the apps' own tests cover
how those records come about)."""

import secrets
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from sigap.applications.models import Channel, Request, RequestStatus
from sigap.applications.tests import factories as app_factories
from sigap.bpnt.models import (
    DistributionStage,
    EducationSession,
    MonitoringVisit,
    ProblemTicket,
    Reporter,
    StageBeneficiary,
    TicketKind,
    VisitTarget,
)
from sigap.cashaid.models import CashAid
from sigap.complaints.models import Channel as ComplaintChannel
from sigap.complaints.models import Complaint
from sigap.logistics.models import DisasterEvent, LogisticsRequest, RequesterKind
from sigap.notifications.models import Notification
from sigap.registry.models import Family, Person, Programme, ProgrammeMembership
from sigap.surveys.models import SurveyInvitation, SurveyResponse


@dataclass
class Footprint:
    """A person and the strings that must appear in (or stay out of) an export."""

    person: Person
    request: Request
    marks: list[str] = field(default_factory=list)


def _standard(office):
    from sigap.standards.models import ServiceStandard

    found = ServiceStandard.objects.filter(office=office).first()
    return found or app_factories.kehabisan_bekal_standard(office)


def _complaint(office, *, code: str, name: str = "", phone: str = "", anonymous=False, **extra):
    today = timezone.localdate()
    return Complaint.objects.create(
        code=code,
        secret_digest="0" * 64,
        office=office,
        origin_office=office,
        channel=ComplaintChannel.PHONE,
        subject=extra.pop("subject", "Bantuan belum cair"),
        body=extra.pop("body", "Keluhan tentang bantuan."),
        anonymous=anonymous,
        complainant_name=name,
        complainant_phone=phone,
        received_on=today,
        verify_due=today,
        answer_due=today,
        complete_due=today,
        **extra,
    )


def footprint(office, *, tag: str, nik: str, name: str, phone: str, other_office=None):
    """Records of one person in `office` in every app; each carries `tag` in a free-text field
    so an export can be searched for it."""
    family = Family.objects.create(kk_number=f"{nik[:12]}9{nik[-3:]}", address=f"KK {tag}")
    person = Person.objects.create(
        nik=nik,
        name=name,
        phone=phone,
        email=f"{tag.lower()}@example.id",
        address=f"Jalan {tag}",
        village_code=f"{office.region_code}.01.2001",
        family=family,
    )
    ProgrammeMembership.objects.create(
        person=person, office=office, programme=Programme.BPNT, year=2026, kks_number=f"KKS{tag}"
    )
    request = Request.objects.create(
        code=f"R{tag}001",
        standard=_standard(office),
        office=office,
        applicant_person=person,
        channel=Channel.FRONT_OFFICE,
        status=RequestStatus.COMPLETED,
        contact_phone=phone,
        return_reason=f"Alasan {tag}",
    )
    CashAid.objects.create(
        request=request,
        office=office,
        nik=nik,
        police_letter_number=f"SKET/{tag}/2026",
        police_letter_date=date(2026, 11, 20),
        incident_date=date(2026, 11, 20),
        incident_place=f"Terminal {tag}",
        incident_text=f"Dompet {tag} hilang",
        destination=f"Desa {tag}",
        next_office_text="Dinas Sosial Kabupaten Ngawi",
        amount=Decimal("150000"),
    )
    event, _ = DisasterEvent.objects.get_or_create(
        office=office, name="Banjir", kind="flood", occurred_on=date(2026, 11, 1)
    )
    LogisticsRequest.objects.create(
        office=office,
        code=f"LOG-{tag}",
        application_id=request.pk,
        event=event,
        region_code=office.region_code,
        requester_kind=RequesterKind.COMMUNITY,
        requester_name=f"Warga {tag}",
        people_affected=4,
        letter_number=f"SURAT/{tag}",
        letter_date=date(2026, 11, 2),
        assessment_by="TAGANA",
        assessment_summary="Rumah terendam.",
    )
    ProblemTicket.objects.create(
        office=office,
        person=person,
        kind=TicketKind.ZERO_BALANCE,
        reporter=Reporter.BENEFICIARY,
        description=f"Saldo nol {tag}",
    )
    stage, _ = DistributionStage.objects.get_or_create(office=office, year=2026, number=1)
    StageBeneficiary.objects.create(stage=stage, person=person)
    MonitoringVisit.objects.create(
        office=office,
        target=VisitTarget.BENEFICIARY,
        person=person,
        visit_date=date(2026, 11, 10),
        findings=f"Temuan {tag}",
    )
    session = EducationSession.objects.create(
        office=office, session_date=date(2026, 11, 11), topic=f"Edukasi {tag}", place="Balai desa"
    )
    session.attendees.add(person)
    complaint = _complaint(
        office, code=f"ADU-{tag}", name=name, phone=phone, body=f"Pengaduan {tag}"
    )
    for related, text in ((request, f"Pesan {tag}"), (complaint, f"Pesan aduan {tag}")):
        Notification.objects.create(
            office=office,
            channel="sms",
            recipient=phone,
            body=text,
            idempotency_key=f"{text}-{office.pk}",
            related=related,
        )
    invitation = SurveyInvitation.objects.create(
        token=secrets.token_urlsafe(32), office=office, reference=request.code
    )
    SurveyResponse.objects.create(
        office=office,
        invitation=invitation,
        answered_on=date(2026, 11, 21),
        sex="f",
        age=40,
        education="sma",
        occupation="homemaker",
        suggestion=f"Saran {tag}",
        **{f"u{i}": 3 for i in range(1, 10)},
    )
    marks = [
        nik,
        name,
        f"KKS{tag}",
        request.code,
        f"SKET/{tag}/2026",
        f"LOG-{tag}",
        f"Saldo nol {tag}",
        f"Temuan {tag}",
        f"Edukasi {tag}",
        f"ADU-{tag}",
        f"Saran {tag}",
        f"Pesan {tag}",
        f"Pesan aduan {tag}",
    ]
    return Footprint(person=person, request=request, marks=marks)


def anonymous_complaint(office, *, code: str, body: str):
    return _complaint(office, code=code, anonymous=True, body=body)


def namesake_complaint(office, *, code: str, name: str, phone: str, body: str):
    return _complaint(office, code=code, name=name, phone=phone, body=body)
