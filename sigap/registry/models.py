"""Persons, families, programme memberships and the bulk imports that feed them.

Other apps refer to a Person (applicants, beneficiaries, children) and read it through
`sigap.registry.selectors`; they never write these tables directly.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sigap.core.models import BaseModel
from sigap.registry.fields import IdentityNumberField


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


# Bulk-loaded tables override BaseModel's created_at: its index costs ~1 s per 10^6 rows on
# import and nothing queries these tables by creation time.
def _created_at():
    return models.DateTimeField(_("created at"), auto_now_add=True)


class Family(BaseModel):
    """A family as on its family card (Kartu Keluarga, KK)."""

    created_at = _created_at()
    kk_number = IdentityNumberField(_("KK number"), unique=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    village_code = models.CharField(_("village code"), max_length=13, blank=True)
    head = models.ForeignKey(
        "Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        # Indexed (partially, only set heads): deleting persons, as an import's rollback
        # does, sets this to NULL, and without an index each deleted person scanned the
        # family table (a 140,000-row rollback ran past 11 minutes; 20 s with it).
        db_index=False,
        verbose_name=_("head of family"),
    )
    created_by_import = models.ForeignKey(
        "ImportBatch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )

    class Meta:
        verbose_name = _("family")
        verbose_name_plural = _("families")
        indexes = [
            models.Index(
                fields=["head"],
                name="registry_family_head",
                condition=models.Q(head__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.kk_number


class Person(BaseModel):
    """A person known to the office. The NIK may be missing (a child without one) until linked.

    Persons are shared between offices (one NIK, one person); who may see one is decided in
    `selectors.persons_visible_to`.
    """

    created_at = _created_at()
    nik = IdentityNumberField(_("NIK"), unique=True, null=True, blank=True)
    # Spelling-tolerant search goes through the lexicon of distinct names (trigram index,
    # migration 0005, PostgreSQL), then this btree (no `_like` twin: declared in Meta).
    name = models.CharField(_("name"), max_length=200)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    birth_place = models.CharField(_("place of birth"), max_length=100, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    village_code = models.CharField(_("village code"), max_length=13, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    family = models.ForeignKey(
        Family, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    created_by_import = models.ForeignKey(
        "ImportBatch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [models.Index(fields=["name"], name="registry_person_name")]

    def __str__(self) -> str:
        return self.name


class Programme(models.TextChoices):
    BPNT = "BPNT", _("BPNT / Sembako (non-cash food assistance)")
    PKH = "PKH", _("PKH (family hope programme)")
    PBI = "PBI", _("PBI-JK (health insurance contribution)")
    BLT = "BLT", _("BLT (direct cash assistance)")
    OTHER = "OTHER", _("Other programme")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    ENDED = "ended", _("Ended")


class PayingChannel(models.TextChoices):
    HIMBARA = "himbara", _("Himbara bank")
    POS = "pos", _("PT Pos Indonesia")


class Bank(models.TextChoices):
    BNI = "BNI", "BNI"
    BRI = "BRI", "BRI"
    MANDIRI = "MANDIRI", "Bank Mandiri"
    BTN = "BTN", "BTN"
    BSI = "BSI", "BSI"


class ProgrammeMembership(BaseModel):
    """A person (the KPM's representative) in a programme's list of one budget year.

    One membership per person, programme and year across all offices: the same NIK on two
    regencies' BPNT lists is a double payment, refused by the import.
    """

    created_at = _created_at()
    # No index of its own: the unique (person, programme, year) constraint's index serves it.
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", db_index=False
    )
    office = models.ForeignKey(
        "accounts.Office", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    programme = models.CharField(_("programme"), max_length=8, choices=Programme.choices)
    year = models.PositiveSmallIntegerField(_("budget year"))
    period = models.CharField(_("period / stage"), max_length=40, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.ACTIVE,
    )
    kks_number = models.CharField(_("KKS card number"), max_length=20, blank=True)
    channel = models.CharField(
        _("paying channel"), max_length=8, choices=PayingChannel.choices, blank=True
    )
    bank = models.CharField(_("bank"), max_length=8, choices=Bank.choices, blank=True)
    dtks_listed = models.BooleanField(_("listed in DTKS/DTSEN"), default=False)
    dtks_date = models.DateField(_("DTKS/DTSEN listing date"), null=True, blank=True)
    sp2d_listed = models.BooleanField(_("listed in the SP2D payment data"), default=False)
    amount = models.PositiveBigIntegerField(_("amount (rupiah)"), null=True, blank=True)
    # DTSEN's welfare decile: 1 (poorest tenth of the nation) to 10.
    desil = models.PositiveSmallIntegerField(_("welfare decile (desil)"), null=True, blank=True)
    created_by_import = models.ForeignKey(
        "ImportBatch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )

    class Meta:
        verbose_name = _("programme membership")
        verbose_name_plural = _("programme memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "programme", "year"], name="registry_membership_once_per_year"
            ),
            models.CheckConstraint(
                condition=~models.Q(channel="pos") | models.Q(bank=""),
                name="registry_membership_pos_has_no_bank",
            ),
            models.CheckConstraint(
                condition=models.Q(desil__isnull=True) | models.Q(desil__range=(1, 10)),
                name="registry_membership_desil_1_to_10",
            ),
        ]
        indexes = [
            models.Index(fields=["office", "programme", "year"], name="registry_membership_list"),
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}: {self.person_id}"


class ImportLayout(models.TextChoices):
    SP2D = "sp2d", _("SP2D payment list")
    DTKS = "dtks", _("DTKS extract")
    DTSEN = "dtsen", _("DTSEN extract (with desil)")
    BPNT = "bpnt", _("BPNT KPM list")
    CUSTOM = "custom", _("Other layout (column mapping)")


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Waiting for column mapping")
    QUEUED = "queued", _("Queued")
    READING = "reading", _("Reading and checking rows")
    STAGED = "staged", _("Checked, waiting to be merged")
    MERGING = "merging", _("Merging into the registry")
    COMMITTED = "committed", _("Imported")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled, nothing stored")
    ROLLING_BACK = "rolling_back", _("Being rolled back")
    ROLLED_BACK = "rolled_back", _("Rolled back")


class OutOfArea(models.TextChoices):
    REJECT = "reject", _("Reject the row")
    WARN = "warn", _("Import it, with a warning in the rejects file")


class ImportPolicy(BaseModel):
    """How an office's imports treat rows whose village lies outside the office's area.

    Without a policy row the row is rejected: a regency's list naming persons of another
    province is far more often a wrong file than a family that moved.
    """

    office = models.OneToOneField(
        "accounts.Office", on_delete=models.CASCADE, related_name="import_policy"
    )
    out_of_area = models.CharField(
        _("rows outside the office's area"),
        max_length=8,
        choices=OutOfArea.choices,
        default=OutOfArea.REJECT,
    )

    class Meta:
        verbose_name = _("import policy")
        verbose_name_plural = _("import policies")

    def __str__(self) -> str:
        return f"{self.office_id}: {self.out_of_area}"


# The step a running merge or rollback records (progress_note), as the clerk reads it.
STEP_LABELS = {
    "set_aside": _("setting the indexes aside"),
    "families": _("families"),
    "plan": _("matching rows to the registry"),
    "classify": _("counting new and changed rows"),
    "history": _("recording the history of changes"),
    "update_persons": _("updating persons"),
    "insert_persons": _("adding persons"),
    "update_memberships": _("updating programme lists"),
    "insert_memberships": _("adding to the programme list"),
    "rebuild": _("rebuilding the indexes"),
    "commit": _("saving"),
    "restore": _("restoring the previous values"),
    "delete_memberships": _("removing the list entries it added"),
    "delete_persons": _("removing the persons it added"),
    "delete_families": _("removing the families it added"),
    "check": _("checking links to other records"),
}


class ImportBatch(BaseModel):
    """One imported file: the unit that commits as a whole or is rolled back as a whole.

    The import writes its own history (ImportChange) because bulk SQL bypasses auditlog.
    """

    office = models.ForeignKey("accounts.Office", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(_("file"), upload_to="registry/imports/%Y/%m/", max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, db_index=True)
    layout = models.CharField(
        _("layout"), max_length=8, choices=ImportLayout.choices, default=ImportLayout.CUSTOM
    )
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    programme = models.CharField(
        _("programme"), max_length=8, choices=Programme.choices, blank=True
    )
    year = models.PositiveSmallIntegerField(_("budget year"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    progress_note = models.CharField(_("step"), max_length=120, blank=True)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_total = models.PositiveIntegerField(_("rows in file"), null=True, blank=True)
    new_count = models.PositiveIntegerField(_("new"), default=0)
    changed_count = models.PositiveIntegerField(_("changed"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected_count = models.PositiveIntegerField(_("rejected"), default=0)
    warning_count = models.PositiveIntegerField(_("imported with a warning"), default=0)
    # Found when the file was uploaded: {header: cells held as spreadsheet numbers} (XLSX).
    numeric_cells = models.JSONField(_("cells held as numbers"), default=dict, blank=True)
    # Set by the clerk; the running import or rollback stops at its next step, undoing all.
    cancel_requested = models.BooleanField(_("cancel requested"), default=False)
    rejects_file = models.FileField(_("rejected rows"), max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)
    timings = models.JSONField(_("seconds per stage"), default=dict, blank=True)
    same_as = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("identical to the earlier import"),
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def is_running(self) -> bool:
        return self.status in {
            ImportStatus.QUEUED,
            ImportStatus.READING,
            ImportStatus.MERGING,
            ImportStatus.ROLLING_BACK,
        }

    @property
    def progress_label(self) -> str:
        return str(STEP_LABELS.get(self.progress_note, "")) if self.progress_note else ""

    @property
    def progress_percent(self) -> int:
        if self.status in {ImportStatus.COMMITTED, ImportStatus.ROLLED_BACK}:
            return 100
        if self.status == ImportStatus.ROLLING_BACK:
            return int((self.timings or {}).get("step_percent", 0))
        if not self.rows_total:
            return 0
        read = min(self.rows_read, self.rows_total) / self.rows_total
        # Reading is about two thirds of the work; the merge the rest.
        share = read * 66 + (30 if self.status == ImportStatus.MERGING else 0)
        return int(share)


class ImportChange(models.Model):
    """One registry row an import changed: old -> new values (the bulk path's own history)."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="changes")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="import_changes", db_constraint=False
    )
    row_number = models.PositiveIntegerField(_("row"))
    before = models.JSONField(_("before"))
    after = models.JSONField(_("after"))

    class Meta:
        verbose_name = _("change by import")
        verbose_name_plural = _("changes by imports")

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.person_id}"
