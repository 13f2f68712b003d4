"""A published service standard (Standar Pelayanan) with its 14 components, one revision each.

The structured components drive the system: requirements (Requirement), the procedure
(ProcedureStep, each with the role that acts and the actions it offers), the time limit
(time_limit_* fields) and the products (Product). The descriptive components are kept as
ordered items in `components`, exactly as published.
"""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from sigap.accounts.roles import Role
from sigap.core.models import BaseModel

# The 14 components of PermenPAN-RB 15/2014, in the order the API and the public table use.
COMPONENT_KEYS = (
    "requirements",
    "procedure",
    "time_limit",
    "fee",
    "products",
    "complaints",
    "legal_basis",
    "facilities",
    "competence",
    "oversight",
    "staff_count",
    "service_guarantee",
    "security_guarantee",
    "performance_evaluation",
)
# The components stored as text items in ServiceStandard.components.
TEXT_COMPONENT_KEYS = (
    "complaints",
    "legal_basis",
    "facilities",
    "competence",
    "oversight",
    "staff_count",
    "service_guarantee",
    "security_guarantee",
    "performance_evaluation",
)


class TimeLimitKind(models.TextChoices):
    MINUTES = "minutes", _("Minutes")
    HOURS = "hours", _("Hours")
    DAYS = "days", _("Calendar days")
    WORKING_DAYS = "working_days", _("Working days")
    PER_INCIDENT = "per_incident", _("Once per incident")
    RUNNING_YEAR = "running_year", _("One running year")
    BUDGET_YEAR = "budget_year", _("One budget year")


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation (post, village, district, office)")


class ChannelKind(models.TextChoices):
    """A way to file a complaint, as the seeds list them."""

    IN_PERSON = "in_person", _("In person")
    COMPLAINT_BOX = "complaint_box", _("Complaint box")
    SMS_WHATSAPP = "sms_whatsapp", _("SMS / WhatsApp")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    LAPOR = "lapor", _("SP4N-LAPOR!")
    WEBSITE = "website", _("Website")
    INSTAGRAM = "instagram", _("Instagram")


class ServiceStandard(BaseModel):
    """One revision of a published Standar Pelayanan of an office.

    `code` names the service across revisions; a request keeps the revision it was filed under.
    """

    office = models.ForeignKey(
        "accounts.Office", on_delete=models.PROTECT, related_name="standards"
    )
    unit = models.ForeignKey(
        "accounts.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="standards"
    )
    code = models.SlugField(_("service code"), max_length=60)
    name = models.CharField(_("service name"), max_length=300)
    # Ours, not published: one plain sentence for the public catalogue.
    summary = models.CharField(_("summary in plain language"), max_length=500, blank=True)
    field = models.CharField(_("field (bidang)"), max_length=200, blank=True)
    unit_name = models.CharField(_("unit as published"), max_length=300, blank=True)
    # As printed before the number: "No. Dokumen" (Tarakan) or "Lampiran Nomor" (Sragen).
    document_label = models.CharField(_("document number label"), max_length=60, blank=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    revision = models.PositiveSmallIntegerField(_("revision"), default=0)
    revision_date = models.DateField(_("revision date"), null=True, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=200, blank=True)
    signer_rank = models.CharField(_("signer's rank"), max_length=200, blank=True)
    signer_nip = models.CharField(_("signer's NIP"), max_length=18, blank=True)

    time_limit_kind = models.CharField(
        _("time limit kind"), max_length=20, choices=TimeLimitKind.choices
    )
    time_limit_value = models.PositiveIntegerField(_("time limit value"), null=True, blank=True)
    time_limit_text = models.CharField(_("time limit as published"), max_length=200)
    fee_amount = models.DecimalField(_("fee (Rp)"), max_digits=14, decimal_places=2, default=0)
    fee_text = models.CharField(_("fee as published"), max_length=200)

    # {key: {"intro": str, "items": [str, ...], "notes": str}} for TEXT_COMPONENT_KEYS, except
    # "complaints": {"intro", "channels": [{"kind", "label", "detail", "officer"}], "notes",
    # "flow_intro"}; "requirements", "procedure", "products": {"intro", "notes"} (rows are models).
    components = models.JSONField(_("descriptive components"), default=dict)
    # Anything a service-specific app needs: "extension" (its key), "complaint_flow" (edges
    # {"source", "target", "note"}) between "complaint_flow_nodes" ({code: label}).
    extra = models.JSONField(_("extra"), default=dict, blank=True)

    applicant_kinds = models.JSONField(_("who may apply"), default=list)
    public_intake = models.BooleanField(_("citizens may apply online"), default=False)
    is_published = models.BooleanField(_("published"), default=True)
    catalogue_file = models.CharField(_("catalogue file"), max_length=200, blank=True)

    class Meta:
        ordering = ["office", "code", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "code", "revision"], name="standard_revision_unique"
            ),
        ]
        verbose_name = _("service standard")
        verbose_name_plural = _("service standards")

    def __str__(self) -> str:
        return f"{self.name} (rev. {self.revision})"

    def is_in_force(self, on: date) -> bool:
        return self.is_published and (self.effective_date is None or self.effective_date <= on)


