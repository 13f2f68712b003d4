"""BPNT (Program Sembako): problem tickets and distribution stages (tahap) per budget year."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sigap.core.models import BaseModel


class TicketKind(models.TextChoices):
    KKS_LOST = "kks_lost", _("KKS card lost or damaged")
    ZERO_BALANCE = "zero_balance", _("Zero balance")
    FAILED_TRANSACTION = "failed_tx", _("Failed transaction")
    DATA_MISMATCH = "data_mismatch", _("Data mismatch")
    OTHER = "other", _("Other")


class Reporter(models.TextChoices):
    BENEFICIARY = "beneficiary", _("Beneficiary (KPM)")
    COMPANION = "companion", _("Social companion")


class TicketStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    # Handled, with a recommendation letter waiting for the Kepala Bidang or Kepala Dinas.
    AWAITING_LETTER = "awaiting_letter", _("Awaiting the recommendation's signature")
    RESOLVED = "resolved", _("Resolved")


class Recommendation(models.TextChoices):
    NONE = "", _("No recommendation letter")
    BANK = "bank", _("To the Himbara bank")
    POS = "pos", _("To PT Pos Indonesia")


class ProblemTicket(BaseModel):
    """A KPM's problem with the aid, handled by the social companion of the area."""

    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "registry.Person", on_delete=models.PROTECT, related_name="bpnt_tickets"
    )
    village_code = models.CharField(_("village code"), max_length=13, blank=True)
    kind = models.CharField(_("problem"), max_length=16, choices=TicketKind.choices)
    reporter = models.CharField(_("reported by"), max_length=12, choices=Reporter.choices)
    description = models.TextField(_("description"))
    status = models.CharField(
        _("status"), max_length=16, choices=TicketStatus.choices, default=TicketStatus.OPEN
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("social companion"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.TextField(_("resolution"), blank=True)
    recommendation = models.CharField(
        _("recommendation letter"),
        max_length=4,
        choices=Recommendation.choices,
        blank=True,
        default=Recommendation.NONE,
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    document_id = models.PositiveBigIntegerField(null=True, blank=True)
    document_number = models.CharField(_("letter number"), max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("BPNT problem ticket")
        verbose_name_plural = _("BPNT problem tickets")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="resolved") | ~models.Q(resolution=""),
                name="bpnt_ticket_resolved_has_resolution",
            ),
        ]

    def __str__(self) -> str:
        return f"BPNT-{self.pk}"


class DistributionStage(BaseModel):
    """One distribution stage (tahap) of a budget year."""

    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("budget year"))
    number = models.PositiveSmallIntegerField(_("stage"))
    period = models.CharField(_("period (months)"), max_length=60, blank=True)
    distribution_date = models.DateField(_("distribution date"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("distribution stage")
        verbose_name_plural = _("distribution stages")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "number"], name="bpnt_stage_once_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"Tahap {self.number}/{self.year}"


class StageBeneficiary(models.Model):
    """A KPM on a stage's list (from the SP2D data), with what the bank/PT Pos reported back."""

    stage = models.ForeignKey(
        DistributionStage, on_delete=models.CASCADE, related_name="beneficiaries"
    )
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    village_code = models.CharField(_("village code"), max_length=13, blank=True)
    delivered = models.BooleanField(_("delivered"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["stage", "person"], name="bpnt_stage_person_once"),
        ]
        indexes = [models.Index(fields=["stage", "village_code"], name="bpnt_stage_village")]

    def __str__(self) -> str:
        return f"{self.stage}: {self.person_id}"


class CamatNotice(models.Model):
    """The letter to a district head (Camat) about a stage."""

    stage = models.ForeignKey(DistributionStage, on_delete=models.CASCADE, related_name="notices")
    district_code = models.CharField(_("district code"), max_length=8)
    document_id = models.PositiveBigIntegerField()
    document_number = models.CharField(_("letter number"), max_length=100, blank=True)
    beneficiaries = models.PositiveIntegerField(_("beneficiaries"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "district_code"], name="bpnt_notice_once_per_district"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stage}: {self.district_code}"


class VisitTarget(models.TextChoices):
    BENEFICIARY = "beneficiary", _("Beneficiary (KPM)")
    EWARONG = "ewarong", _("E-warong shop")
    COMPANION = "companion", _("Social companion")


class MonitoringVisit(BaseModel):
    """A monitoring and evaluation visit, with its findings and follow-up."""

    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    target = models.CharField(_("visited"), max_length=12, choices=VisitTarget.choices)
    person = models.ForeignKey(
        "registry.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("beneficiary"),
    )
    companion = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("social companion"),
    )
    ewarong_name = models.CharField(_("e-warong name"), max_length=200, blank=True)
    village_code = models.CharField(_("village code"), max_length=13, blank=True)
    visit_date = models.DateField(_("visit date"))
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    findings = models.TextField(_("findings"))
    # The seed requires the aid to be spent on food with these four groups; None: not checked.
    carbohydrate = models.BooleanField(_("carbohydrate"), null=True, blank=True)
    protein = models.BooleanField(_("protein"), null=True, blank=True)
    vitamin = models.BooleanField(_("vitamin"), null=True, blank=True)
    mineral = models.BooleanField(_("mineral"), null=True, blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    follow_up_done_at = models.DateTimeField(_("follow-up done at"), null=True, blank=True)

    class Meta:
        ordering = ["-visit_date", "-created_at"]
        verbose_name = _("monitoring visit")
        verbose_name_plural = _("monitoring visits")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(target="beneficiary", person__isnull=False)
                    | models.Q(target="companion", companion__isnull=False)
                    | (models.Q(target="ewarong") & ~models.Q(ewarong_name=""))
                ),
                name="bpnt_visit_names_its_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_target_display()} {self.visit_date}"

    @property
    def food_groups_met(self) -> bool | None:
        values = [self.carbohydrate, self.protein, self.vitamin, self.mineral]
        if any(v is None for v in values):
            return None
        return all(values)


