"""Intake forms: the staff's applicant page, the portal's one-question pages, requirements."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sigap.applications.models import OrganisationKind
from sigap.applications.services import normalise_code
from sigap.applications.workflow import applicable_requirements, due_step_labels
from sigap.identity.fields import NIKField
from sigap.standards.models import ApplicantKind, RequirementKind

MSG_NIK_REQUIRED = _("Enter the applicant's NIK (16 digits, on the KTP).")
MSG_NAME_REQUIRED = _("Enter the applicant's name.")
MSG_ORG_REQUIRED = _("Enter the name of the organisation.")
MSG_DECLARATION = _("Confirm that the information is true.")
MSG_DUE_LATER = _("Not needed at intake: it is due at step %(step)s.")
MSG_ALREADY_UPLOADED = _("Already uploaded: %(names)s. Choose a file only to add another.")
MSG_UPLOAD_REQUIRED = _("Upload this document: the service needs it at intake.")


def _product_choices(standard) -> list[tuple[str, str]]:
    return [(p.code, p.label) for p in standard.products.all()]


class StaffApplicantForm(forms.Form):
    """The front office's first page: product, applicant (person or organisation), contact."""

    product_code = forms.ChoiceField(label=_("Product"), widget=forms.RadioSelect)
    applicant_kind = forms.ChoiceField(
        label=_("Who applies"), choices=ApplicantKind.choices, widget=forms.RadioSelect
    )
    nik = NIKField(label=_("NIK"), required=False)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    org_kind = forms.ChoiceField(
        label=_("Kind of organisation"), choices=OrganisationKind.choices, required=False
    )
    org_name = forms.CharField(label=_("Name of the organisation"), max_length=200, required=False)
    org_region_code = forms.CharField(
        label=_("Region code (Kemendagri)"), max_length=13, required=False
    )
    org_contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_phone = forms.CharField(
        label=_("Mobile number for updates (SMS/WhatsApp)"), max_length=30, required=False
    )
    contact_email = forms.EmailField(label=_("E-mail for updates"), required=False)

    def __init__(self, *args, standard, **kwargs):
        super().__init__(*args, **kwargs)
        self.standard = standard
        if "nik" in self.fields:
            # HTMX: tell the officer at once whether the NIK is valid and already registered.
            self.fields["nik"].widget.attrs.update(
                {
                    "hx-get": reverse("applications:nik_lookup") + f"?service={standard.code}",
                    "hx-trigger": "change, keyup changed delay:600ms",
                    "hx-target": "#nik-lookup",
                    "hx-sync": "this:replace",
                }
            )
        products = _product_choices(standard)
        self.fields["product_code"].choices = products
        if len(products) <= 1:
            self.fields["product_code"].required = False
            self.fields["product_code"].widget = forms.HiddenInput()
        kinds = standard.applicant_kinds or [ApplicantKind.PERSON]
        self.fields["applicant_kind"].choices = [c for c in ApplicantKind.choices if c[0] in kinds]
        if len(kinds) == 1:
            self.fields["applicant_kind"].initial = kinds[0]
            self.fields["applicant_kind"].widget = forms.HiddenInput()
        if ApplicantKind.ORGANISATION not in kinds:
            for name in ("org_kind", "org_name", "org_region_code", "org_contact_name"):
                del self.fields[name]
        if ApplicantKind.PERSON not in kinds:
            for name in ("nik", "name", "address"):
                del self.fields[name]
        elif ApplicantKind.ORGANISATION not in kinds:
            self.fields["nik"].required = True
            self.fields["name"].required = True
            self.fields["nik"].error_messages["required"] = MSG_NIK_REQUIRED
            self.fields["name"].error_messages["required"] = MSG_NAME_REQUIRED

    def clean(self):
        data = super().clean()
        kinds = self.standard.applicant_kinds or [ApplicantKind.PERSON]
        kind = data.get("applicant_kind") or kinds[0]
        data["applicant_kind"] = kind
        if kind == ApplicantKind.PERSON:
            if not data.get("nik") and "nik" not in self.errors:
                self.add_error("nik", MSG_NIK_REQUIRED)
            if not data.get("name"):
                self.add_error("name", MSG_NAME_REQUIRED)
        elif not data.get("org_name"):
            self.add_error("org_name", MSG_ORG_REQUIRED)
        return data


