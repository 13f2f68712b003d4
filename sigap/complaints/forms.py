"""Forms of the public complaint page and the staff pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sigap.accounts.models import Office, Unit
from sigap.complaints.models import Channel

BODY_MAX = 5000


class PublicComplaintForm(forms.Form):
    office = forms.ModelChoiceField(
        label=_("Which office is your complaint for?"), queryset=Office.objects.all()
    )
    # A choice of the published services by name (a citizen does not know their codes).
    service_code = forms.ChoiceField(label=_("Service (if you know it)"), required=False)
    request_code = forms.CharField(
        label=_("Tracking code of your request (if any)"), max_length=20, required=False
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("What happened?"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What, when and where; up to 5,000 characters."),
    )
    anonymous = forms.BooleanField(
        label=_("Stay anonymous: do not record who I am"),
        required=False,
        help_text=_("We cannot answer you directly; follow the complaint with its tracking code."),
    )
    confidential = forms.BooleanField(
        label=_("Keep my identity confidential"),
        required=False,
        help_text=_("Only the complaints officer will see who you are."),
    )
    name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    phone = forms.CharField(label=_("Phone / WhatsApp"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    # Honeypot: hidden from people; a bot that fills it is turned away.
    homepage = forms.CharField(label=_("Leave this empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        from sigap.standards.models import ServiceStandard

        super().__init__(*args, **kwargs)
        services = {}
        for code, name, office in (
            ServiceStandard.objects.filter(is_published=True)
            .order_by("office__name", "name", "-revision")
            .values_list("code", "name", "office__name")
        ):
            services.setdefault(code, f"{name} ({office})")
        unknown = ("", _("I do not know / another matter"))
        self.fields["service_code"].choices = [unknown, *services.items()]


class StaffComplaintForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    lapor_number = forms.CharField(
        label=_("SP4N-LAPOR! tracking number"), max_length=40, required=False
    )
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    service_code = forms.CharField(label=_("Service code"), max_length=60, required=False)
    request_code = forms.CharField(label=_("Request tracking code"), max_length=20, required=False)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Complaint"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )
    anonymous = forms.BooleanField(label=_("Anonymous"), required=False)
    confidential = forms.BooleanField(label=_("Confidential"), required=False)
    name = forms.CharField(label=_("Name"), max_length=120, required=False)
    phone = forms.CharField(label=_("Phone / WhatsApp"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ResponseForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            ("response", _("Response to the complainant")),
            ("action", _("Action taken")),
            ("note", _("Internal note")),
        ],
    )
    text = forms.CharField(
        label=_("Text"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )


class DisposeForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    note = forms.CharField(label=_("Instruction"), max_length=2000, required=False)

    def __init__(self, *args, office=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(office=office)


class ReferForm(forms.Form):
    to_office = forms.ModelChoiceField(label=_("Refer to"), queryset=Office.objects.none())
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_office"].queryset = Office.objects.filter(pk__in=[o.pk for o in targets])


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    attendees = forms.CharField(label=_("Attendees"), max_length=2000)
    minutes = forms.CharField(
        label=_("Meeting minutes"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5})
    )


class CompleteForm(forms.Form):
    summary = forms.CharField(
        label=_("Final answer"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )


MSG_COMPLAINT_NOT_FOUND = _(
    "Number not found. Check the tracking code you were given and type it again."
)
MSG_COMPLAINT_CODE_UNREADABLE = _(
    "Type the tracking code you were given, for example ADU-7KQ2MX9RTA."
)


class ComplaintTrackForm(forms.Form):
    """The public form to follow a complaint by its tracking code."""

    code = forms.CharField(
        label=_("Your tracking code"),
        max_length=24,
        help_text=_("It was shown when you sent the complaint, for example ADU-7KQ2MX9RTA."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_code(self) -> str:
        from sigap.complaints.selectors import normalise_complaint_code

        code = normalise_complaint_code(self.cleaned_data["code"])
        if not code.startswith("ADU-"):
            raise forms.ValidationError(MSG_COMPLAINT_CODE_UNREADABLE, code="unreadable")
        return code


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with the answer?"),
        coerce=int,
        choices=[
            (5, _("5 - Very satisfied")),
            (4, _("4 - Satisfied")),
            (3, _("3 - Neutral")),
            (2, _("2 - Dissatisfied")),
            (1, _("1 - Very dissatisfied")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), max_length=1000, required=False)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should this complaint be reopened?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SettingsForm(forms.ModelForm):
    class Meta:
        from sigap.complaints.models import ComplaintSettings

        model = ComplaintSettings
        fields = [
            "verify_working_days",
            "answer_days",
            "answer_in_working_days",
            "complete_working_days",
        ]


class DayOffForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label=_("Name"), max_length=120)
