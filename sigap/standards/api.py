"""Public API of the service standards: the catalogue and each standard with its 14 components."""

from datetime import date

from django.http import HttpRequest
from ninja import Field, Router, Schema

from sigap.standards.models import ServiceStandard
from sigap.standards.selectors import standard_components, standard_in_force, standards_public

router = Router(tags=["services"])


class OfficeOut(Schema):
    code: str
    name: str


class ServiceSummaryOut(Schema):
    code: str
    name: str
    office: OfficeOut
    document_number: str
    revision: int
    effective_date: date | None
    public_intake: bool


class RequirementOut(Schema):
    code: str
    label: str
    kind: str = Field(description="document, data or condition")
    mandatory: bool
    product_codes: list[str] = Field(description="Empty: applies to every product")
    help_text: str
    options: list[str] = Field(description="For a condition met by any one of these")
    due_at_step: str = Field(
        description="Code of the procedure step by which it must be complete; empty: at intake"
    )


class StepOut(Schema):
    order: int
    code: str
    label: str
    role: str = Field(description="The role that acts (accounts.Role)")
    role_label: str
    actions: list[str] = Field(description="standards.StepAction values")


class TimeLimitOut(Schema):
    kind: str = Field(description="minutes, hours, days, working_days, per_incident, ...")
    value: int | None
    text: str = Field(description="As published, e.g. '30 menit'")


class FeeOut(Schema):
    amount: int = Field(description="Rupiah; 0 is free")
    text: str


class ProductOut(Schema):
    code: str
    label: str
    kind: str
    template_code: str


class OfficerOut(Schema):
    name: str
    nip: str | None = None
    title: str = ""


class ChannelOut(Schema):
    kind: str = Field(
        description="in_person, complaint_box, sms_whatsapp, phone, email, lapor, website, "
        "instagram"
    )
    kind_label: str
    label: str
    detail: str
    href: str = Field(description="A link for web, e-mail and phone channels; else empty")
    officer: OfficerOut | None


class FlowEdgeOut(Schema):
    source: str
    source_label: str
    target: str
    target_label: str
    note: str


class ComplaintsOut(Schema):
    intro: str
    items: list[str]
    channels: list[ChannelOut]
    notes: str
    flow_intro: str
    flow: list[FlowEdgeOut]


class TextComponentOut(Schema):
    intro: str
    items: list[str]
    notes: str


class ComponentsOut(Schema):
    requirements: list[RequirementOut]
    procedure: list[StepOut]
    time_limit: TimeLimitOut
    fee: FeeOut
    products: list[ProductOut]
    complaints: ComplaintsOut
    legal_basis: TextComponentOut
    facilities: TextComponentOut
    competence: TextComponentOut
    oversight: TextComponentOut
    staff_count: TextComponentOut
    service_guarantee: TextComponentOut
    security_guarantee: TextComponentOut
    performance_evaluation: TextComponentOut


class SignerOut(Schema):
    title: str
    name: str
    rank: str
    nip: str


class ServiceOut(ServiceSummaryOut):
    summary: str
    field: str
    unit: str
    revision_date: date | None
    signer: SignerOut | None
    applicant_kinds: list[str]
    extension: str
    components: ComponentsOut


class ErrorOut(Schema):
    detail: str
    code: str


def _summary(standard: ServiceStandard) -> dict:
    return {
        "code": standard.code,
        "name": standard.name,
        "office": {"code": standard.office.code, "name": standard.office.name},
        "document_number": standard.document_number,
        "revision": standard.revision,
        "effective_date": standard.effective_date,
        "public_intake": standard.public_intake,
    }


@router.get("/services", response=list[ServiceSummaryOut], summary="Services in force")
def list_services(request: HttpRequest, office: str | None = None):
    """The revision in force of every published service standard (optionally of one office)."""
    return [_summary(s) for s in standards_public(office)]


@router.get(
    "/services/{code}",
    response={200: ServiceOut, 404: ErrorOut},
    summary="One service standard with its 14 components",
)
def get_service(request: HttpRequest, code: str, on: date | None = None):
    """The revision of service `code` in force today (or on the date `on`)."""
    standard = standard_in_force(code=code, on=on)
    signer = None
    if standard.signer_name:
        signer = {
            "title": standard.signer_title,
            "name": standard.signer_name,
            "rank": standard.signer_rank,
            "nip": standard.signer_nip,
        }
    return _summary(standard) | {
        "summary": standard.summary,
        "field": standard.field,
        "unit": standard.unit_name or (standard.unit.name if standard.unit else ""),
        "revision_date": standard.revision_date,
        "signer": signer,
        "applicant_kinds": list(standard.applicant_kinds),
        "extension": (standard.extra or {}).get("extension", ""),
        "components": standard_components(standard),
    }
