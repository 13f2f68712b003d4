"""What the SKM holds about a data subject: answers given through the one-time invitation of one
of their requests (the only link between an answer and a person; walk-in answers have none)."""

from django.utils.translation import gettext_lazy as _

from sigap.privacy.sections import Section, Subject
from sigap.surveys.elements import ELEMENT_CODES
from sigap.surveys.models import SurveyResponse

LABELS = {
    "reference": _("request"),
    "answered_on": _("answered on"),
    "service_code": _("service code"),
    "sex": _("sex"),
    "age": _("age"),
    "education": _("education"),
    "occupation": _("occupation"),
    "suggestion": _("suggestions"),
    **{code: code.upper() for code in ELEMENT_CODES},
}


def subject_data(*, subject: Subject, office, user) -> list[Section]:
    if not subject.references:
        return []
    responses = list(
        SurveyResponse.objects.filter(
            office=office, invitation__reference__in=subject.references
        ).select_related("invitation")
    )
    return [
        Section(
            app="surveys",
            key="surveys.answers",
            title=_("Satisfaction survey (SKM) answers"),
            labels=LABELS,
            items=[
                {
                    "reference": r.invitation.reference,
                    "answered_on": r.answered_on,
                    "service_code": r.service_code,
                    "sex": r.get_sex_display(),
                    "age": r.age,
                    "education": r.get_education_display(),
                    "occupation": r.get_occupation_display(),
                    "suggestion": r.suggestion,
                    **r.answers(),
                }
                for r in responses
            ],
            sources=tuple(("surveys.surveyresponse", str(r.pk)) for r in responses),
        )
    ]
