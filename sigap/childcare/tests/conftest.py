"""Factories for child cases: the Banten team, centres, signed files and a case at each step."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sigap.accounts.roles import Role

# A PDF the upload check can read (a bare header is refused as a broken PDF).
from sigap.applications.tests.factories import PDF_BYTES
from sigap.childcare import services
from sigap.childcare.models import Centre, CentreKind, ConsentGiver, Recommendation

CHILD_NIK = "3602015501150001"  # fictional: Lebak, born 15 Jan 2015, female


def pdf(name: str = "surat.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


class Team:
    """The Banten case team and the outsiders every protection test needs."""

    def __init__(self, cast) -> None:
        self.cast = cast
        self.office = cast.office("banten")
        self.lebak = cast.office("lebak")
        self.front_office = cast.user("banten", Role.FRONT_OFFICE)
        self.worker = cast.user("banten", Role.SOCIAL_WORKER)
        self.other_worker = cast.user("banten", Role.SOCIAL_WORKER, suffix="2")
        self.companion = cast.user("banten", Role.CHILD_COMPANION)
        self.head_of_division = cast.user("banten", Role.HEAD_OF_DIVISION)
        self.head_of_office = cast.user("banten", Role.HEAD_OF_OFFICE)
        self.auditor = cast.user("banten", Role.AUDITOR)
        self.lebak_worker = cast.user("lebak", Role.SOCIAL_WORKER)
        self.lebak_head = cast.user("lebak", Role.HEAD_OF_OFFICE)
        self.sragen_head = cast.user("sragen", Role.HEAD_OF_OFFICE)

    def outsiders(self):
        """Staff who must get a 404 on every URL of a case they are not on."""
        return {
            "other social worker": self.other_worker,
            "front office": self.front_office,
            "auditor": self.auditor,
            "referring regency": self.lebak_head,
            "regency social worker": self.lebak_worker,
            "other office": self.sragen_head,
        }

    def centre(self, *, code="balai-a", capacity=10, kind=CentreKind.BALAI) -> Centre:
        centre, _ = Centre.objects.get_or_create(
            office=self.office,
            code=code,
            defaults={
                "name": f"Balai Rehabilitasi {code.upper()}",
                "kind": kind,
                "capacity": capacity,
                "address": "Serang",
            },
        )
        return centre

    def register(self, *, nik: str | None = None, name: str = "Anak Demo Rahayu", **overrides):
        fields = {
            "office": self.office,
            "referring_office": self.lebak,
            "child_name": name,
            "child_nik": nik,
            "child_sex": "F",
            "child_birth_place": "Rangkasbitung",
            "child_birth_date": datetime.date(2015, 1, 15),
            "referral_number": "400.9/123/Dinsos/2026",
            "referral_date": timezone.localdate(),
            "referral_letter": pdf("permohonan.pdf"),
            "no_carer": True,
            "no_carer_evidence": "Orang tua meninggal; tidak ada kerabat yang mengasuh.",
            "registered_by": self.front_office,
        }
        fields.update(overrides)
        return services.case_register(**fields)

    def assigned_case(self, **kwargs):
        case = self.register(**kwargs)
        services.case_assign(
            case=case,
            role="social_worker",
            to_user=self.worker,
            by=self.head_of_division,
            reason="Penugasan awal",
        )
        services.case_assign(
            case=case,
            role="child_companion",
            to_user=self.companion,
            by=self.head_of_division,
            reason="Penugasan awal",
        )
        case.refresh_from_db()
        return case

    def ready_case(self, **kwargs):
        case = self.assigned_case(**kwargs)
        today = timezone.localdate()
        services.consent_record(
            case=case,
            giver_kind=ConsentGiver.VILLAGE_HEAD,
            giver_name="Kepala Desa Demo",
            relation="Kepala desa tempat tinggal anak",
            given_on=today,
            file=pdf("persetujuan.pdf"),
            by=self.worker,
        )
        services.assessment_record(
            case=case,
            by=self.worker,
            signed_copy=pdf("asesmen.pdf"),
            situation="Tinggal sendiri",
            family="Tidak ada",
            health="Baik",
            education="Kelas 4 SD",
            risks="Penelantaran",
            needs="Pengasuhan",
            recommendation=Recommendation.BALAI,
            assessed_on=today,
        )
        services.health_certificate_record(
            case=case,
            doctor_name="dr. Demo",
            facility="Puskesmas Demo",
            issued_on=today,
            file=pdf("sehat.pdf"),
            by=self.worker,
        )
        return case

    def placed_case(self, centre=None, **kwargs):
        case = self.ready_case(**kwargs)
        services.case_place(
            case=case,
            centre=centre or self.centre(),
            placed_on=timezone.localdate(),
            place="Serang",
            received_by_name="Kepala Balai Demo",
            received_by_position="Kepala Balai",
            by=self.head_of_division,
        )
        case.refresh_from_db()
        return case


@pytest.fixture
def team(cast) -> Team:
    return Team(cast)


@pytest.fixture
def standard(team):
    from sigap.standards.selectors import standard_in_force

    try:
        return standard_in_force(code="banten-anak-terlantar")
    except Exception:
        from sigap.standards.services import standard_load_catalogue

        standard_load_catalogue()
        return standard_in_force(code="banten-anak-terlantar")
