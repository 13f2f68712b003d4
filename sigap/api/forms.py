"""Run a page's Django form on API input, so both check a payload with the same rules."""

from django import forms
from django.core.exceptions import ValidationError


def cleaned(form: forms.BaseForm) -> dict:
    """The form's cleaned data, or a ValidationError by field (the API answers 400)."""
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return dict(form.cleaned_data)
