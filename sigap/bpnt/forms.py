"""Forms of the BPNT staff pages."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from sigap.accounts.roles import Role
from sigap.bpnt.models import Recommendation, Reporter, TicketKind, VisitTarget
from sigap.core.access import users_with_role


class TicketForm(forms.Form):
    nik = forms.CharField(label=_("NIK of the beneficiary"), max_length=20)
    kind = forms.ChoiceField(label=_("Problem"), choices=TicketKind.choices)
    reporter = forms.ChoiceField(label=_("Reported by"), choices=Reporter.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}))
    assigned_to = forms.ModelChoiceField(label=_("Social companion of the area"), queryset=None)

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = users_with_role(
            office, [Role.SOCIAL_COMPANION]
        ).order_by("full_name")
        self.fields["assigned_to"].label_from_instance = lambda u: u.full_name or u.username


class ResolveForm(forms.Form):
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 4}))
    recommendation = forms.ChoiceField(
        label=_("Recommendation letter"), choices=Recommendation.choices, required=False
    )


class StageForm(forms.Form):
    year = forms.IntegerField(
        label=_("Budget year"), min_value=2000, max_value=2100, initial=datetime.date.today().year
    )
    number = forms.IntegerField(label=_("Stage"), min_value=1, max_value=24)
    period = forms.CharField(label=_("Period (months)"), max_length=60, required=False)
    distribution_date = forms.DateField(
        label=_("Distribution date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class DeliveryForm(forms.Form):
    file = forms.FileField(
        label=_("Report from the bank or PT Pos (CSV with columns nik and delivered)")
    )


_CHECK = [("", _("Not checked")), ("1", _("Yes")), ("0", _("No"))]


def _tristate(label):
    return forms.TypedChoiceField(
        label=label,
        choices=_CHECK,
        required=False,
        coerce=lambda v: v == "1",
        empty_value=None,
    )


class VisitForm(forms.Form):
    target = forms.ChoiceField(label=_("Visited"), choices=VisitTarget.choices)
    nik = forms.CharField(label=_("NIK of the beneficiary"), max_length=20, required=False)
    companion = forms.ModelChoiceField(label=_("Social companion"), queryset=None, required=False)
    ewarong_name = forms.CharField(label=_("E-warong name"), max_length=200, required=False)
    visit_date = forms.DateField(
        label=_("Visit date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}))
    carbohydrate = _tristate(_("Aid spent on carbohydrate"))
    protein = _tristate(_("Aid spent on protein"))
    vitamin = _tristate(_("Aid spent on vitamin"))
    mineral = _tristate(_("Aid spent on mineral"))
    follow_up = forms.CharField(
        label=_("Follow-up"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["companion"].queryset = users_with_role(
            office, [Role.SOCIAL_COMPANION]
        ).order_by("full_name")
        self.fields["companion"].label_from_instance = lambda u: u.full_name or u.username


class SessionForm(forms.Form):
    session_date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    topic = forms.CharField(label=_("Topic"), max_length=200)
    place = forms.CharField(label=_("Place"), max_length=200)
    village_code = forms.CharField(label=_("Village code"), max_length=13, required=False)


class AttendanceForm(forms.Form):
    niks = forms.CharField(
        label=_("NIK of the attendees (one per line)"), widget=forms.Textarea(attrs={"rows": 4})
    )
