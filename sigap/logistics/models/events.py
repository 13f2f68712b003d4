"""Disaster events, their emergency response status (status tanggap darurat) and posts (posko)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sigap.core.models import BaseModel


class DisasterKind(models.TextChoices):
    FLOOD = "flood", _("Flood")
    LANDSLIDE = "landslide", _("Landslide")
    EARTHQUAKE = "earthquake", _("Earthquake")
    TSUNAMI = "tsunami", _("Tsunami")
    VOLCANO = "volcano", _("Volcanic eruption")
    FIRE = "fire", _("Fire")
    WINDSTORM = "windstorm", _("Windstorm")
    DROUGHT = "drought", _("Drought")
    SOCIAL = "social", _("Social conflict")
    OTHER = "other", _("Other")


class DisasterEvent(BaseModel):
    """A disaster the province office responds to, e.g. the Lebak floods of November 2026."""

    office = models.ForeignKey(
        "accounts.Office", on_delete=models.PROTECT, related_name="disaster_events"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=DisasterKind.choices)
    occurred_on = models.DateField(_("occurred on"))
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("disaster event")
        verbose_name_plural = _("disaster events")

    def __str__(self) -> str:
        return self.name


class EventRegion(models.Model):
    """A region (Kemendagri code, any level) affected by an event; its descendants are covered."""

    event = models.ForeignKey(DisasterEvent, on_delete=models.CASCADE, related_name="regions")
    region_code = models.CharField(_("region code"), max_length=13)
    region_name = models.CharField(_("region name"), max_length=200, blank=True)

    class Meta:
        ordering = ["region_code"]
        constraints = [
            models.UniqueConstraint(fields=["event", "region_code"], name="event_region_once")
        ]
        verbose_name = _("affected region")
        verbose_name_plural = _("affected regions")

    def __str__(self) -> str:
        return self.region_name or self.region_code


class StatusKind(models.TextChoices):
    DECLARATION = "declaration", _("Declaration")
    EXTENSION = "extension", _("Extension")


class EmergencyStatus(BaseModel):
    """A decree declaring or extending the emergency response period (masa tanggap darurat).

    Rows are never edited: an extension is a new row, so the history of decrees stays visible.
    """

    event = models.ForeignKey(DisasterEvent, on_delete=models.CASCADE, related_name="statuses")
    kind = models.CharField(_("kind"), max_length=20, choices=StatusKind.choices)
    decree_number = models.CharField(_("decree number"), max_length=120)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["event", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="emergency_status_dates_ordered"
            )
        ]
        verbose_name = _("emergency response status")
        verbose_name_plural = _("emergency response statuses")

    def __str__(self) -> str:
        return f"{self.decree_number} ({self.starts_on} – {self.ends_on})"


class Posko(BaseModel):
    """A disaster post (posko) of an event: where aid is delivered and handed over."""

    event = models.ForeignKey(DisasterEvent, on_delete=models.CASCADE, related_name="posts")
    name = models.CharField(_("name"), max_length=200)
    region_code = models.CharField(_("region code"), max_length=13)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    coordinator = models.CharField(_("coordinator"), max_length=200)
    contact = models.CharField(_("contact"), max_length=60)

    class Meta:
        ordering = ["event", "name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="posko_name_once_per_event"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="posko_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="posko_longitude_range",
            ),
        ]
        verbose_name = _("post (posko)")
        verbose_name_plural = _("posts (posko)")

    def __str__(self) -> str:
        return self.name
