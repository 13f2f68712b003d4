"""Demo SKM answers for every published standard over 2025-2026, and a population figure.
Deterministic (seeded) and idempotent."""

import random
from datetime import date, timedelta

from django.core.management.base import OutputWrapper

from sigap.standards.models import ServiceStandard
from sigap.surveys.elements import ELEMENT_CODES
from sigap.surveys.models import Education, Occupation, Sex, SurveyPopulation, SurveyResponse
from sigap.surveys.services import survey_response_submit

SUGGESTIONS = [
    "Ruang tunggu diperluas.",
    "Informasi persyaratan dipasang di papan pengumuman.",
    "Petugas ramah, pertahankan.",
    "",
    "",
]


def load(*, stdout: OutputWrapper) -> None:
    if SurveyResponse.objects.exists():
        stdout.write("SKM: demo answers already there.")
        return
    rng = random.Random(14)  # PermenPAN-RB 14/2017
    standards = ServiceStandard.objects.filter(is_published=True).select_related("office")
    total = 0
    for standard in standards:
        # Each service has a weaker element, so the report shows a priority.
        weak = rng.choice(ELEMENT_CODES)
        for start in (date(2025, 1, 6), date(2025, 7, 7), date(2026, 1, 5)):
            for i in range(rng.randint(25, 40)):
                answers = {
                    c: rng.choice([3, 3, 4, 4, 4] if c != weak else [2, 3, 3])
                    for c in ELEMENT_CODES
                }
                survey_response_submit(
                    office=standard.office,
                    standard=standard,
                    answers=answers,
                    sex=rng.choice(Sex.values),
                    age=rng.randint(18, 70),
                    education=rng.choice(Education.values),
                    occupation=rng.choice(Occupation.values),
                    suggestion=rng.choice(SUGGESTIONS),
                    answered_on=start + timedelta(days=i * 4),
                )
                total += 1
        SurveyPopulation.objects.get_or_create(
            office=standard.office,
            service_code=standard.code,
            year=2026,
            semester=1,
            defaults={"population": rng.choice([30, 45, 120])},
        )
    stdout.write(f"SKM: {total} demo answers over {standards.count()} services.")
