"""Forms of the logistics staff pages: events, posko, requests and their steps, stock."""

import base64
import binascii

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sigap.logistics.models import (
    DisasterKind,
    Item,
    RequesterKind,
    StockSource,
)

MSG_FILE_TOO_LARGE = _("The file is too large (at most %(mb)s MB).")
MSG_FILE_TYPE = _("Upload a PDF, JPG or PNG file.")
MSG_SIGNATURE_DATA = _("The captured signature could not be read; sign again.")
ALLOWED_UPLOADS = {".pdf", ".jpg", ".jpeg", ".png"}


class DateInput(forms.DateInput):
    input_type = "date"


def check_upload(upload):
    if not upload:
        return upload
    limit = settings.SIGAP_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(MSG_FILE_TOO_LARGE, params={"mb": limit // (1024 * 1024)})
    name = upload.name.lower()
    if not any(name.endswith(ext) for ext in ALLOWED_UPLOADS):
        raise ValidationError(MSG_FILE_TYPE)
    return upload


class EventForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Type of disaster"), choices=DisasterKind.choices)
    occurred_on = forms.DateField(label=_("Occurred on"), widget=DateInput)
    region_codes = forms.CharField(
        label=_("Affected regions"),
        help_text=_("Kemendagri codes, one per line or separated by commas, e.g. 36.02"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_region_codes(self) -> list[str]:
        raw = self.cleaned_data["region_codes"].replace(",", "\n")
        return [code.strip() for code in raw.splitlines() if code.strip()]


class StatusForm(forms.Form):
    decree_number = forms.CharField(label=_("Decree number"), max_length=120)
    starts_on = forms.DateField(
        label=_("Starts on"),
        required=False,
        widget=DateInput,
        help_text=_("For an extension, leave empty to continue from the current end."),
    )
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput)


class PoskoForm(forms.Form):
    name = forms.CharField(label=_("Name of the post"), max_length=200)
    region_code = forms.CharField(
        label=_("Region code"), max_length=13, help_text=_("e.g. 36.02.01.2001")
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    latitude = forms.DecimalField(
        label=_("Latitude"), required=False, max_digits=9, decimal_places=6
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, max_digits=9, decimal_places=6
    )
    coordinator = forms.CharField(label=_("Coordinator"), max_length=200)
    contact = forms.CharField(label=_("Contact (phone/WhatsApp)"), max_length=60)


class RequestForm(forms.Form):
    region_code = forms.CharField(
        label=_("Region of the people affected"),
        max_length=13,
        help_text=_("Kemendagri code of the village or district, e.g. 36.02.01.2001"),
    )
    posko = forms.ModelChoiceField(label=_("Post (posko)"), queryset=None, required=False)
    requester_kind = forms.ChoiceField(label=_("Requested by"), choices=RequesterKind.choices)
    requester_name = forms.CharField(label=_("Name of the requester"), max_length=200)
    requester_contact = forms.CharField(label=_("Contact"), max_length=60, required=False)
    people_affected = forms.IntegerField(label=_("People affected"), min_value=1)
    families_affected = forms.IntegerField(
        label=_("Families affected"), min_value=0, required=False
    )
    letter_number = forms.CharField(
        label=_("Number of the regency/city Dinsos request letter"), max_length=120
    )
    letter_date = forms.DateField(label=_("Date of the letter"), widget=DateInput)
    letter_file = forms.FileField(label=_("Request letter (scan)"), required=False)
    assessment_by = forms.CharField(
        label=_("Assessment by (social worker or volunteer)"), max_length=200
    )
    assessment_summary = forms.CharField(
        label=_("Assessment findings"), widget=forms.Textarea(attrs={"rows": 3})
    )
    assessment_file = forms.FileField(label=_("Assessment (scan)"), required=False)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["posko"].queryset = event.posts.all()

    def clean_letter_file(self):
        return check_upload(self.cleaned_data.get("letter_file"))

    def clean_assessment_file(self):
        return check_upload(self.cleaned_data.get("assessment_file"))


class LineForm(forms.Form):
    item = forms.ModelChoiceField(
        label=_("Item"), queryset=Item.objects.filter(is_active=True), required=False
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, required=False)

    def clean(self):
        data = super().clean()
        if data.get("item") and not data.get("quantity"):
            self.add_error("quantity", _("Give the quantity."))
        if data.get("quantity") and not data.get("item"):
            self.add_error("item", _("Choose the item."))
        return data


LineFormSet = forms.formset_factory(LineForm, extra=4, max_num=30)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class ReceiveStepForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReviewForm(forms.Form):
    """The telaahan: a note and a recommended quantity per requested line."""

    warehouse = forms.ModelChoiceField(label=_("Warehouse to supply from"), queryset=None)
    note = forms.CharField(label=_("Review (telaahan)"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, request, warehouses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["warehouse"].queryset = warehouses
        self.lines = list(request.lines.select_related("item"))
        for line in self.lines:
            self.fields[f"line_{line.pk}"] = forms.IntegerField(
                label=_("%(item)s: recommended (requested %(qty)s %(unit)s)")
                % {"item": line.item.name, "qty": line.requested_quantity, "unit": line.item.unit},
                min_value=0,
                initial=line.requested_quantity,
            )

    def recommended(self) -> dict[int, int]:
        return {line.pk: self.cleaned_data[f"line_{line.pk}"] for line in self.lines}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class DispatchForm(forms.Form):
    warehouse = forms.ModelChoiceField(label=_("Warehouse"), queryset=None)
    vehicle = forms.CharField(label=_("Vehicle (plate number)"), max_length=60)
    driver_name = forms.CharField(label=_("Driver"), max_length=200)
    driver_phone = forms.CharField(label=_("Driver phone"), max_length=30, required=False)

    def __init__(self, *args, warehouses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["warehouse"].queryset = warehouses


class HandoverForm(forms.Form):
    place = forms.CharField(label=_("Place of handover"), max_length=200)
    recipient_name = forms.CharField(label=_("Recipient name"), max_length=200)
    recipient_position = forms.CharField(
        label=_("Recipient position"), max_length=200, help_text=_("e.g. Koordinator Posko")
    )
    recipient_phone = forms.CharField(label=_("Recipient phone"), max_length=30, required=False)
    signature_data = forms.CharField(required=False, widget=forms.HiddenInput)
    signed_copy = forms.FileField(label=_("Or upload the signed BAST (scan)"), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, dispatch, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(dispatch.lines.select_related("item", "lot"))
        for line in self.lines:
            label = f"{line.item.name} · {line.lot.lot_code} ({line.quantity} {line.item.unit})"
            self.fields[f"received_{line.pk}"] = forms.IntegerField(
                label=_("%(line)s: received") % {"line": label},
                min_value=0,
                initial=line.quantity,
            )
            self.fields[f"damaged_{line.pk}"] = forms.IntegerField(
                label=_("damaged"), min_value=0, initial=0
            )
            self.fields[f"returned_{line.pk}"] = forms.IntegerField(
                label=_("brought back to the warehouse"), min_value=0, initial=0
            )

    def clean_signed_copy(self):
        return check_upload(self.cleaned_data.get("signed_copy"))

    def clean_signature_data(self) -> bytes | None:
        raw = self.cleaned_data.get("signature_data") or ""
        if not raw:
            return None
        prefix = "data:image/png;base64,"
        if not raw.startswith(prefix):
            raise ValidationError(MSG_SIGNATURE_DATA)
        try:
            return base64.b64decode(raw[len(prefix) :], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValidationError(MSG_SIGNATURE_DATA) from exc

    def line_groups(self):
        return [
            (
                line,
                self[f"received_{line.pk}"],
                self[f"damaged_{line.pk}"],
                self[f"returned_{line.pk}"],
            )
            for line in self.lines
        ]

    def received(self):
        from sigap.logistics.services.requests import ReceivedLine

        return {
            line.pk: ReceivedLine(
                received=self.cleaned_data[f"received_{line.pk}"],
                damaged=self.cleaned_data[f"damaged_{line.pk}"],
                returned=self.cleaned_data[f"returned_{line.pk}"],
            )
            for line in self.lines
        }


class ReceiptForm(forms.Form):
    warehouse = forms.ModelChoiceField(label=_("Warehouse"), queryset=None)
    received_on = forms.DateField(label=_("Received on"), widget=DateInput)
    source = forms.ChoiceField(label=_("Source"), choices=StockSource.choices)
    source_detail = forms.CharField(
        label=_("Source detail"),
        max_length=200,
        required=False,
        help_text=_("Donor, budget line or sending warehouse"),
    )
    reference = forms.CharField(label=_("Reference document"), max_length=120, required=False)

    def __init__(self, *args, warehouses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["warehouse"].queryset = warehouses


class ReceiptLineForm(forms.Form):
    item = forms.ModelChoiceField(
        label=_("Item"), queryset=Item.objects.filter(is_active=True), required=False
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, required=False)
    lot_code = forms.CharField(label=_("Lot"), max_length=60, required=False)
    expires_on = forms.DateField(label=_("Expires on"), required=False, widget=DateInput)

    def clean(self):
        data = super().clean()
        if data.get("item") and not (data.get("quantity") and data.get("lot_code")):
            self.add_error("quantity", _("Give the quantity and the lot."))
        return data


ReceiptLineFormSet = forms.formset_factory(ReceiptLineForm, extra=4, max_num=50)


class TransferForm(forms.Form):
    source = forms.ModelChoiceField(label=_("From warehouse"), queryset=None)
    destination = forms.ModelChoiceField(label=_("To warehouse"), queryset=None)
    item = forms.ModelChoiceField(label=_("Item"), queryset=Item.objects.filter(is_active=True))
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args, warehouses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = warehouses
        self.fields["destination"].queryset = warehouses


class AdjustForm(forms.Form):
    counted_quantity = forms.IntegerField(label=_("Quantity counted"), min_value=0)
    reason = forms.CharField(
        label=_("Reason"), max_length=300, help_text=_("e.g. stock count of 23 November 2026")
    )


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput)
    end = forms.DateField(label=_("To"), widget=DateInput)
