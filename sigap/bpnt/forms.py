"""Forms of the BPNT staff pages."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from sigap.accounts.roles import Role
from sigap.bpnt.models import Recommendation, Reporter, TicketKind, VisitTarget
from sigap.core.access import users_with_role
from sigap.identity.fields import NIKField


class TicketForm(forms.Form):
    nik = NIKField(label=_("NIK of the beneficiary"))
    kind = forms.ChoiceField(label=_("Problem"), choices=TicketKind.choices)
    reporter = forms.ChoiceField(label=_("Reported by"), choices=Reporter.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}))
    assigned_to = forms.ModelChoiceField(
        label=_("Social companion"),
        queryset=None,
        required=False,
        empty_label=_("The companion of the beneficiary's area"),
    )

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        _companions(self.fields["assigned_to"], office)


def _companions(field, office) -> None:
    field.queryset = users_with_role(office, [Role.SOCIAL_COMPANION]).order_by("full_name")
    field.label_from_instance = lambda u: u.full_name or u.username


class AssignForm(forms.Form):
    assigned_to = forms.ModelChoiceField(
        label=_("Social companion"), queryset=None, empty_label=_("Choose a companion")
    )

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        _companions(self.fields["assigned_to"], office)


def _area_choices(office) -> list:
    """Districts of the office's regency, each followed by its villages, for one select."""
    from sigap.regions.models import Region, RegionLevel

    regions = Region.objects.filter(
        code__startswith=f"{office.region_code}.",
        level__in=[RegionLevel.DISTRICT, RegionLevel.VILLAGE],
        retired_in__isnull=True,
    ).order_by("code")
    groups: dict[str, list] = {}
    names: dict[str, str] = {}
    for region in regions.values("code", "name", "level"):
        if region["level"] == RegionLevel.DISTRICT:
            names[region["code"]] = region["name"]
            groups.setdefault(region["code"], []).insert(
                0, (region["code"], _("Whole district %(name)s") % {"name": region["name"]})
            )
        else:
            groups.setdefault(region["code"][:8], []).append(
                (region["code"], f"{region['name']} ({region['code']})")
            )
    return [("", _("Choose a district or village"))] + [
        (f"{names.get(code, code)} ({code})", options) for code, options in groups.items()
    ]


class AreaForm(forms.Form):
    companion = forms.ModelChoiceField(
        label=_("Social companion"), queryset=None, empty_label=_("Choose a companion")
    )
    region_code = forms.ChoiceField(label=_("District or village"))

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        _companions(self.fields["companion"], office)
        self.fields["region_code"].choices = _area_choices(office)


class ResolveForm(forms.Form):
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea(attrs={"rows": 4}))
    recommendation = forms.ChoiceField(
        label=_("Recommendation letter"),
        choices=Recommendation.choices,
        required=False,
        help_text=_(
            "Drafted for the Kepala Bidang or Kepala Dinas to approve and sign; it gets its "
            "number when signed."
        ),
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
    nik = NIKField(label=_("NIK of the beneficiary"), required=False)
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
