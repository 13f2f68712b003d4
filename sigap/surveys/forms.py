"""The SKM questionnaire form, built from the office's question order and labels."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sigap.surveys.models import Education, Occupation, Sex


class SurveyForm(forms.Form):
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect)
    age = forms.IntegerField(label=_("Age"), min_value=10, max_value=120)
    # Radios with nothing chosen: a pre-selected first answer ("Tidak sekolah", "PNS") is kept by
    # whoever does not change it and skews the survey's profile.
    education = forms.ChoiceField(
        label=_("Last education"), choices=Education.choices, widget=forms.RadioSelect
    )
    occupation = forms.ChoiceField(
        label=_("Main occupation"), choices=Occupation.choices, widget=forms.RadioSelect
    )
    # Honeypot and signed start time, as on the complaint form.
    homepage = forms.CharField(label=_("Leave this empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, questions: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            self.fields[q["code"]] = forms.TypedChoiceField(
                label=f"{q['number']}. {q['question']}",
                choices=[(i + 1, label) for i, label in enumerate(q["labels"])],
                coerce=int,
                widget=forms.RadioSelect,
                help_text=q["element"],
            )
        self.fields["suggestion"] = forms.CharField(
            label=_("Suggestions for improving the service"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 4}),
        )


class PopulationForm(forms.Form):
    service_code = forms.CharField(
        label=_("Service code (empty: the whole office)"), required=False, max_length=60
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    semester = forms.TypedChoiceField(
        label=_("Period"),
        coerce=int,
        choices=[(0, _("Whole year")), (1, _("Semester I")), (2, _("Semester II"))],
    )
    population = forms.IntegerField(label=_("People served"), min_value=0, max_value=10_000_000)
