"""The shape of a catalogue file (catalogue/<code>.yaml), checked before anything is stored.

Pydantic gives every problem with its key path, so a bad file fails with a message naming the
file and the key (`tarakan-sembako.yaml: procedure.items[2].role: ...`).
"""

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from sigap.accounts.roles import Role
from sigap.standards.models import (
    ApplicantKind,
    ChannelKind,
    ProductKind,
    RequirementKind,
    StepAction,
    TimeLimitKind,
)

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True)]
NodeKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_-]+$", max_length=60)]
Nip = Annotated[str, StringConstraints(pattern=r"^\d{18}$")]

# Time limits counted in a number of units need the number; the periods ("one running year",
# "once per incident") carry it for completeness only.
COUNTED_TIME_LIMITS = {
    TimeLimitKind.MINUTES,
    TimeLimitKind.HOURS,
    TimeLimitKind.DAYS,
    TimeLimitKind.WORKING_DAYS,
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class TextComponent(Strict):
    """A descriptive component: an optional lead-in, the published items, an optional note."""

    intro: OptionalText = ""
    items: list[Text] = Field(min_length=1)
    notes: OptionalText = ""


class Signer(Strict):
    title: Text
    name: Text
    rank: OptionalText = ""
    nip: Nip | None = None


class RequirementItem(Strict):
    code: Slug
    kind: RequirementKind
    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
    mandatory: bool = True
    product_codes: list[Slug] = []
    help_text: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] = ""
    options: list[Text] = []
    # The code of the procedure step by which it must be complete; none: at intake.
    due_at_step: Slug | None = None


class StepItem(Strict):
    code: Slug
    role: Role
    actions: list[StepAction] = Field(min_length=1)
    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]


class ProductItem(Strict):
    code: Slug
    kind: ProductKind
    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
    template_code: Slug | None = None


class Requirements(Strict):
    intro: OptionalText = ""
    items: list[RequirementItem] = Field(min_length=1)
    notes: OptionalText = ""


class Procedure(Strict):
    intro: OptionalText = ""
    items: list[StepItem] = Field(min_length=1)
    notes: OptionalText = ""


class Products(Strict):
    intro: OptionalText = ""
    items: list[ProductItem] = Field(min_length=1)
    notes: OptionalText = ""


class TimeLimit(Strict):
    kind: TimeLimitKind
    value: int | None = Field(default=None, ge=1)
    text: Text

    @model_validator(mode="after")
    def _counted_needs_value(self) -> Self:
        if self.kind in COUNTED_TIME_LIMITS and self.value is None:
            raise ValueError(f"a time limit in {self.kind} needs a value")
        return self


class Fee(Strict):
    amount: Decimal = Field(default=Decimal(0), ge=0, max_digits=14, decimal_places=2)
    text: Text


class Officer(Strict):
    name: Text
    nip: Nip | None = None
    title: OptionalText = ""


class Channel(Strict):
    kind: ChannelKind
    label: Text
    detail: OptionalText = ""
    officer: Officer | None = None


class Complaints(Strict):
    intro: OptionalText = ""
    channels: list[Channel] = Field(min_length=1)
    notes: OptionalText = ""
    flow_intro: OptionalText = ""


class FlowEdge(Strict):
    source: NodeKey
    target: NodeKey
    note: OptionalText = ""


class Extra(BaseModel):
    """Free for service-specific apps; the keys Sigap itself reads are checked."""

    model_config = ConfigDict(extra="allow")

    extension: OptionalText = ""
    complaint_flow_nodes: dict[NodeKey, Text] = {}
    complaint_flow: list[FlowEdge] = []

    @model_validator(mode="after")
    def _edges_join_known_nodes(self) -> Self:
        for edge in self.complaint_flow:
            for node in (edge.source, edge.target):
                if node not in self.complaint_flow_nodes:
                    raise ValueError(f"complaint_flow names '{node}', not in complaint_flow_nodes")
        return self


class CatalogueFile(Strict):
    """One revision of one service standard, as written in catalogue/<code>.yaml."""

    code: Slug
    office: Slug
    unit: Slug | None = None
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    summary: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] = ""
    field: OptionalText = ""
    unit_name: OptionalText = ""
    document_label: OptionalText = ""
    document_number: OptionalText = ""
    revision: int = Field(ge=0, le=32767)
    revision_date: date | None = None
    effective_date: date | None = None
    signer: Signer | None = None
    applicant_kinds: list[ApplicantKind] = Field(min_length=1)
    public_intake: bool = False
    published: bool = True

    requirements: Requirements
    procedure: Procedure
    time_limit: TimeLimit
    fee: Fee
    products: Products
    complaints: Complaints
    legal_basis: TextComponent
    facilities: TextComponent
    competence: TextComponent
    oversight: TextComponent
    staff_count: TextComponent
    service_guarantee: TextComponent
    security_guarantee: TextComponent
    performance_evaluation: TextComponent
    extra: Extra = Extra()

    @model_validator(mode="after")
    def _codes_unique_and_known(self) -> Self:
        for key in ("requirements", "procedure", "products"):
            codes = [item.code for item in getattr(self, key).items]
            duplicates = sorted({c for c in codes if codes.count(c) > 1})
            if duplicates:
                raise ValueError(f"{key}: code used twice: {', '.join(duplicates)}")
        products = {p.code for p in self.products.items}
        steps = {s.code for s in self.procedure.items}
        for item in self.requirements.items:
            unknown = sorted(set(item.product_codes) - products)
            if unknown:
                raise ValueError(
                    f"requirements: '{item.code}' names unknown products: {', '.join(unknown)}"
                )
            if item.due_at_step and item.due_at_step not in steps:
                raise ValueError(
                    f"requirements: '{item.code}' is due at an unknown step: {item.due_at_step}"
                )
        return self

    def extra_dict(self) -> dict[str, Any]:
        return self.extra.model_dump(mode="json", exclude_defaults=True)
