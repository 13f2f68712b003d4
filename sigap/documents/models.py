"""Issued documents (PDF + hash + verification token), editable templates and the letter agenda.

The agenda (*buku agenda surat keluar*) is the register that gives each outgoing letter its
number; numbers run per office and per calendar year without gaps.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from sigap.core.models import BaseModel

DEFAULT_NUMBER_FORMAT = "{classification}/{seq:03d}/{letter_code}/{year}"
# Kemendagri classification code for social affairs letters, used when a caller gives none.
DEFAULT_CLASSIFICATION = "400.9"


class DocumentTemplate(BaseModel):
    """An edited copy of a document template body; it overrides the file shipped by an app.

    `office` empty means the copy applies to every office without its own copy.
    """

    office = models.ForeignKey(
        "accounts.Office",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="document_templates",
        verbose_name=_("office"),
    )
    code = models.SlugField(_("code"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body (template text)"))
    version = models.PositiveIntegerField(_("version"), default=1)
    is_active = models.BooleanField(_("active"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "code"],
                condition=models.Q(office__isnull=False),
                name="document_template_once_per_office",
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(office__isnull=True),
                name="document_template_once_globally",
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="document_template_version_positive"
            ),
        ]
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"


class AgendaSettings(BaseModel):
    """How an office formats its outgoing letter numbers.

    Placeholders: {seq} (the sequence, e.g. {seq:03d}), {classification}, {letter_code},
    {year}, {month}, {month_roman}.
    """

    office = models.OneToOneField(
        "accounts.Office",
        on_delete=models.CASCADE,
        related_name="agenda_settings",
        verbose_name=_("office"),
    )
    number_format = models.CharField(
        _("number format"), max_length=120, default=DEFAULT_NUMBER_FORMAT
    )
    default_classification = models.CharField(
        _("default classification code"), max_length=40, default=DEFAULT_CLASSIFICATION
    )
    # Empty: the office's own letter code is used.
    letter_code = models.CharField(_("letter code"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("agenda settings")
        verbose_name_plural = _("agenda settings")

    def __str__(self) -> str:
        return f"{self.office}: {self.number_format}"


class AgendaCounter(models.Model):
    """The last sequence used by an office in a year; locked with SELECT ... FOR UPDATE."""

    office = models.ForeignKey("accounts.Office", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="agenda_counter_once_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.year}: {self.last_sequence}"


class AgendaEntry(BaseModel):
    """One outgoing letter in the office's agenda (buku agenda surat keluar)."""

    office = models.ForeignKey(
        "accounts.Office",
        on_delete=models.PROTECT,
        related_name="agenda_entries",
        verbose_name=_("office"),
    )
    year = models.PositiveIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    number = models.CharField(_("letter number"), max_length=120)
    date = models.DateField(_("date"))
    classification = models.CharField(_("classification"), max_length=40, blank=True)
    title = models.CharField(_("subject"), max_length=300)
    recipient = models.CharField(_("recipient"), max_length=300, blank=True)
    document = models.OneToOneField(
        "documents.IssuedDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_entry",
        verbose_name=_("document"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registered by"),
    )

    class Meta:
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "sequence"], name="agenda_sequence_unique"
            ),
            models.UniqueConstraint(fields=["office", "number"], name="agenda_number_unique"),
        ]
        verbose_name = _("agenda entry")
        verbose_name_plural = _("outgoing-mail agenda")

    def __str__(self) -> str:
        return self.number


class DocumentStatus(models.TextChoices):
    ISSUED = "issued", _("Issued")
    REVOKED = "revoked", _("Revoked")


class IssuedDocument(BaseModel):
    """A PDF the office issued: the exact bytes (private storage), their SHA-256, and a token.

    The token is printed as a QR code linking to the public verification page. The title is
    shown publicly there, so it must never contain a person's name.
    """

    office = models.ForeignKey(
        "accounts.Office",
        on_delete=models.PROTECT,
        related_name="issued_documents",
        verbose_name=_("office"),
    )
    token = models.CharField(_("verification token"), max_length=64, unique=True)
    template_code = models.SlugField(_("template"), max_length=60)
    template_version = models.PositiveIntegerField(_("template version"), default=0)
    title = models.CharField(_("title"), max_length=300)
    number = models.CharField(_("number"), max_length=120, blank=True)
    recipient = models.CharField(_("recipient"), max_length=300, blank=True)
    classification = models.CharField(_("classification"), max_length=40, blank=True)
    issued_at = models.DateTimeField(_("issued at"))
    # Empty for documents a citizen's own action produced (the receipt of a portal request).
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issued by"),
    )
    # The signer as printed on the letter, kept even if the account changes later.
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("signer"),
    )
    signer_name = models.CharField(_("signer name"), max_length=200, blank=True)
    signer_rank = models.CharField(_("signer rank"), max_length=100, blank=True)
    signer_nip = models.CharField(_("signer NIP"), max_length=18, blank=True)
    signer_position = models.CharField(_("signer position"), max_length=200, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("file"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    rendered_html = models.TextField(_("rendered HTML"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.ISSUED
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoke_reason = models.CharField(_("reason for revocation"), max_length=500, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="document_subject")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="issued", revoked_at__isnull=True)
                | models.Q(status="revoked", revoked_at__isnull=False),
                name="document_revoked_has_date",
            ),
        ]
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")

    def __str__(self) -> str:
        return self.number or self.title

    @property
    def is_revoked(self) -> bool:
        return self.status == DocumentStatus.REVOKED
