"""The form recording a data subject's request; it parses input only, the service decides."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sigap.privacy.models import RequesterRelation


class DateInput(forms.DateInput):
    input_type = "date"


class SubjectRequestForm(forms.Form):
    nik = forms.CharField(
        label=_("NIK of the data subject"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    codes = forms.CharField(
        label=_("Tracking codes the requester holds"),
        help_text=_(
            "For a person without a NIK, or in addition to it: request, complaint or case "
            "numbers, separated by spaces."
        ),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    letter_number = forms.CharField(label=_("Request letter number"), max_length=100)
    letter_date = forms.DateField(label=_("Request letter date"), widget=DateInput)
    requester_name = forms.CharField(label=_("Requested by (name)"), max_length=200)
    requester_relation = forms.ChoiceField(
        label=_("Relation to the data subject"),
        choices=RequesterRelation.choices,
        widget=forms.RadioSelect,
    )
    identity_document = forms.CharField(
        label=_("Identity document seen"),
        help_text=_("For example: KTP; for a representative, also the power of attorney."),
        max_length=120,
        required=False,
    )
    identity_verified = forms.BooleanField(
        label=_(
            "I have checked the requester's identity against the document, and their authority "
            "to act for the data subject"
        ),
    )


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Puts a service's ValidationError on the form: on its field when the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
