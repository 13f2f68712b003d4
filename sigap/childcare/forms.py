"""Forms of the case pages; they parse input only, the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sigap.accounts.roles import Role
from sigap.childcare.models import (
    AssignmentRole,
    ConsentGiver,
    Outcome,
    Recommendation,
)
from sigap.identity.fields import NIKField, NIPField
from sigap.registry.models import Sex


class DateInput(forms.DateInput):
    input_type = "date"


def _date(label):
    return forms.DateField(label=label, widget=DateInput)


def _text(label, *, required=True, rows=3):
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows})
    )


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Puts a service's ValidationError on the form: on its field when the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class ReferralForm(forms.Form):
    referring_office = forms.ModelChoiceField(
        label=_("Referring regency/city Dinsos"), queryset=None, empty_label=None
    )
    referral_number = forms.CharField(label=_("Request letter number"), max_length=100)
    referral_date = _date(_("Request letter date"))
    referral_letter = forms.FileField(label=_("Request letter (PDF, JPEG or PNG)"), required=False)
    referral_summary = _text(_("Reason for referral"), required=False)
    child_name = forms.CharField(label=_("Child's full name"), max_length=200)
    child_nik = NIKField(
        label=_("Child's NIK"),
        required=False,
        help_text=_("Leave empty if the child has no NIK yet; it can be linked later."),
    )
    child_sex = forms.ChoiceField(label=_("Sex"), choices=[("", "-"), *Sex.choices], required=False)
    child_birth_place = forms.CharField(label=_("Place of birth"), max_length=100, required=False)
    child_birth_date = forms.DateField(label=_("Date of birth"), widget=DateInput, required=False)
    child_address = forms.CharField(label=_("Last address"), max_length=300, required=False)
    no_carer = forms.BooleanField(
        label=_("No person, family or community cares for the child"), required=False
    )
    no_carer_evidence = _text(_("Evidence"), required=False, rows=2)
    violence = forms.BooleanField(
        label=_("The child suffered violence from its surroundings"), required=False
    )
    violence_evidence = _text(_("Evidence"), required=False, rows=2)
    at_risk = forms.BooleanField(
        label=_(
            "The child has family but is at risk of violence, mistreatment, exploitation or neglect"
        ),
        required=False,
    )
    at_risk_evidence = _text(_("Evidence"), required=False, rows=2)

    def __init__(self, *args, office, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referring_office"].queryset = office.children.order_by("name")


def _with_case_role(user) -> str:
    """ "Siti (Pekerja Sosial)": the list mixes social workers and child companions."""
    labels = [
        str(label)
        for role, label in (
            (Role.SOCIAL_WORKER, _("Social worker")),
            (Role.CHILD_COMPANION, _("Child companion")),
        )
        if role in user.roles
    ]
    return f"{user.display_name} ({', '.join(labels)})" if labels else user.display_name


class AssignForm(forms.Form):
    role = forms.ChoiceField(label=_("Assign as"), choices=AssignmentRole.choices)
    to_user = forms.ModelChoiceField(label=_("Staff member"), queryset=None)
    reason = forms.CharField(label=_("Reason"), max_length=500)

    def __init__(self, *args, office, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from sigap.core.access import users_with_role

        self.fields["to_user"].queryset = users_with_role(
            office, [Role.SOCIAL_WORKER, Role.CHILD_COMPANION]
        ).order_by("full_name")
        self.fields["to_user"].label_from_instance = _with_case_role


class ConsentForm(forms.Form):
    giver_kind = forms.ChoiceField(label=_("Consent given by"), choices=ConsentGiver.choices)
    giver_name = forms.CharField(label=_("Name"), max_length=200)
    relation = forms.CharField(label=_("Relation to the child"), max_length=100)
    given_on = _date(_("Date of consent"))
    file = forms.FileField(label=_("Signed consent letter"))


class AssessmentForm(forms.Form):
    assessed_on = _date(_("Date of assessment"))
    situation = _text(_("The child's situation"))
    family = _text(_("Family"))
    health = _text(_("Health"))
    education = _text(_("Education"))
    risks = _text(_("Risks"))
    needs = _text(_("Needs"))
    recommendation = forms.ChoiceField(label=_("Recommendation"), choices=Recommendation.choices)
    recommendation_note = _text(_("Recommendation explained"), required=False)
    signed_copy = forms.FileField(
        label=_("Signed copy of the assessment"),
        required=False,
        help_text=_("Needed before the placement; can be attached later."),
    )


class HealthForm(forms.Form):
    doctor_name = forms.CharField(label=_("Doctor"), max_length=200)
    facility = forms.CharField(label=_("Health facility"), max_length=200)
    issued_on = _date(_("Date of the certificate"))
    file = forms.FileField(label=_("Health certificate"))


class PlacementForm(forms.Form):
    centre = forms.TypedChoiceField(label=_("Centre"), coerce=int)
    placed_on = _date(_("Date of placement"))
    place = forms.CharField(label=_("Place of handover"), max_length=100)
    received_by_name = forms.CharField(label=_("Received by (name)"), max_length=200)
    received_by_position = forms.CharField(label=_("Received by (position)"), max_length=200)
    received_by_nip = NIPField(
        label=_("Received by (NIP)"),
        required=False,
        help_text=_("18 digits; it may be typed with spaces, as printed on letters."),
    )

    def __init__(self, *args, centre_rows, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["centre"].choices = [
            (
                row.centre.pk,
                _("%(name)s (%(kind)s): %(occupied)s of %(capacity)s places taken%(full)s")
                % {
                    "name": row.centre.name,
                    "kind": row.centre.get_kind_display(),
                    "occupied": row.occupied,
                    "capacity": row.centre.capacity,
                    "full": _(", FULL") if row.is_full else "",
                },
            )
            for row in centre_rows
        ]


class CarePlanForm(forms.Form):
    goals = _text(_("Goals for the year"))
    activities = _text(_("Activities and services"))
    review_every_days = forms.IntegerField(
        label=_("Review every (days)"), min_value=7, max_value=183, initial=90
    )


class ReviewForm(forms.Form):
    reviewed_on = _date(_("Date of review"))
    progress = _text(_("Progress"))
    concerns = _text(_("Concerns"), required=False)
    next_review_on = forms.DateField(
        label=_("Next review"),
        widget=DateInput,
        required=False,
        help_text=_("Empty: after the interval of the care plan."),
    )


class NoteForm(forms.Form):
    text = _text(_("Progress note"))


class NikForm(forms.Form):
    nik = NIKField(label=_("NIK"))


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    outcome_on = _date(_("Date"))
    note = _text(_("Note"), required=False)


class RegencyReferralForm(ReferralForm):
    """The referral as the regency's social worker sends it: their own office is the referrer,
    and the standard's two documents from the regency go with it."""

    assessment = forms.FileField(
        label=_("Assessment by the social worker (PDF, JPEG or PNG)"),
        help_text=_("The signed assessment of the child, as the standard requires."),
    )

    def __init__(self, *args, **kwargs) -> None:
        forms.Form.__init__(self, *args, **kwargs)
        del self.fields["referring_office"]
        letter = self.fields["referral_letter"]
        letter.required = True
        letter.label = _("Request letter of your Dinsos (PDF, JPEG or PNG)")
