"""The logistics extension of the request engine (standard `banten-logistik-darurat`).

When a request of this standard is filed through `sigap.applications`, the engine calls these
hooks in its own transaction; each maps to the same services the logistics pages use, so the
engine's request and the linked `LogisticsRequest` (application_id) move together:

intake -> request_file (refused outside an emergency status) | receive -> request_receive |
dispose -> request_dispose | review -> request_review (stock checked) | decide -> request_decide |
carry_out -> request_dispatch (FEFO stock out) | hand_over -> request_handover (BAST).
"""

import base64
import binascii
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import fields as model_fields
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.applications.extensions import Extension, Panel
from sigap.logistics.models import (
    DisasterEvent,
    Item,
    LogisticsRequest,
    Posko,
    RequesterKind,
    Warehouse,
)
from sigap.logistics.services import requests as flow

MSG_ITEMS_FORMAT = _(
    "Write one item per line as code and quantity, e.g. 'beras 100'. Unknown or wrong: %(line)s"
)
MSG_EVENT_UNKNOWN = _("Choose a disaster event of this office with an emergency status in force.")
MSG_WAREHOUSE_UNKNOWN = _("Choose a warehouse of this office.")
MSG_NOT_LINKED = _("This request has no logistics record; it was not filed through intake.")


def parse_quantities(text: str) -> list[tuple[str, int]]:
    """'beras 100\\nselimut: 50' -> [('beras', 100), ('selimut', 50)]."""
    found: list[tuple[str, int]] = []
    for raw in (text or "").replace(",", "\n").splitlines():
        line = raw.replace(":", " ").replace("=", " ").split()
        if not line:
            continue
        if len(line) != 2 or not line[1].isdigit() or int(line[1]) <= 0:
            raise ValidationError(MSG_ITEMS_FORMAT, params={"line": raw.strip()})
        found.append((line[0].lower(), int(line[1])))
    return found


class IntakeForm(forms.Form):
    """The intake fields; `for_office` narrows the event and posko choices to one office."""

    event = forms.TypedChoiceField(label=_("Disaster event"), coerce=int, choices=())
    region_code = forms.CharField(label=_("Region of the people affected"), max_length=13)
    posko = forms.TypedChoiceField(
        label=_("Post (posko)"), coerce=int, required=False, empty_value=None, choices=()
    )
    people_affected = forms.IntegerField(label=_("People affected"), min_value=1)
    families_affected = forms.IntegerField(
        label=_("Families affected"), min_value=0, required=False
    )
    letter_number = forms.CharField(
        label=_("Regency/city Dinsos request letter number"), max_length=120
    )
    letter_date = forms.DateField(label=_("Date of the letter"))
    assessment_by = forms.CharField(label=_("Assessment by"), max_length=200)
    assessment_summary = forms.CharField(label=_("Assessment findings"), widget=forms.Textarea)
    items = forms.CharField(
        label=_("Items requested"),
        help_text=_("One per line: item code and quantity, e.g. 'beras 100'"),
        widget=forms.Textarea({"rows": 4}),
    )

    office_id: int | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        events = DisasterEvent.objects.filter(
            statuses__starts_on__lte=today, statuses__ends_on__gte=today
        ).distinct()
        if self.office_id is not None:
            events = events.filter(office_id=self.office_id)
        events = list(events)
        blank = ("", model_fields.BLANK_CHOICE_LABEL)  # "Pilih salah satu", as every select
        self.fields["event"].choices = [blank] + [(e.pk, e.name) for e in events]
        posts = Posko.objects.filter(event__in=events).select_related("event")
        self.fields["posko"].choices = [blank] + [
            (p.pk, f"{p.name} ({p.event.name})") for p in posts
        ]

    @classmethod
    def for_office(cls, office_id: int) -> type["IntakeForm"]:
        return type("LogisticsIntakeForm", (cls,), {"office_id": office_id})

    def clean_items(self) -> list[list]:
        pairs = parse_quantities(self.cleaned_data["items"])
        if not pairs:
            raise ValidationError(flow.MSG_NO_ITEMS)
        return [list(pair) for pair in pairs]


