"""Kemendagri regions in one table keyed by their dotted code, and the editions they came from.

One table rather than one per level: addresses and offices point at a region of any level with the
same kind of code, name search spans levels in one query, and the parent of a code is its own
prefix, so the loader never has to look parents up.
"""

from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from sigap.core.models import BaseModel


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    REGENCY = "regency", _("Regency/city")
    DISTRICT = "district", _("District (kecamatan)")
    VILLAGE = "village", _("Village (desa/kelurahan)")


# Length of the dotted code at each level: 33, 33.14, 33.14.01, 33.14.01.2001.
CODE_LENGTH = {
    RegionLevel.PROVINCE: 2,
    RegionLevel.REGENCY: 5,
    RegionLevel.DISTRICT: 8,
    RegionLevel.VILLAGE: 13,
}


def _code_length(length: int) -> Exact:
    return Exact(Length("code"), length)


class RegionEdition(BaseModel):
    """A published list of region codes (a Kepmendagri decree), loaded as a whole."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=300)
    loaded_at = models.DateTimeField(_("loaded at"), null=True, blank=True)

    class Meta:
        ordering = ["-loaded_at"]
        verbose_name = _("region edition")
        verbose_name_plural = _("region editions")

    def __str__(self) -> str:
        return self.title or self.name


class Region(models.Model):
    """A province, regency/city, district (kecamatan) or village (desa/kelurahan).

    A code that a later edition drops is retired, never deleted, so old addresses keep resolving.
    No BaseModel timestamps: 90,000 reference rows are loaded in bulk and audited per edition.
    """

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    # The latest edition that lists this code, and the edition that dropped it (if any).
    # Not indexed: nothing reads regions by edition in a hot path, an index on a column with
    # a handful of values only slows the bulk load, and SQLite's planner picked it over the
    # primary key for `code IN (...) AND retired_in IS NULL`.
    edition = models.ForeignKey(
        RegionEdition,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("edition"),
    )
    retired_in = models.ForeignKey(
        RegionEdition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name=_("retired in"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        indexes = [models.Index(fields=["level", "name"], name="regions_level_name")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__in=RegionLevel.values), name="regions_level_valid"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(_code_length(2), level=RegionLevel.PROVINCE, parent__isnull=True)
                    | models.Q(_code_length(5), level=RegionLevel.REGENCY, parent__isnull=False)
                    | models.Q(_code_length(8), level=RegionLevel.DISTRICT, parent__isnull=False)
                    | models.Q(_code_length(13), level=RegionLevel.VILLAGE, parent__isnull=False)
                ),
                name="regions_code_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_retired(self) -> bool:
        return self.retired_in_id is not None

    @property
    def village_kind(self) -> str | None:
        """Kemendagri numbers a kelurahan (urban) 1xxx, a desa 2xxx, a desa adat (Papua) 3xxx."""
        if self.level != RegionLevel.VILLAGE:
            return None
        return {"1": "kelurahan", "2": "desa", "3": "desa adat"}.get(self.code[9])
