"""The data each kind of step action records. The UI renders these forms; the API and the UI
both validate through them (workflow.clean_action_data), so the rules live in one place."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sigap.applications.models import CheckStatus
from sigap.standards.models import StepAction

DECISION_CHOICES = [
    ("approve", _("Approve")),
    ("reject", _("Reject")),
    ("return", _("Return")),
]
RETURN_TO_CHOICES = [
    ("applicant", _("To the applicant (something is missing)")),
    ("previous", _("To the previous step")),
]
MSG_REASON_REQUIRED = _("Give the reason: the applicant or colleague will read it.")
MSG_MUST_CONFIRM = _("Confirm this before going on.")


class NoteForm(forms.Form):
    """Every action may carry a note; it shows in the request's history."""

    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DisposeForm(NoteForm):
    instruction = forms.CharField(
        label=_("Instruction (disposisi)"), max_length=2000, widget=forms.Textarea({"rows": 3})
    )


class ReviewForm(NoteForm):
    advice = forms.CharField(
        label=_("Review and advice (telaahan)"),
        max_length=4000,
        widget=forms.Textarea({"rows": 4}),
    )


class AnalyseForm(NoteForm):
    """Seed 001: identify the aid, analyse the problem, the solution, update SIKS-NG, educate."""

    aid_type = forms.CharField(label=_("Type of assistance"), max_length=200)
    problem = forms.CharField(
        label=_("The problem the KPM has"), max_length=2000, widget=forms.Textarea({"rows": 2})
    )
    analysis = forms.CharField(
        label=_("Analysis of the problem"), max_length=4000, widget=forms.Textarea({"rows": 3})
    )
    solution = forms.CharField(
        label=_("Solution"), max_length=4000, widget=forms.Textarea({"rows": 3})
    )
    kks_number = forms.CharField(
        label=_("KKS card number of the KPM"), max_length=30, required=False
    )
    siks_ng_updated = forms.BooleanField(
        label=_("The data has been updated in SIKS-NG"),
        error_messages={"required": MSG_MUST_CONFIRM},
    )
    kpm_educated = forms.BooleanField(
        label=_("The KPM has been educated about the programme"),
        error_messages={"required": MSG_MUST_CONFIRM},
    )
    # Printed on the death letter (Surat Keterangan Meninggal); left empty for the others.
    deceased_name = forms.CharField(
        label=_("Name of the deceased (death letter only)"), max_length=200, required=False
    )
    deceased_date = forms.DateField(
        label=_("Date of death (death letter only)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_deceased_date(self) -> str:
        """Kept as ISO text: the step's data is stored as JSON."""
        value = self.cleaned_data.get("deceased_date")
        return value.isoformat() if value else ""


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=DECISION_CHOICES, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea({"rows": 2})
    )
    return_to = forms.ChoiceField(
        label=_("Return to"), choices=RETURN_TO_CHOICES, required=False, initial="previous"
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") in ("reject", "return") and not data.get("reason"):
            self.add_error("reason", MSG_REASON_REQUIRED)
        if data.get("decision") == "return" and not data.get("return_to"):
            data["return_to"] = "previous"
        return data


class HandOverForm(NoteForm):
    received_by = forms.CharField(
        label=_("Received by (name as signed)"), max_length=200, required=False
    )


class CheckForm(forms.Form):
    """One status and note per requirement that applies to the request's product."""

    def __init__(self, *args, requirements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.requirements = list(requirements)
        choices = [c for c in CheckStatus.choices if c[0] != CheckStatus.PENDING]
        for req in self.requirements:
            self.fields[f"{req.code}__status"] = forms.ChoiceField(
                label=req.label, choices=choices, widget=forms.RadioSelect
            )
            self.fields[f"{req.code}__note"] = forms.CharField(
                label=_("Note"), required=False, max_length=500
            )

    def items(self) -> list[dict]:
        return [
            {
                "requirement": req.code,
                "status": self.cleaned_data[f"{req.code}__status"],
                "note": self.cleaned_data.get(f"{req.code}__note", ""),
            }
            for req in self.requirements
        ]

    def bound_items(self):
        for req in self.requirements:
            yield req, self[f"{req.code}__status"], self[f"{req.code}__note"]


class DueCheckForm(CheckForm):
    """The findings on the requirements due at a later step (seed 003's consent), given with
    that step's action. Optional: a finding recorded before (or by the service) stands."""

    def __init__(self, *args, requirements=(), **kwargs):
        super().__init__(*args, requirements=requirements, **kwargs)
        for req in self.requirements:
            self.fields[f"{req.code}__status"].required = False

    def items(self) -> list[dict]:
        return [item for item in super().items() if item["status"]]


# The form of each action; actions not listed record a note only.
ACTION_FORMS: dict[str, type[forms.Form]] = {
    StepAction.DISPOSE: DisposeForm,
    StepAction.REVIEW: ReviewForm,
    StepAction.ANALYSE: AnalyseForm,
    StepAction.DECIDE: DecideForm,
    StepAction.HAND_OVER: HandOverForm,
}


def form_class_for(action: str) -> type[forms.Form]:
    return ACTION_FORMS.get(action, NoteForm)
