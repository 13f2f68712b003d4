"""Demo service pledges, and twelve months of closed requests per published standard (with their
step history and, for each completed one, its product) so the report card and the dashboards
show a picture whose figures agree. Idempotent; the figures are deterministic (a seeded
generator), the tracking codes are drawn like real ones."""

import hashlib
import random
import secrets
from datetime import datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import OutputWrapper
from django.db import transaction
from django.utils import timezone

from sigap.accounts.models import Office, User
from sigap.accounts.roles import Role
from sigap.applications import sla
from sigap.applications.models import Channel, OrganisationKind, Request, RequestEvent
from sigap.applications.models import RequestStatus as Status
from sigap.core.codes import tracking_code
from sigap.documents.models import IssuedDocument
from sigap.reports.models import ServicePledge
from sigap.standards.models import ServiceStandard

PLEDGE = (
    "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan "
    "yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi "
    "sesuai peraturan perundang-undangan yang berlaku."
)
PER_MONTH = 12  # requests per standard and month
REASONS = [
    "Persyaratan tidak lengkap setelah batas waktu perbaikan",
    "Tidak terdaftar sebagai penerima manfaat",
    "Bukan kewenangan Dinas Sosial",
]
DEMO_APPLICANT = "Pemohon (data contoh)"  # marks the history rows, so a second run adds none
# One small PDF stands for every history product: rendering 600 letters would make the demo slow,
# and the history is there for the figures. Its verification page says it is sample data.
PRODUCT_FILE = "demo/history-product.pdf"


def _pledges(stdout: OutputWrapper) -> None:
    for office in Office.objects.all():
        head = next(
            (u for u in User.objects.filter(office=office) if u.has_role(Role.HEAD_OF_OFFICE)),
            None,
        )
        _, created = ServicePledge.objects.get_or_create(
            office=office,
            defaults={
                "text": PLEDGE,
                "effective_date": timezone.localdate().replace(month=1, day=1),
                "signer_name": head.display_name if head else "",
                "signer_nip": (head.nip or "") if head else "",
            },
        )
        if created:
            stdout.write(f"Service pledge of {office.code}.")


def _months(now: datetime) -> list[datetime]:
    """The first moment of each of the twelve months before the current one (local time)."""
    first = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    out = []
    for back in range(12, 0, -1):
        y, m = divmod(first.month - 1 - back, 12)
        out.append(first.replace(year=first.year + y, month=m + 1))
    return out


def _fresh_code(drawn: set[str]) -> str:
    """A tracking code as intake draws them, never one already drawn in this run."""
    while (code := tracking_code()) in drawn:
        pass
    drawn.add(code)
    return code


def _history(
    standard: ServiceStandard, rng: random.Random, now: datetime, drawn: set[str]
) -> tuple[list, list]:
    """Closed requests of the last twelve months: ~85% on time, ~10% rejected."""
    steps = list(standard.steps.order_by("order"))
    staff = list(User.objects.filter(office=standard.office, is_active=True)[:6])
    tz = timezone.get_current_timezone()
    requests, events = [], []
    for month in _months(now):
        for _ in range(PER_MONTH):
            day = month + timedelta(days=rng.randrange(27))
            submitted = datetime.combine(day.date(), time(8 + rng.randrange(7), rng.randrange(60)))
            submitted = submitted.replace(tzinfo=tz)
            due = sla.due_at(standard, submitted)
            span = (due - submitted) if due else timedelta(hours=6)
            late = rng.random() < 0.15
            took = span * (rng.uniform(1.05, 1.6) if late else rng.uniform(0.2, 0.95))
            # A long service (a year in a panti) started recently has not finished yet: it
            # closes before now, or a product would be dated in the future.
            took = min(took, now - timedelta(minutes=5) - submitted)
            rejected = rng.random() < 0.1
            req = Request(
                # The real generator: sequential codes would teach that codes can be guessed.
                code=_fresh_code(drawn),
                standard=standard,
                office=standard.office,
                org_kind=OrganisationKind.COMMUNITY,
                org_name=DEMO_APPLICANT,
                channel=Channel.FRONT_OFFICE,
                status=Status.REJECTED if rejected else Status.COMPLETED,
                current_step=steps[-1] if steps else None,
                return_reason=rng.choice(REASONS) if rejected else "",
                submitted_at=submitted,
                due_at=due,
                completed_at=None if rejected else submitted + took,
                assigned_to=rng.choice(staff) if staff else None,
            )
            requests.append(req)
            if not rejected and steps and now - submitted < timedelta(days=100):
                events += _events(req, steps, took, rng)
    return requests, events


