"""Demo requests of seeds 001 and 002 at different steps (idempotent), so the queue, the
request pages, tracking and the reports have something to show."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import OutputWrapper
from django.http import Http404

from sigap.accounts.models import User
from sigap.applications.models import Request
from sigap.applications.services import (
    applicant_person_resolve,
    request_act,
    request_create,
)

DEMO_EMAIL = "pemohon.demo@example.org"
# The smallest PDF: demo uploads need a file that passes the content check.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)

ANALYSIS = {
    "aid_type": "BPNT / Program Sembako",
    "problem": "KKS hilang",
    "analysis": "Kartu hilang; saldo KPM masih tercatat di bank penyalur.",
    "solution": "Surat keterangan untuk penggantian KKS dan setting e-wallet di bank.",
    "kks_number": "6013011234567890",
    "siks_ng_updated": True,
    "kpm_educated": True,
}


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, DEMO_PDF, content_type="application/pdf")


def _user(office: str, role: str) -> User:
    return User.objects.get(username=f"{office}.{role}")


def _walk(request, office: str, *, stop_before: str | None = None):
    """Takes the steps in order with the demo officers, until `stop_before` (a step code)."""
    while request.is_open and request.current_step:
        step = request.current_step
        if step.code == stop_before:
            return request
        action = next(a for a in step.actions if a not in request.done_actions)
        data: dict = {"note": "Demo"}
        if action == "check":
            data["checks"] = [
                {"requirement": c.requirement.code, "status": "complete"}
                for c in request.checks.select_related("requirement")
            ]
        elif action == "analyse":
            data.update(ANALYSIS)
        elif action == "pay":
            data["amount_paid"] = "150000"
        elif action == "hand_over":
            data["received_by"] = request.applicant_name
        request = request_act(
            request=request,
            user=_user(office, step.role),
            action=action,
            data=data,
            expected_version=request.version,
        )
    return request


def _sembako(stdout: OutputWrapper) -> None:
    from sigap.standards.selectors import standard_in_force

    standard = standard_in_force(code="tarakan-sembako")
    people = [
        ("6571015205850011", "Siti Aminah", "kks-lost-ewallet", None),
        ("6571010101800012", "Rahmat Hidayat", "kks-new", "check"),
        ("6571014407750013", "Nurhayati", "data-change", "sign"),
    ]
    for nik, name, product, stop in people:
        person = applicant_person_resolve(nik=nik, name=name, address="Kota Tarakan")
        request = request_create(
            standard=standard,
            product_code=product,
            person=person,
            contact_email=DEMO_EMAIL,
            user=_user("tarakan", "front_office"),
            uploads={
                r.code: _pdf(f"{r.code}.pdf")
                for r in standard.requirements.all()
                if r.applies_to(product)
            },
        )
        request = _walk(request, "tarakan", stop_before=stop)
        stdout.write(f"Demo request {request.code} ({standard.code}): {request.status}.")


def _cashaid(stdout: OutputWrapper) -> None:
    from sigap.standards.selectors import standard_in_force

    standard = standard_in_force(code="sragen-kehabisan-bekal")
    document = standard.requirements.filter(kind="document").first()
    for nik, name, letter, stop in [
        ("3314012003900011", "Budi Santoso", "SKET/101/XI/2026/Polres Sragen", None),
        ("3314015506920012", "Wahyuni", "SKET/102/XI/2026/Polres Sragen", "payout"),
    ]:
        person = applicant_person_resolve(nik=nik, name=name, address="Kab. Ngawi")
        request = request_create(
            standard=standard,
            person=person,
            contact_email=DEMO_EMAIL,
            user=_user("sragen", "front_office"),
            uploads={document.code: _pdf("surat-polisi.pdf")} if document else {},
            extension_data={
                "police_letter_number": letter,
                "police_letter_date": "2026-11-20",
                "incident_date": "2026-11-20",
                "incident_place": "Terminal Pilangsari, Sragen",
                "incident_text": "Dompet hilang di bus antarkota; tidak punya ongkos pulang.",
                "destination": "Kabupaten Ngawi, Jawa Timur",
                "next_office_text": "Dinas Sosial Kabupaten Ngawi",
                "amount": "150000",
            },
        )
        request = _walk(request, "sragen", stop_before=stop)
        stdout.write(f"Demo request {request.code} ({standard.code}): {request.status}.")


def load(*, stdout: OutputWrapper) -> None:
    if Request.objects.filter(contact_email=DEMO_EMAIL).exists():
        stdout.write("Demo requests already there.")
        return
    for part in (_sembako, _cashaid):
        try:
            part(stdout)
        except (Http404, User.DoesNotExist) as exc:
            stdout.write(f"Demo requests skipped ({part.__name__}): {exc}")