class RequirementKind(models.TextChoices):
    DOCUMENT = "document", _("Document to upload")
    DATA = "data", _("Data to enter")
    CONDITION = "condition", _("Condition to confirm")


class Requirement(models.Model):
    """One item of the requirements component (persyaratan)."""

    standard = models.ForeignKey(
        ServiceStandard, on_delete=models.CASCADE, related_name="requirements"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.SlugField(_("code"), max_length=60)
    label = models.CharField(_("as published"), max_length=500)
    kind = models.CharField(_("kind"), max_length=16, choices=RequirementKind.choices)
    mandatory = models.BooleanField(_("mandatory"), default=True)
    # Empty: applies to every product; otherwise only to the products with these codes.
    product_codes = models.JSONField(_("only for products"), default=list, blank=True)
    help_text = models.CharField(_("help"), max_length=500, blank=True)
    # A condition met by any one of several alternatives (seed 003: "at least one of").
    options = models.JSONField(_("alternatives (any one)"), default=list, blank=True)
    # Code of the procedure step by which the item must be complete; empty: at intake. Seed 003's
    # consent and health certificate come into being during the procedure, not before it.
    due_at_step = models.SlugField(_("due at step"), max_length=60, blank=True)

    class Meta:
        ordering = ["standard", "order"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "code"], name="requirement_code_unique"),
        ]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")

    def __str__(self) -> str:
        return self.label

    def applies_to(self, product_code: str | None) -> bool:
        return not self.product_codes or product_code in self.product_codes

    @property
    def due_at_intake(self) -> bool:
        return not self.due_at_step


class StepAction(models.TextChoices):
    """What an officer can do at a procedure step."""

    RECEIVE = "receive", _("Receive")
    CHECK = "check", _("Check documents")
    DISPOSE = "dispose", _("Disposition with instruction")
    REVIEW = "review", _("Review with advice (telaahan)")
    ANALYSE = "analyse", _("Analyse and record the solution")
    DECIDE = "decide", _("Decide: approve, reject or return")
    INITIAL = "initial", _("Initial (paraf)")
    SIGN = "sign", _("Sign")
    REGISTER = "register", _("Register in the outgoing-mail agenda")
    CARRY_OUT = "carry_out", _("Carry out")
    PAY = "pay", _("Pay out")
    HAND_OVER = "hand_over", _("Hand over")


class ProcedureStep(models.Model):
    """One step of the procedure component, with the role that acts and the actions it offers."""

    standard = models.ForeignKey(ServiceStandard, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.SlugField(_("code"), max_length=60)
    label = models.CharField(_("as published"), max_length=1000)
    role = models.CharField(_("role that acts"), max_length=32, choices=Role.choices)
    actions = models.JSONField(_("actions"), default=list)

    class Meta:
        ordering = ["standard", "order"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "code"], name="step_code_unique"),
            models.UniqueConstraint(fields=["standard", "order"], name="step_order_unique"),
        ]
        verbose_name = _("procedure step")
        verbose_name_plural = _("procedure steps")

    def __str__(self) -> str:
        return f"{self.order}. {self.label}"


class ProductKind(models.TextChoices):
    LETTER = "letter", _("Letter (Surat Keterangan)")
    RECEIPT = "receipt", _("Receipt (kwitansi)")
    BAST = "bast", _("Handover report (BAST)")
    AID = "aid", _("Aid delivered")
    SERVICE = "service", _("Service rendered")


class Product(models.Model):
    """One product of the standard (produk pelayanan)."""

    standard = models.ForeignKey(ServiceStandard, on_delete=models.CASCADE, related_name="products")
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.SlugField(_("code"), max_length=60)
    label = models.CharField(_("as published"), max_length=500)
    kind = models.CharField(_("kind"), max_length=16, choices=ProductKind.choices)
    # Code of the document template that issues it (see sigap.documents), if any.
    template_code = models.SlugField(_("document template"), max_length=60, blank=True)

    class Meta:
        ordering = ["standard", "order"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "code"], name="product_code_unique"),
        ]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self) -> str:
        return self.label
