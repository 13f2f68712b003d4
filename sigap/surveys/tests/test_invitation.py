import pytest
from django.core.exceptions import ValidationError

from sigap.surveys.models import SurveyInvitation
from sigap.surveys.services import INVITATION_USED, survey_invitation_url, survey_response_submit

ANSWERS = {f"u{i}": 3 for i in range(1, 10)}
PROFILE = {"sex": "f", "age": 35, "education": "sma", "occupation": "homemaker"}


def test_invitation_url_is_absolute_and_stable_for_one_reference(cast):
    office = cast.office("tarakan")
    first = survey_invitation_url(standard=None, office=office, reference="TRK-0001")
    again = survey_invitation_url(standard=None, office=office, reference="TRK-0001")
    other = survey_invitation_url(standard=None, office=office, reference="TRK-0002")
    assert first == again != other
    assert first.startswith("http") and "/survey/r/" in first


def test_invitation_can_be_answered_only_once(cast):
    office = cast.office("tarakan")
    survey_invitation_url(standard=None, office=office, reference="TRK-1")
    invitation = SurveyInvitation.objects.get(reference="TRK-1")
    survey_response_submit(office=office, answers=ANSWERS, invitation=invitation, **PROFILE)
    with pytest.raises(ValidationError) as exc:
        survey_response_submit(office=office, answers=ANSWERS, invitation=invitation, **PROFILE)
    assert INVITATION_USED in exc.value.messages
