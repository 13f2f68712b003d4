"""Demo data of Banten's children's service: two centres and one case at the assessment step.

The child is fictional ("Anak Demo"); no real person's data is used.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import OutputWrapper
from django.db import transaction
from django.utils import timezone

from sigap.childcare.models import Case, Centre, CentreKind, ConsentGiver

DEMO_REFERRAL_NUMBER = "400.9/DEMO-01/Dinsos-Lbk/2026"
CENTRES = [
    {
        "code": "balai-serang",
        "name": "Balai Rehabilitasi Sosial Anak (Demo) Serang",
        "kind": CentreKind.BALAI,
        "capacity": 40,
        "address": "Jl. Demo No. 1, Serang",
        "head_name": "Kepala Balai Demo",
    },
    {
        "code": "loka-pandeglang",
        "name": "Loka Rehabilitasi Sosial Anak (Demo) Pandeglang",
        "kind": CentreKind.LOKA,
        "capacity": 12,
        "address": "Jl. Demo No. 2, Pandeglang",
        "head_name": "Kepala Loka Demo",
    },
]
# The smallest PDF the upload check reads (shared with the applications demo).
from sigap.applications.demo import DEMO_PDF as _PDF  # noqa: E402


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _PDF, content_type="application/pdf")


def _user(username: str):
    from sigap.accounts.models import User

    return User.objects.filter(username=username).first()


@transaction.atomic
def load(*, stdout: OutputWrapper) -> None:
    from sigap.accounts.models import Office

    office = Office.objects.filter(code="banten").first()
    lebak = Office.objects.filter(code="lebak").first()
    if office is None or lebak is None:
        stdout.write("childcare: the Banten and Lebak offices are missing; skipped")
        return
    for data in CENTRES:
        Centre.objects.update_or_create(office=office, code=data["code"], defaults=data)
    if Case.objects.filter(office=office, referral_number=DEMO_REFERRAL_NUMBER).exists():
        stdout.write("childcare: demo case already there")
        return
    front_office = _user("banten.front_office")
    worker = _user("banten.social_worker")
    companion = _user("banten.child_companion")
    head = _user("banten.head_of_division")
    if not all((front_office, worker, companion, head)):
        stdout.write("childcare: the Banten demo staff are missing; skipped the case")
        return
    case = _file_through_engine(office, lebak, front_office, worker, head)
    from sigap.childcare import services

    if case is None:  # the engine or the standard is not there: the case stands on its own
        case = services.case_register(
            registered_by=front_office, referral_letter=_pdf("permohonan.pdf"), **_child(lebak)
        )
        services.case_assign(
            case=case, role="social_worker", to_user=worker, by=head, reason="Penugasan awal"
        )
        _consent(case, worker)
    services.case_assign(
        case=case, role="child_companion", to_user=companion, by=head, reason="Penugasan awal"
    )
    stdout.write(f"childcare: 2 centres, case {case.code} at the assessment step")


def _child(lebak) -> dict:
    return {
        "office": lebak.parent,
        "referring_office": lebak,
        "child_name": "Anak Demo",
        "child_nik": None,
        "child_sex": "M",
        "child_birth_place": "Rangkasbitung",
        "child_birth_date": datetime.date(2016, 3, 1),
        "referral_number": DEMO_REFERRAL_NUMBER,
        "referral_date": timezone.localdate(),
        "referral_summary": "Anak ditemukan tinggal sendiri di pasar (data fiktif untuk demo).",
        "no_carer": True,
        "no_carer_evidence": "Laporan kepala desa: tidak ada keluarga yang mengasuh (fiktif).",
    }


def _consent(case, worker) -> None:
    from sigap.childcare import services

    services.consent_record(
        case=case,
        giver_kind=ConsentGiver.VILLAGE_HEAD,
        giver_name="Kepala Desa Demo",
        relation="Kepala desa tempat anak ditemukan",
        given_on=timezone.localdate(),
        file=_pdf("persetujuan.pdf"),
        by=worker,
    )


def _file_through_engine(office, lebak, front_office, worker, head):
    """Files the referral as a request and takes it to the assessment step; None if no engine."""
    try:
        from sigap.applications.services import request_act, request_create
        from sigap.standards.selectors import standard_in_force

        standard = standard_in_force(code="banten-anak-terlantar")
    except Exception:
        return None
    from sigap.applications.workflow import applicable_requirements
    from sigap.childcare import services
    from sigap.childcare.extension import case_for_request

    child = _child(lebak)
    extension_data = {
        k: v for k, v in child.items() if k not in ("office", "referring_office", "child_nik")
    }
    extension_data["referring_office"] = lebak.pk
    request = request_create(
        standard=standard,
        organisation={"kind": "office", "name": lebak.name, "region_code": lebak.region_code},
        user=front_office,
        uploads={"regency-request-letter": _pdf("permohonan.pdf")},
        answers={"eligibility": "yes"},
        extension_data=extension_data,
    )

    def act(req, user, action, data=None):
        return request_act(
            request=req, user=user, action=action, data=data or {}, expected_version=req.version
        )

    request = act(request, front_office, "receive")
    checks = [
        {"requirement": r.code, "status": "complete", "note": ""}
        for r in applicable_requirements(request)
    ]
    request = act(request, front_office, "check", {"checks": checks})
    case = case_for_request(request)
    services.case_assign(
        case=case, role="social_worker", to_user=worker, by=head, reason="Penugasan awal"
    )
    _consent(case, worker)
    act(request, worker, "carry_out")
    return case
