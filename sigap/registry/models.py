"""Persons and families of the social-welfare registry.

Other apps refer to a Person (applicants, beneficiaries, children) and read it through
`sigap.registry.selectors`; they never write these tables directly.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sigap.core.models import BaseModel


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class Family(BaseModel):
    """A family as on its family card (Kartu Keluarga, KK)."""

    kk_number = models.CharField(_("KK number"), max_length=16, unique=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    village_code = models.CharField(_("village code"), max_length=13, blank=True, db_index=True)

    class Meta:
        verbose_name = _("family")
        verbose_name_plural = _("families")

    def __str__(self) -> str:
        return self.kk_number


class Person(BaseModel):
    """A person known to the office. The NIK may be missing (a child without one) until linked."""

    nik = models.CharField(_("NIK"), max_length=16, unique=True, null=True, blank=True)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    birth_place = models.CharField(_("place of birth"), max_length=100, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    village_code = models.CharField(_("village code"), max_length=13, blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    family = models.ForeignKey(
        Family, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return self.name
