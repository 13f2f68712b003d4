"""Writes of the SKM: invitations (the contract receipts and letters use) and answers."""

import secrets
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.surveys.elements import ELEMENT_CODES
from sigap.surveys.models import SurveyInvitation, SurveyPopulation, SurveyResponse

INVITATION_USED = _("This survey link has already been answered. Thank you.")
INVITATION_UNKNOWN = _("This survey link is not valid.")
ANSWER_MISSING = _("Please answer every question.")
ANSWER_RANGE = _("Each answer must be between 1 and 4.")


def _invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("surveys:invited", kwargs={"token": token})


def survey_invitation_url(*, standard, office, reference: str) -> str:
    """The absolute URL of the one-time survey for request `reference` (print it, or its QR).

    Idempotent: the same (office, service, reference) always gives the same link, so a receipt
    printed twice carries one survey. `standard` may be None for a general office survey.
    """
    service_code = standard.code if standard is not None else ""
    reference = str(reference)[:80]
    existing = SurveyInvitation.objects.filter(
        office=office, service_code=service_code, reference=reference
    ).first()
    if existing:
        return _invitation_url(existing.token)
    try:
        with transaction.atomic():
            invitation = SurveyInvitation.objects.create(
                token=secrets.token_urlsafe(24),
                office=office,
                standard=standard,
                service_code=service_code,
                reference=reference,
            )
    except IntegrityError:  # printed at the same moment by another worker
        invitation = SurveyInvitation.objects.get(
            office=office, service_code=service_code, reference=reference
        )
    return _invitation_url(invitation.token)


@transaction.atomic
def survey_response_submit(
    *,
    office,
    answers: dict[str, int],
    sex: str,
    age: int,
    education: str,
    occupation: str,
    suggestion: str = "",
    standard=None,
    invitation: SurveyInvitation | None = None,
    answered_on: date | None = None,
) -> SurveyResponse:
    """Stores one questionnaire; an invitation is consumed (a second answer is refused)."""
    if invitation is not None:
        locked = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.used_at is not None:
            raise ValidationError(INVITATION_USED, code="used")
        office, standard = locked.office, locked.standard
    missing = [c for c in ELEMENT_CODES if answers.get(c) in (None, "")]
    if missing:
        raise ValidationError(ANSWER_MISSING, code="missing")
    values = {}
    for code in ELEMENT_CODES:
        try:
            value = int(answers[code])
        except (TypeError, ValueError) as exc:
            raise ValidationError(ANSWER_RANGE, code="range") from exc
        if not 1 <= value <= 4:
            raise ValidationError(ANSWER_RANGE, code="range")
        values[code] = value
    response = SurveyResponse(
        office=office,
        unit=standard.unit if standard is not None else None,
        standard=standard,
        service_code=standard.code if standard is not None else "",
        invitation=invitation,
        answered_on=answered_on or timezone.localdate(),
        sex=sex,
        age=age,
        education=education,
        occupation=occupation,
        suggestion=suggestion.strip(),
        **values,
    )
    response.full_clean()
    response.save()
    if invitation is not None:
        SurveyInvitation.objects.filter(pk=invitation.pk).update(used_at=timezone.now())
        invitation.used_at = timezone.now()
    return response


@transaction.atomic
def survey_population_set(
    *, office, service_code: str, year: int, semester: int, population: int
) -> SurveyPopulation:
    """Records how many people an office served in a period (the SKM sample size needs it)."""
    service_code = service_code.strip()
    row = SurveyPopulation.objects.filter(
        office=office, service_code=service_code, year=year, semester=semester
    ).first() or SurveyPopulation(
        office=office, service_code=service_code, year=year, semester=semester
    )
    row.population = population
    row.full_clean(validate_constraints=False, validate_unique=False)
    row.save()
    return row
