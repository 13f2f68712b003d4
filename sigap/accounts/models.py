"""Offices (Dinas Sosial), their units and positions, and staff accounts identified by NIP."""

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from sigap.accounts.roles import Role
from sigap.core.models import BaseModel


class OfficeLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    REGENCY = "regency", _("Regency")
    CITY = "city", _("City")


class Office(BaseModel):
    """A Dinas Sosial office of a province, regency (kabupaten) or city (kota)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=16, choices=OfficeLevel.choices)
    # Kemendagri code of the region the office governs: "36" (Banten), "33.14" (Sragen).
    region_code = models.CharField(_("region code"), max_length=13)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("province office"),
    )
    # Letterhead: the government the office belongs to, e.g. "PEMERINTAH KOTA TARAKAN".
    government_name = models.CharField(_("government"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    # The emblem printed on the left of the letterhead (kop surat); empty: Sigap's neutral one.
    emblem = models.ImageField(
        _("emblem"),
        upload_to="letterhead/",
        blank=True,
        help_text=_("PNG or JPEG of the regional emblem, printed on the letterhead."),
    )
    # A second address line printed under the office name (kelurahan, city, postal code).
    address_line_2 = models.CharField(_("address (second line)"), max_length=300, blank=True)
    # Used in letter numbers, e.g. "DINSOSPM" in 000.8.3.2/03.2/DINSOSPM.
    letter_code = models.CharField(_("letter code"), max_length=40, blank=True)

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    DIVISION = "division", _("Division (Bidang)")
    SECTION = "section", _("Section (Seksi)")
    TECHNICAL_UNIT = "technical_unit", _("Technical unit (UPT / Balai)")


class Unit(BaseModel):
    """A unit of an office: a division (bidang), a section (seksi) or a technical unit."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)

    class Meta:
        ordering = ["office", "name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "code"], name="unit_code_unique_per_office")
        ]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name


class Position(BaseModel):
    """A position (jabatan) as printed under a signature, e.g. "Penyuluh Sosial Ahli Muda"."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff account. Civil servants are identified by their 18-digit NIP."""

    nip = models.CharField(_("NIP"), max_length=18, unique=True, null=True, blank=True)
    full_name = models.CharField(_("full name with titles"), max_length=200, blank=True)
    rank = models.CharField(_("rank / grade"), max_length=100, blank=True)
    office = models.ForeignKey(
        Office, null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="staff"
    )
    position = models.ForeignKey(
        Position, null=True, blank=True, on_delete=models.SET_NULL, related_name="staff"
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("staff account")
        verbose_name_plural = _("staff accounts")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @cached_property
    def roles(self) -> frozenset[str]:
        if not self.pk:
            return frozenset()
        return frozenset(self.role_assignments.values_list("role", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))


class RoleAssignment(models.Model):
    """A role held by a staff account in its office."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="role_once_per_user"),
        ]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return self.get_role_display()


class ApiToken(BaseModel):
    """A personal API token for staff; only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return self.name
