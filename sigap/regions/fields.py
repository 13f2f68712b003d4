"""`RegionField`: a text input with live suggestions (HTMX, datalist), cleaning to a region code."""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sigap.regions.codes import region_code_normalise, region_level_of
from sigap.regions.models import RegionLevel
from sigap.regions.selectors import region_exists, region_label

UNKNOWN_REGION = "unknown_region"
WRONG_LEVEL = "wrong_region_level"


class RegionWidget(forms.TextInput):
    """Suggestions come from /regions/search as the user types; the value is the code."""

    template_name = "regions/widgets/region_input.html"

    def __init__(self, *, level: str | None = None, parent: str | None = None, attrs=None):
        self.level = level
        self.parent = parent
        super().__init__(attrs=attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        query = {k: v for k, v in (("level", self.level), ("parent", self.parent)) if v}
        url = reverse("regions:search")
        context["widget"]["search_url"] = f"{url}?{urlencode(query)}" if query else url
        context["widget"]["region_label"] = region_label(value) if value else ""
        return context


class RegionField(forms.CharField):
    """Cleans to the dotted code of a current region (`33.14.01.2001`), of `level` if given."""

    default_error_messages = {
        UNKNOWN_REGION: _("Choose a region from the list; %(value)s is not a current region code."),
        WRONG_LEVEL: _("Choose a %(level)s."),
    }

    def __init__(
        self, *, level: RegionLevel | str | None = None, parent: str | None = None, **kwargs
    ) -> None:
        self.level = RegionLevel(level) if level else None
        kwargs.setdefault("max_length", 60)
        kwargs.setdefault("widget", RegionWidget(level=self.level, parent=parent))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        code = region_code_normalise(value)
        if self.level and region_level_of(code) != self.level:
            raise ValidationError(
                self.error_messages[WRONG_LEVEL],
                code=WRONG_LEVEL,
                params={"level": self.level.label.lower()},
            )
        if not region_exists(code):
            raise ValidationError(
                self.error_messages[UNKNOWN_REGION], code=UNKNOWN_REGION, params={"value": code}
            )
        return code
