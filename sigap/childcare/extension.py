"""What the children's service adds to a request, through the applications extension point.

The request (applicant: the referring regency/city office) never holds the child's identity:
the intake fields about the child go straight into a Case, and each step of the standard
checks that the case holds what the step stands for (consent, assessment, health certificate,
placement with its BAST). The case's own pages record those, with their signed documents.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sigap.applications.extensions import Extension, Panel
from sigap.applications.models import CheckStatus
from sigap.applications.services import requirement_check_record
from sigap.childcare import access, services
from sigap.childcare.forms import ReferralForm
from sigap.childcare.models import (
    Assessment,
    Case,
    CaseStatus,
    Centre,
    Consent,
    DocumentKind,
    HealthCertificate,
    Placement,
)
from sigap.identity.fields import NIPField

MSG_NO_CASE = _("This request has no child case. Register the referral again.")
MSG_NOT_ON_CASE = _(
    "Only the social worker assigned to the child's case (or the Kepala Bidang) can take this "
    "step. Ask the Kepala Bidang to assign the case."
)
MSG_STEP_CONSENT = _("Record the consent, with the signed letter, on the child's case page first.")
MSG_STEP_ASSESSMENT = _(
    "Record the assessment and attach its signed copy on the child's case page first."
)
MSG_STEP_HEALTH = _("Record the doctor's health certificate on the child's case page first.")
MSG_PLACEMENT_FIELDS = _("Choose the centre and fill in the handover details.")

# The steps of `banten-anak-terlantar` and what each needs from the case.
STEP_CONSENT = "consent"
STEP_ASSESSMENT = "assessment"
STEP_HEALTH = "health"
STEP_PLACEMENT = "placement"
REFERRAL_LETTER_REQUIREMENT = "regency-request-letter"
# The requirement of the standard each step's case record satisfies (due at that step).
STEP_REQUIREMENTS = {
    STEP_CONSENT: "consent-letter",
    STEP_ASSESSMENT: "assessment",
    STEP_HEALTH: "health-certificate",
}
MSG_RECORDED_ON_CASE = _("Recorded on the child's case %(case)s.")


class ChildReferralIntakeForm(ReferralForm):
    """The child's identity and the eligibility; stored in the Case, never in the request."""

    def __init__(self, *args, **kwargs) -> None:
        from sigap.accounts.models import Office, User

        forms.Form.__init__(self, *args, **kwargs)
        del self.fields["referral_letter"]  # handed in as the request's requirement upload
        self.fields["referring_office"].queryset = Office.objects.filter(
            parent__isnull=False
        ).order_by("name")
        # Set by a referral sent from the regency (sigap.childcare.referrals): who sent it.
        self.fields["sent_by"] = forms.ModelChoiceField(
            label=_("Sent by (regency's officer)"),
            queryset=User.objects.filter(is_active=True, office__parent__isnull=False),
            required=False,
            widget=forms.HiddenInput,
        )


class PlacementActionForm(forms.Form):
    """The hand-over of the placement step: the centre and the receiving party."""

    centre = forms.IntegerField(label=_("Centre"), required=False)
    placed_on = forms.DateField(label=_("Date of placement"), required=False)
    place = forms.CharField(label=_("Place of handover"), max_length=100, required=False)
    received_by_position = forms.CharField(
        label=_("Received by (position)"), max_length=200, required=False
    )
    received_by_nip = NIPField(
        label=_("Received by (NIP)"),
        required=False,
        help_text=_("18 digits; it may be typed with spaces, as printed on letters."),
    )


def case_for_request(request) -> Case | None:
    return Case.objects.filter(request=request).first()


