"""Parsing of the region search parameters shared by the HTML fragment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sigap.regions.codes import region_code_normalise
from sigap.regions.models import RegionLevel
from sigap.regions.selectors import SEARCH_LIMIT_MAX


class RegionSearchForm(forms.Form):
    q = forms.CharField(label=_("Region name or code"), required=False, max_length=100)
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("Any level")), *RegionLevel.choices]
    )
    parent = forms.CharField(label=_("Within"), required=False, max_length=20)
    limit = forms.IntegerField(required=False, min_value=1, max_value=SEARCH_LIMIT_MAX)

    def clean_parent(self) -> str | None:
        value = self.cleaned_data["parent"]
        return region_code_normalise(value) if value else None
