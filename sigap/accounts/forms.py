"""Forms of the staff profile, shared by the page and the API."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("What the token is for"), max_length=100)