class ChildcareExtension(Extension):
    key = "childcare"

    def intake_form(self, *, standard):
        return ChildReferralIntakeForm

    def may_open_files(self, *, request, user) -> bool:
        # The referral's files name the child: only those who may open the case get them.
        case = case_for_request(request)
        return case is not None and access.can_open(user, case)

    def validate_intake(self, *, request, data: dict[str, Any]) -> None:
        services.check_eligibility(data)
        referring = data.get("referring_office")
        if referring is not None and referring.parent_id != request.office_id:
            raise ValidationError({"referring_office": services.MSG_REFERRER_NOT_UNDER})
        sender = data.get("sent_by")
        if sender is not None and (referring is None or sender.office_id != referring.pk):
            raise ValidationError({"referring_office": services.MSG_REFERRER_NOT_UNDER})

    def after_intake(self, *, request, data: dict[str, Any], user) -> None:
        fields = {k: v for k, v in data.items() if k not in ("referral_letter", "sent_by")}
        user = user or data.get("sent_by")
        case = services.case_register(
            office=request.office,
            registered_by=user,
            request=request,
            check_permission=False,  # the engine checked who may file the request
            **{**fields, "child_nik": fields.get("child_nik") or None},
        )
        # The regency's letter names the child: the case keeps its own copy for the case team.
        for upload in request.uploads.filter(requirement__code=REFERRAL_LETTER_REQUIREMENT):
            upload.file.open("rb")
            try:
                services.case_document_store(
                    case=case, kind=DocumentKind.REFERRAL_LETTER, file=upload.file, by=user
                )
            finally:
                upload.file.close()

    def _case(self, request) -> Case:
        case = case_for_request(request)
        if case is None:
            raise ValidationError(MSG_NO_CASE, code="no_case")
        return case

    def action_form(self, *, request, step, action: str):
        if step.code == STEP_PLACEMENT and action == "hand_over":
            return PlacementActionForm
        return None

    def before_action(self, *, request, step, action: str, data: dict[str, Any], user) -> None:
        if step.code not in (STEP_CONSENT, STEP_ASSESSMENT, STEP_HEALTH, STEP_PLACEMENT):
            return
        case = self._case(request)
        if step.code == STEP_CONSENT:
            self._require_worker(user, case)
            if not Consent.objects.filter(case=case).exists():
                raise ValidationError(MSG_STEP_CONSENT, code="no_consent")
        elif step.code == STEP_ASSESSMENT:
            self._require_worker(user, case)
            if not Assessment.objects.filter(case=case, signed_document__isnull=False).exists():
                raise ValidationError(MSG_STEP_ASSESSMENT, code="no_assessment")
        elif step.code == STEP_HEALTH:
            self._require_worker(user, case)
            if not HealthCertificate.objects.filter(case=case).exists():
                raise ValidationError(MSG_STEP_HEALTH, code="no_health")
        code = STEP_REQUIREMENTS.get(step.code)
        if code and request.standard.requirements.filter(code=code).exists():
            # The case holds the signed document: the requirement due at this step is complete.
            requirement_check_record(
                request=request,
                requirement_code=code,
                status=CheckStatus.COMPLETE,
                note=str(MSG_RECORDED_ON_CASE % {"case": case.code}),
                user=user,
            )
        elif action == "decide" and data.get("decision") == "approve":
            blockers = services.placement_blockers(case)
            if blockers:
                raise ValidationError(blockers, code="not_ready")
        elif action == "hand_over" and case.status == CaseStatus.REFERRED:
            needed = ("centre", "placed_on", "place", "received_by", "received_by_position")
            missing = {name: [MSG_PLACEMENT_FIELDS] for name in needed if not data.get(name)}
            if missing:
                raise ValidationError(missing)

    @staticmethod
    def _require_worker(user, case: Case) -> None:
        if not access.can_work_on(user, case):
            raise ValidationError(MSG_NOT_ON_CASE, code="not_on_case")

    def after_action(self, *, request, step, action: str, data: dict[str, Any], user) -> None:
        if step.code != STEP_PLACEMENT or action != "hand_over":
            return
        case = self._case(request)
        if Placement.objects.filter(case=case).exists():
            return  # placed on the case page already; the BAST exists
        centre = Centre.objects.filter(pk=data["centre"], office=case.office).first()
        if centre is None:
            raise ValidationError({"centre": services.MSG_CENTRE_OTHER_OFFICE})
        services.case_place(
            case=case,
            centre=centre,
            placed_on=data["placed_on"],
            place=data["place"],
            received_by_name=data["received_by"],
            received_by_position=data["received_by_position"],
            received_by_nip=data.get("received_by_nip") or "",
            by=user,
        )

    def panels(self, *, request, http_request) -> list[Panel]:
        case = case_for_request(request)
        if case is None:
            return []
        return [
            Panel(
                title=str(_("Child's case")),
                template_name="childcare/panels/request_case.html",
                context={
                    "child_case": case,
                    "can_open_case": access.can_open(http_request.user, case),
                },
            )
        ]
