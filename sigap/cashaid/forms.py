"""The intake and payout fields of cash help (the extension's forms; UI and API use them)."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.accounts.models import Office

MSG_FUTURE_DATE = _("The date cannot be in the future.")
MSG_NEXT_OFFICE_REQUIRED = _("Give the next office on the route home (choose one or type it).")
MSG_LETTER_BEFORE_INCIDENT = _("The police letter cannot be dated before the incident.")
MAX_AMOUNT = Decimal("10000000")


class OneOfTwoOfficeField(forms.ModelChoiceField):
    """The next office: shown as required, since the route needs a next stop, but it may be left
    empty when the stop is typed in the next field instead; the form's clean() asks for one."""

    def validate(self, value) -> None:
        return None


class CashAidIntakeForm(forms.Form):
    police_letter_number = forms.CharField(label=_("Police letter number"), max_length=100)
    police_letter_date = forms.DateField(
        label=_("Police letter date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    incident_date = forms.DateField(
        label=_("Date of the incident"), widget=forms.DateInput(attrs={"type": "date"})
    )
    incident_place = forms.CharField(label=_("Where it happened"), max_length=200)
    incident_text = forms.CharField(
        label=_("What happened"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    destination = forms.CharField(
        label=_("Home (where the person is going)"),
        max_length=300,
        help_text=_("Village, district and regency of origin."),
    )
    next_office = OneOfTwoOfficeField(
        label=_("Next office on the route"),
        queryset=Office.objects.order_by("name"),
        to_field_name="code",
        empty_label=_("Choose an office, or type the stop below"),
        help_text=_("Choose one here or type it in the next field."),
    )
    next_office_text = forms.CharField(
        label=_("Next office or stop, when it is not in the list"),
        max_length=200,
        required=False,
    )
    amount = forms.DecimalField(
        label=_("Amount (Rp)"),
        min_value=Decimal("1000"),
        max_value=MAX_AMOUNT,
        decimal_places=0,
        help_text=_("Enough to reach the next office on the route."),
    )

    def __init__(self, *args, office=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if office is not None:
            # The office helping the person is where they are, never the next stop.
            self.fields["next_office"].queryset = Office.objects.exclude(pk=office.pk).order_by(
                "name"
            )

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        for name in ("police_letter_date", "incident_date"):
            if data.get(name) and data[name] > today:
                self.add_error(name, MSG_FUTURE_DATE)
        letter, incident = data.get("police_letter_date"), data.get("incident_date")
        if letter and incident and letter < incident:
            self.add_error("police_letter_date", MSG_LETTER_BEFORE_INCIDENT)
        if not data.get("next_office") and not data.get("next_office_text"):
            self.add_error("next_office_text", MSG_NEXT_OFFICE_REQUIRED)
        return data


class PayForm(forms.Form):
    amount_paid = forms.DecimalField(
        label=_("Cash handed over (Rp)"),
        min_value=Decimal("1"),
        max_value=MAX_AMOUNT,
        decimal_places=0,
    )