class RequirementsForm(forms.Form):
    """A file, a value or a confirmation for each requirement of the request's product.

    A file already kept on the request (uploaded before a form error) is named in the field's
    hint and need not be sent again. With `uploads_required`, a mandatory document without a
    file is a required field (labelled so), as the service needs it at intake.
    """

    def __init__(self, *args, request, uploads_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.requirements = applicable_requirements(request)
        due_steps = due_step_labels(request)
        kept: dict[int, list[str]] = {}
        if request.pk:
            for requirement_id, name in request.uploads.values_list(
                "requirement_id", "original_name"
            ):
                kept.setdefault(requirement_id, []).append(name)
        for req in self.requirements:
            hint = req.help_text or ""
            if req.code in due_steps:
                later = MSG_DUE_LATER % {"step": due_steps[req.code]}
                hint = f"{hint} {later}".strip()
            if req.kind == RequirementKind.DOCUMENT:
                if req.pk in kept:
                    already = MSG_ALREADY_UPLOADED % {"names": ", ".join(kept[req.pk])}
                    hint = f"{already} {hint}".strip()
                field = forms.FileField(
                    label=req.label,
                    required=uploads_required
                    and req.mandatory
                    and req.pk not in kept
                    and req.code not in due_steps,
                    error_messages={"required": MSG_UPLOAD_REQUIRED},
                    help_text=hint or _("PDF, JPEG or PNG, a photo from a phone is fine."),
                    widget=forms.ClearableFileInput(
                        attrs={"accept": "application/pdf,image/jpeg,image/png"}
                    ),
                )
            elif req.kind == RequirementKind.CONDITION:
                field = forms.BooleanField(label=req.label, required=False, help_text=hint)
            else:
                field = forms.CharField(
                    label=req.label, required=False, max_length=300, help_text=hint
                )
            field.requirement = req
            # Not `required` (a file uploaded on an earlier visit counts), but the page must not
            # call a mandatory requirement "(opsional)": the template reads this flag.
            field.mandatory = req.mandatory and req.code not in due_steps
            self.fields[req.code] = field

    def files_by_code(self) -> dict:
        return {
            req.code: self.cleaned_data[req.code]
            for req in self.requirements
            if req.kind == RequirementKind.DOCUMENT and self.cleaned_data.get(req.code)
        }

    def answers(self) -> dict[str, str]:
        answers = {}
        for req in self.requirements:
            if req.kind == RequirementKind.CONDITION:
                answers[req.code] = "yes" if self.cleaned_data.get(req.code) else ""
            elif req.kind == RequirementKind.DATA:
                answers[req.code] = self.cleaned_data.get(req.code, "")
        return answers


# --- the public portal's pages (one question each) ------------------------------------------


class ProductForm(forms.Form):
    product_code = forms.ChoiceField(label=_("What do you need?"), widget=forms.RadioSelect)

    def __init__(self, *args, standard, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product_code"].choices = _product_choices(standard)


class NikForm(forms.Form):
    nik = NIKField(
        label=_("What is your NIK?"),
        help_text=_("The 16-digit number on your KTP (identity card) or family card."),
        error_messages={"required": MSG_NIK_REQUIRED},
    )


class NameForm(forms.Form):
    name = forms.CharField(
        label=_("What is your full name?"),
        max_length=200,
        help_text=_("As written on your KTP."),
        error_messages={"required": MSG_NAME_REQUIRED},
    )
    address = forms.CharField(
        label=_("Your address"), max_length=300, required=False, help_text=_("Street, RT/RW.")
    )


class ContactForm(forms.Form):
    contact_phone = forms.CharField(
        label=_("Mobile number"),
        max_length=30,
        required=False,
        help_text=_("We send you an SMS or WhatsApp message when your request moves on."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    contact_email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class DeclarationForm(forms.Form):
    declaration = forms.BooleanField(
        label=_("I confirm that the information and documents I have given are true."),
        error_messages={"required": MSG_DECLARATION},
    )


MSG_CODE_NOT_FOUND = _(
    "Number not found. Check the reference number on your receipt and type it again."
)
MSG_CODE_UNREADABLE = _("Type the reference number from your receipt: letters and digits only.")


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Your reference number"),
        max_length=20,
        help_text=_("It is on your receipt, for example 7KQ2MX9RTA."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_code(self) -> str:
        # As stored: spaces, dashes and anything else people type around the code go.
        code = normalise_code(self.cleaned_data["code"])
        if not code or not code.isascii():
            raise forms.ValidationError(MSG_CODE_UNREADABLE, code="unreadable")
        return code


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Assign to"), queryset=None, required=True)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = users
        self.fields["assignee"].empty_label = _("Choose a colleague")
        self.fields["assignee"].label_from_instance = lambda u: u.display_name