class EducationSession(BaseModel):
    """An education or socialisation session for KPM, with its attendance."""

    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    session_date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200)
    place = models.CharField(_("place"), max_length=200)
    village_code = models.CharField(_("village code"), max_length=13, blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    attendees = models.ManyToManyField(
        "registry.Person", blank=True, related_name="+", verbose_name=_("attendees")
    )

    class Meta:
        ordering = ["-session_date"]
        verbose_name = _("education session")
        verbose_name_plural = _("education sessions")

    def __str__(self) -> str:
        return f"{self.topic} ({self.session_date})"


class CompanionArea(BaseModel):
    """An area (a district/kecamatan or a village/desa) that one social companion of the office
    looks after; new problem tickets of beneficiaries living there go to that companion.

    A village assignment wins over its district's, so a district can be split between companions.
    """

    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    companion = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="bpnt_areas",
        verbose_name=_("social companion"),
    )
    region_code = models.CharField(_("district or village code"), max_length=13)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["region_code"]
        verbose_name = _("companion area")
        verbose_name_plural = _("companion areas")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "region_code"], name="bpnt_area_one_companion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_code}: {self.companion_id}"


class LetterKind(models.TextChoices):
    RECOMMENDATION = "recommendation", _("Recommendation to the bank or PT Pos")
    CAMAT_NOTICE = "camat_notice", _("Notice to the Camat")


class LetterStatus(models.TextChoices):
    AWAITING_INITIALS = "awaiting_initials", _("Awaiting the Kepala Bidang's initials or signature")
    INITIALLED = "initialled", _("Initialled; awaiting the Kepala Dinas's signature")
    SIGNED = "signed", _("Signed and numbered")
    RETURNED = "returned", _("Returned to the drafter")


class LetterAction(models.TextChoices):
    DRAFT = "draft", _("Drafted")
    INITIAL = "initial", _("Initialled (paraf)")
    SIGN = "sign", _("Signed")
    RETURN = "return", _("Returned")


class LetterDraft(BaseModel):
    """A BPNT letter on its way to the signer: the recommendation of a ticket or the notice of a
    stage to one Camat. Seed 004 has the companion handle the problem and *the Dinas* give the
    recommendation, so the companion or the section drafts and the Kepala Bidang (paraf, or sign
    on the Kepala Dinas's behalf) and the Kepala Dinas (sign) approve; only the signature numbers
    and issues the letter. The draft's context is frozen when it is drafted, so what the signer
    previews is what gets numbered."""

    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("letter"), max_length=16, choices=LetterKind.choices)
    ticket = models.ForeignKey(
        ProblemTicket, null=True, blank=True, on_delete=models.CASCADE, related_name="letters"
    )
    stage = models.ForeignKey(
        DistributionStage,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="letter_drafts",
    )
    district_code = models.CharField(_("district code"), max_length=8, blank=True)
    title = models.CharField(_("title"), max_length=300)
    recipient = models.CharField(_("recipient"), max_length=300)
    context = models.JSONField(default=dict)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=LetterStatus.choices,
        default=LetterStatus.AWAITING_INITIALS,
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    initialled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    document_id = models.PositiveBigIntegerField(null=True, blank=True)
    document_number = models.CharField(_("letter number"), max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("BPNT letter draft")
        verbose_name_plural = _("BPNT letter drafts")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="recommendation", ticket__isnull=False)
                    | (
                        models.Q(kind="camat_notice", stage__isnull=False)
                        & ~models.Q(district_code="")
                    )
                ),
                name="bpnt_letter_names_its_subject",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="signed") | ~models.Q(document_number=""),
                name="bpnt_letter_signed_is_numbered",
            ),
            # One letter in progress or signed per ticket and per stage district.
            models.UniqueConstraint(
                fields=["ticket"],
                condition=models.Q(ticket__isnull=False) & ~models.Q(status="returned"),
                name="bpnt_letter_one_per_ticket",
            ),
            models.UniqueConstraint(
                fields=["stage", "district_code"],
                condition=models.Q(stage__isnull=False) & ~models.Q(status="returned"),
                name="bpnt_letter_one_per_district",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class LetterEvent(models.Model):
    """The letter's history: who drafted, initialled, signed or returned it, and when."""

    letter = models.ForeignKey(LetterDraft, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=8, choices=LetterAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(_("by"), max_length=200)
    role_label = models.CharField(_("as"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.letter_id}: {self.action}"