def _events(req: Request, steps: list, took: timedelta, rng: random.Random) -> list:
    """submit, then one action per step, the time shared out unevenly between the steps."""
    weights = [rng.uniform(0.5, 2.0) for _ in steps]
    total = sum(weights)
    at = req.submitted_at
    out = [RequestEvent(request=req, step=steps[0], action="submit", at=at, to_status="submitted")]
    for step, w in zip(steps, weights, strict=True):
        at += took * (w / total)
        action = step.actions[0] if step.actions else "carry_out"
        out.append(RequestEvent(request=req, step=step, action=action, at=at))
    out[-1].to_status = Status.COMPLETED
    return out


def _product_file() -> tuple[str, str, int]:
    """The stand-in PDF of the history products (name, SHA-256, size), written once."""
    if not default_storage.exists(PRODUCT_FILE):
        from weasyprint import HTML

        pdf = HTML(
            string="<p>Dokumen contoh: produk layanan dari riwayat data contoh Sigap.</p>"
        ).write_pdf()
        default_storage.save(PRODUCT_FILE, ContentFile(pdf))
    with default_storage.open(PRODUCT_FILE, "rb") as handle:
        data = handle.read()
    return PRODUCT_FILE, hashlib.sha256(data).hexdigest(), len(data)


def _products(standard: ServiceStandard, requests: list[Request], rng: random.Random) -> list:
    """The product of each completed history request (one of its standard's document products),
    issued when the request completed; a standard whose product is not a document has none."""
    templates = list(
        standard.products.exclude(template_code="")
        .order_by("order")
        .values_list("template_code", "label")
    )
    if not templates:
        return []
    name, sha, size = _product_file()
    kind = ContentType.objects.get_for_model(Request)
    out = []
    for req in requests:
        if req.status != Status.COMPLETED:
            continue
        code, label = rng.choice(templates)
        out.append(
            IssuedDocument(
                office=req.office,
                token=secrets.token_urlsafe(24),
                template_code=code,
                title=f"{label} (data contoh)"[:300],
                number=f"CONTOH/{req.code}",
                issued_at=req.completed_at,
                issued_by=req.assigned_to,
                content_type=kind,
                object_id=str(req.pk),
                file=name,
                sha256=sha,
                size=size,
            )
        )
    return out


@transaction.atomic
def _requests(stdout: OutputWrapper) -> None:
    now = timezone.now()
    rng = random.Random(25)  # UU 25/2009
    made = 0
    seen = set()
    drawn = set(Request.objects.values_list("code", flat=True))
    for standard in ServiceStandard.objects.filter(is_published=True).order_by(
        "office_id", "code", "-revision"
    ):
        if (standard.office_id, standard.code) in seen:
            continue  # the revision in force only
        seen.add((standard.office_id, standard.code))
        if Request.objects.filter(standard=standard, org_name=DEMO_APPLICANT).exists():
            continue
        requests, events = _history(standard, rng, now, drawn)
        Request.objects.bulk_create(requests)
        RequestEvent.objects.bulk_create(events)
        IssuedDocument.objects.bulk_create(_products(standard, requests, rng), batch_size=500)
        made += len(requests)
    stdout.write(f"Report card history: {made} closed requests.")


def load(*, stdout: OutputWrapper) -> None:
    _pledges(stdout)
    _requests(stdout)
