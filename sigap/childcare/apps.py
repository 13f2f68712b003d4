from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChildcareConfig(AppConfig):
    name = "sigap.childcare"
    label = "childcare"
    verbose_name = _("Childcare")

    def ready(self) -> None:
        _keep_child_text_out_of_the_audit_trail()
        # A case's issued documents (the BAST) follow the case policy, not the office scope.
        try:
            from sigap.documents.access import register_subject_policy
        except ImportError:  # the documents app is optional for the case domain itself
            pass
        else:
            from sigap.childcare.access import can_open

            register_subject_policy("childcare.case", can_open)
        try:
            from sigap.applications.extensions import register
        except ImportError:
            return
        from sigap.childcare.extension import ChildcareExtension

        register(ChildcareExtension())


# Free text about the child: the generic change log (django-auditlog, which tracks every model)
# must not copy it, or anyone reading that log would read the case around the case policy.
AUDIT_EXCLUDED_FIELDS = {
    "Case": [
        "referral_summary",
        "no_carer_evidence",
        "violence_evidence",
        "at_risk_evidence",
        "outcome_note",
    ],
    "Assessment": [
        "situation",
        "family",
        "health",
        "education",
        "risks",
        "needs",
        "recommendation_note",
    ],
    "Consent": ["giver_name", "relation"],
    "CareReview": ["progress", "concerns"],
    "CarePlan": ["goals", "activities"],
    "ProgressNote": ["text"],
    "CaseDocument": ["original_name"],
}


def _keep_child_text_out_of_the_audit_trail() -> None:
    try:
        from auditlog.registry import auditlog
    except ImportError:
        return
    from django.apps import apps

    for name, fields in AUDIT_EXCLUDED_FIELDS.items():
        model = apps.get_model("childcare", name)
        if auditlog.contains(model):
            auditlog.register(model, exclude_fields=list(fields))
