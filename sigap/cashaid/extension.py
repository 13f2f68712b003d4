"""What cash help adds to a request, through the applications extension point."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from sigap.applications.extensions import Extension, Panel
from sigap.applications.models import RequestStatus
from sigap.cashaid.forms import CashAidIntakeForm, PayForm
from sigap.cashaid.models import CashAid, incident_key
from sigap.cashaid.selectors import already_helped, earlier_help
from sigap.standards.models import RequirementKind, StepAction

MSG_ALREADY_HELPED = _(
    "This person has already been helped for this incident (police letter %(number)s, "
    "request %(code)s). Help is given once per incident."
)
MSG_NIK_REQUIRED = _("Cash help needs the person's NIK: the rule is once per person per incident.")
MSG_POLICE_LETTER_REQUIRED = _("Upload the police letter (%(label)s).")
MSG_PAID_MORE = _(
    "The cash handed over cannot exceed the amount recorded at intake (Rp %(amount)s)."
)
MSG_EARLIER_HELP = _(
    "Earlier help to this NIK: %(date)s, police letter %(number)s, Rp %(amount)s "
    "(request %(code)s)."
)


MSG_HELPED_BEFORE = _(
    "Already helped by this office on %(date)s: police letter %(number)s, Rp %(amount)s "
    "(request %(code)s). Help is given once per incident: if the police letter in hand is this "
    "one, the request will be refused."
)
# Earlier help shown at the NIK step; older help is still checked at submission.
NIK_STEP_LIMIT = 5


def _helped_before(aid: CashAid) -> str:
    return gettext_now(str(MSG_HELPED_BEFORE)) % {
        "date": formats.date_format(aid.incident_date, "SHORT_DATE_FORMAT"),
        "number": aid.police_letter_number,
        "amount": formats.number_format(aid.amount_paid or aid.amount, force_grouping=True),
        "code": aid.request.code,
    }


def _warning(aid: CashAid) -> str:
    return gettext_now(str(MSG_EARLIER_HELP)) % {
        "date": formats.date_format(aid.incident_date, "SHORT_DATE_FORMAT"),
        "number": aid.police_letter_number,
        "amount": formats.number_format(aid.amount_paid or aid.amount, force_grouping=True),
        "code": aid.request.code,
    }


def _duplicate_error(aid: CashAid) -> ValidationError:
    return ValidationError(
        {
            "police_letter_number": [
                MSG_ALREADY_HELPED % {"number": aid.police_letter_number, "code": aid.request.code}
            ]
        },
        code="already_helped",
    )


class CashAidExtension(Extension):
    key = "cashaid"

    def intake_form(self, *, standard):
        office = standard.office

        class CashAidIntakeFormForOffice(CashAidIntakeForm):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, office=office, **kwargs)

        return CashAidIntakeFormForOffice

    def uploads_at_intake(self, *, standard) -> bool:
        # The police letter is the service's only requirement: no letter, no help.
        return True

    def intake_warnings(self, *, standard, office, person, data: dict[str, Any]) -> list[str]:
        nik = getattr(person, "nik", "") or ""
        if not nik:
            return []
        key = incident_key(data.get("police_letter_number", ""))
        return [_warning(a) for a in earlier_help(office=office, nik=nik) if a.incident_key != key]

    def nik_warnings(self, *, standard, office, nik: str) -> list[str]:
        """At the NIK step, before the incident is typed: every earlier help of this office."""
        return [_helped_before(a) for a in earlier_help(office=office, nik=nik)[:NIK_STEP_LIMIT]]

    def intake_blocks(self, *, request, data: dict[str, Any]) -> list[str]:
        person = request.applicant_person
        number = (data or {}).get("police_letter_number", "")
        if person is None or not person.nik or not number:
            return []
        earlier = already_helped(office=request.office, nik=person.nik, police_letter_number=number)
        return _duplicate_error(earlier).messages if earlier else []

    def validate_intake(self, *, request, data: dict[str, Any]) -> None:
        person = request.applicant_person
        if person is None or not person.nik:
            raise ValidationError({"applicant": [MSG_NIK_REQUIRED]})
        uploaded = set(request.uploads.values_list("requirement_id", flat=True))
        for req in request.standard.requirements.filter(kind=RequirementKind.DOCUMENT):
            if req.mandatory and req.pk not in uploaded:
                raise ValidationError(
                    {req.code: [MSG_POLICE_LETTER_REQUIRED % {"label": req.label}]}
                )
        earlier = already_helped(
            office=request.office, nik=person.nik, police_letter_number=data["police_letter_number"]
        )
        if earlier is not None:
            raise _duplicate_error(earlier)

    def after_intake(self, *, request, data: dict[str, Any], user) -> None:
        aid = CashAid(
            request=request,
            office=request.office,
            nik=request.applicant_person.nik,
            police_letter_number=data["police_letter_number"].strip(),
            police_letter_date=data["police_letter_date"],
            incident_key=incident_key(data["police_letter_number"]),
            incident_date=data["incident_date"],
            incident_place=data["incident_place"],
            incident_text=data["incident_text"],
            destination=data["destination"],
            next_office=data.get("next_office"),
            next_office_text=data.get("next_office_text", ""),
            amount=data["amount"],
        )
        aid.full_clean(exclude=["request", "receipt"], validate_constraints=False)
        try:
            with transaction.atomic():
                aid.save()
        except IntegrityError as exc:
            # Two officers filing the same incident at once: the database keeps one.
            earlier = already_helped(
                office=request.office, nik=aid.nik, police_letter_number=aid.police_letter_number
            )
            if earlier is not None:
                raise _duplicate_error(earlier) from exc
            raise

    def action_form(self, *, request, step, action: str):
        if action != StepAction.PAY:
            return None
        amount = CashAid.objects.filter(request=request).values_list("amount", flat=True).first()

        class PayFormForRequest(PayForm):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields["amount_paid"].initial = amount

        return PayFormForRequest

    def before_action(self, *, request, step, action: str, data: dict[str, Any], user) -> None:
        if action != StepAction.PAY:
            return
        aid = request.cashaid
        if data["amount_paid"] > aid.amount:
            raise ValidationError(
                {
                    "amount_paid": [
                        MSG_PAID_MORE
                        % {"amount": formats.number_format(aid.amount, force_grouping=True)}
                    ]
                }
            )

    def after_action(self, *, request, step, action: str, data: dict[str, Any], user) -> None:
        if action != StepAction.PAY:
            return
        from sigap.documents.services import document_issue

        aid = CashAid.objects.select_for_update().get(request=request)
        aid.amount_paid = data["amount_paid"]
        aid.paid_at = timezone.now()
        aid.paid_by = user
        person = request.applicant_person
        aid.receipt = document_issue(
            office=request.office,
            template_code="cashaid-receipt",
            title=f"Kwitansi bantuan kehabisan bekal · {request.code}",
            subject=request,
            context={
                "request_code": request.code,
                "office_name": request.office.name,
                "recipient": {"name": person.name, "nik": person.nik, "address": person.address},
                "amount": aid.amount_paid,
                "destination": aid.destination,
                "next_office": aid.next_office_label,
                "incident_text": aid.incident_text,
                "police_letter_number": aid.police_letter_number,
            },
            issued_by=user,
            signer=user,
            register=True,
            recipient=person.name,
        )
        aid.save()

    def after_status_change(self, *, request, from_status: str, to_status: str, user) -> None:
        if to_status in (RequestStatus.REJECTED, RequestStatus.CANCELLED):
            CashAid.objects.filter(request=request).update(active=False)

    def panels(self, *, request, http_request) -> list[Panel]:
        aid = CashAid.objects.filter(request=request).select_related("next_office").first()
        if aid is None:
            return []
        warnings = [
            _warning(a)
            for a in earlier_help(office=request.office, nik=aid.nik, exclude_request=request)
            if a.incident_key != aid.incident_key
        ]
        return [
            Panel(
                title=gettext_now("Cash help (kehabisan bekal)"),
                template_name="cashaid/panel.html",
                context={"aid": aid, "warnings": warnings},
            )
        ]
