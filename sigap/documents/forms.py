"""Forms of the documents pages: verification upload, template editing, agenda settings, revoke."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sigap.documents.services import number_format_check
from sigap.documents.templating import check_body

FILE_TOO_LARGE = _("The file is too large (at most %(limit)s MB).")
FILE_EMPTY = _("The file is empty.")


def upload_limit() -> int:
    return int(getattr(settings, "SIGAP_UPLOAD_MAX_BYTES", 5 * 1024 * 1024))


def read_limited(upload) -> bytes:
    """The uploaded bytes, refusing files above the upload limit before reading them."""
    limit = upload_limit()
    if upload.size is not None and upload.size > limit:
        raise ValidationError(FILE_TOO_LARGE, params={"limit": limit // (1024 * 1024)})
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(FILE_TOO_LARGE, params={"limit": limit // (1024 * 1024)})
    if not data:
        raise ValidationError(FILE_EMPTY)
    return data


class VerifyUploadForm(forms.Form):
    file = forms.FileField(
        label=_("The PDF file you received"),
        help_text=_("We compare it byte for byte with the file the office issued."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.data_bytes = read_limited(upload)
        return upload


class DocumentTemplateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Template text"),
        widget=forms.Textarea(attrs={"rows": 28, "class": "code", "spellcheck": "false"}),
        help_text=_(
            "Django template language. Only the values listed below are available; "
            "everything is escaped."
        ),
    )

    def clean_body(self):
        body = self.cleaned_data["body"]
        check_body(body)
        return body


class AgendaSettingsForm(forms.Form):
    number_format = forms.CharField(
        label=_("Number format"),
        max_length=120,
        help_text=_(
            "Placeholders: {seq} (or {seq:03d} for 007), {classification}, {letter_code}, "
            "{year}, {month}, {month_roman}."
        ),
    )
    default_classification = forms.CharField(label=_("Default classification code"), max_length=40)
    letter_code = forms.CharField(
        label=_("Letter code"),
        max_length=40,
        required=False,
        help_text=_("Leave empty to use the office's letter code."),
    )

    def clean_number_format(self):
        value = self.cleaned_data["number_format"]
        number_format_check(value)
        return value


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class AgendaRegisterForm(forms.Form):
    """A letter written outside Sigap still takes its number from the same agenda."""

    title = forms.CharField(label=_("Subject"), max_length=300)
    recipient = forms.CharField(label=_("Recipient"), max_length=300)
    classification = forms.CharField(
        label=_("Classification"),
        max_length=40,
        required=False,
        help_text=_("Leave empty to use the office's default classification code."),
    )