class ReviewExtraForm(forms.Form):
    recommended = forms.CharField(
        label=_("Recommended items"),
        help_text=_("One per line: item code and quantity; leave empty to recommend as requested"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
    )
    warehouse = forms.CharField(label=_("Warehouse code"), required=False, max_length=40)


class DispatchExtraForm(forms.Form):
    warehouse = forms.CharField(label=_("Warehouse code"), max_length=40)
    vehicle = forms.CharField(label=_("Vehicle (plate number)"), max_length=60)
    driver_name = forms.CharField(label=_("Driver"), max_length=200)
    driver_phone = forms.CharField(label=_("Driver phone"), max_length=30, required=False)


class SignaturePad(forms.HiddenInput):
    """The recipient signs on the screen; the pad's script stores the PNG in this field."""

    template_name = "logistics/widgets/signature_pad.html"

    class Media:
        css = {"all": ["logistics/logistics.css"]}
        js = ["logistics/signature.js"]


class HandoverExtraForm(forms.Form):
    place = forms.CharField(label=_("Place of handover"), max_length=200)
    recipient_name = forms.CharField(label=_("Recipient name"), max_length=200)
    recipient_position = forms.CharField(label=_("Recipient position"), max_length=200)
    signature_data = forms.CharField(required=False, widget=SignaturePad)


def _linked(request) -> LogisticsRequest:
    found = LogisticsRequest.objects.filter(application_id=request.pk).first()
    if found is None:
        raise ValidationError(MSG_NOT_LINKED, code="not_linked")
    return found


def _event(request, data) -> DisasterEvent:
    event = DisasterEvent.objects.filter(pk=data.get("event"), office_id=request.office_id).first()
    if event is None:
        raise ValidationError({"event": MSG_EVENT_UNKNOWN}, code="event_unknown")
    return event


def _items(pairs) -> list[flow.IntakeLine]:
    codes = {code for code, _qty in pairs}
    items = {item.code: item for item in Item.objects.filter(code__in=codes, is_active=True)}
    lines = []
    for code, quantity in pairs:
        if code not in items:
            raise ValidationError(MSG_ITEMS_FORMAT, params={"line": code})
        lines.append(flow.IntakeLine(item=items[code], quantity=quantity))
    return lines


def _warehouse(logistics_request, code: str) -> Warehouse | None:
    if not code:
        return None
    found = Warehouse.objects.filter(office_id=logistics_request.office_id, code=code).first()
    if found is None:
        raise ValidationError({"warehouse": MSG_WAREHOUSE_UNKNOWN}, code="warehouse_unknown")
    return found


def _recommended(logistics_request, text: str) -> dict[int, int]:
    lines = {line.item.code: line for line in logistics_request.lines.select_related("item")}
    if not (text or "").strip():
        return {line.pk: line.requested_quantity for line in lines.values()}
    chosen = {line.pk: 0 for line in lines.values()}
    for code, quantity in parse_quantities(text):
        if code not in lines:
            raise ValidationError(MSG_ITEMS_FORMAT, params={"line": code})
        chosen[lines[code].pk] = quantity
    return chosen


def _signature(data: dict) -> bytes | None:
    raw = data.get("signature_data") or ""
    prefix = "data:image/png;base64,"
    if not raw:
        return None
    try:
        return base64.b64decode(raw.removeprefix(prefix), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValidationError({"signature": flow.MSG_SIGNATURE_INVALID}) from exc


class LogisticsExtension(Extension):
    key = "logistics"

    def intake_form(self, *, standard):
        return IntakeForm.for_office(standard.office_id)

    def validate_intake(self, *, request, data: dict[str, Any]) -> None:
        event = _event(request, data)
        flow.check_intake(
            event=event, region_code=data.get("region_code") or request.org_region_code
        )
        _items(data.get("items") or [])

    def after_intake(self, *, request, data: dict[str, Any], user) -> None:
        event = _event(request, data)
        posko = Posko.objects.filter(pk=data.get("posko"), event=event).first()
        kind = (
            request.org_kind
            if request.org_kind in RequesterKind.values
            else RequesterKind.COMMUNITY
        )
        flow.request_file(
            office=request.office,
            event=event,
            region_code=data.get("region_code") or request.org_region_code,
            posko=posko,
            requester_kind=kind,
            requester_name=request.org_name or request.applicant_name or "-",
            requester_contact=request.contact_phone,
            people_affected=data["people_affected"],
            families_affected=data.get("families_affected"),
            letter_number=data["letter_number"],
            letter_date=data["letter_date"],
            assessment_by=data["assessment_by"],
            assessment_summary=data["assessment_summary"],
            lines=_items(data["items"]),
            application_id=request.pk,
            user=user,
        )

    def action_form(self, *, request, step, action: str):
        return {
            "review": ReviewExtraForm,
            "carry_out": DispatchExtraForm,
            "hand_over": HandoverExtraForm,
        }.get(action)

    def before_action(self, *, request, step, action: str, data: dict[str, Any], user) -> None:
        if action == "review":
            linked = _linked(request)
            flow.check_recommendation(
                request=linked,
                recommended=_recommended(linked, data.get("recommended", "")),
                warehouse=_warehouse(linked, data.get("warehouse", "")),
            )

    def after_action(self, *, request, step, action: str, data: dict[str, Any], user) -> None:
        handler = getattr(self, f"_on_{action}", None)
        if handler is not None:
            handler(_linked(request), data, user)

    def _on_receive(self, linked, data, user) -> None:
        flow.request_receive(request=linked, user=user, note=data.get("note", ""))

    def _on_dispose(self, linked, data, user) -> None:
        note = data.get("instruction") or data.get("note") or ""
        flow.request_dispose(request=linked, user=user, note=note)

    def _on_review(self, linked, data, user) -> None:
        flow.request_review(
            request=linked,
            user=user,
            note=data.get("advice") or data.get("note") or "",
            recommended=_recommended(linked, data.get("recommended", "")),
            warehouse=_warehouse(linked, data.get("warehouse", "")),
        )

    def _on_decide(self, linked, data, user) -> None:
        decision = data.get("decision")
        reason = data.get("reason") or str(_("As reviewed (telaahan)."))
        if decision == "return":
            flow.request_send_back(request=linked, user=user, reason=reason)
            return
        flow.request_decide(request=linked, user=user, approve=decision == "approve", reason=reason)

    def _on_carry_out(self, linked, data, user) -> None:
        flow.request_dispatch(
            request=linked,
            user=user,
            warehouse=_warehouse(linked, data["warehouse"]),
            vehicle=data["vehicle"],
            driver_name=data["driver_name"],
            driver_phone=data.get("driver_phone", ""),
        )

    def _on_hand_over(self, linked, data, user) -> None:
        flow.request_handover(
            request=linked,
            user=user,
            place=data["place"],
            recipient_name=data.get("recipient_name") or data.get("received_by") or "",
            recipient_position=data["recipient_position"],
            signature_png=_signature(data),
            note=data.get("note", ""),
        )

    def after_status_change(self, *, request, from_status: str, to_status: str, user) -> None:
        """A cancelled engine request withdraws the logistics request (refused once dispatched)."""
        if to_status != "cancelled":
            return
        linked = LogisticsRequest.objects.filter(application_id=request.pk).first()
        if linked is not None:
            reason = request.return_reason or str(_("Cancelled"))
            flow.request_cancel(request=linked, user=user, reason=reason)

    def panels(self, *, request, http_request) -> list[Panel]:
        linked = LogisticsRequest.objects.filter(application_id=request.pk).first()
        if linked is None:
            return []
        return [
            Panel(
                title=str(_("Emergency logistics")),
                template_name="logistics/panel.html",
                context={"logistics_request": linked},
            )
        ]


__all__ = ["LogisticsExtension"]
