"""Reads of the SKM: answers per office, unit, service and period; the index, the trend over
semesters, the respondent profile and whether the sample is large enough."""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from sigap.surveys.elements import BY_CODE, ELEMENT_CODES, SAMPLE_QUESTIONNAIRE_ORDER
from sigap.surveys.index import WEIGHT_EXACT, IkmResult, ikm_from_sums, priorities, required_sample
from sigap.surveys.models import QuestionnaireConfig, SurveyPopulation, SurveyResponse


@dataclass(frozen=True)
class Period:
    year: int
    semester: int = 0  # 0: the whole year

    @property
    def start(self) -> date:
        return date(self.year, 7 if self.semester == 2 else 1, 1)

    @property
    def end(self) -> date:
        """Exclusive."""
        if self.semester == 1:
            return date(self.year, 7, 1)
        return date(self.year + 1, 1, 1)

    @property
    def label(self) -> str:
        if self.semester:
            return _("Semester %(s)s %(y)s") % {
                "s": "I" if self.semester == 1 else "II",
                "y": self.year,
            }
        return str(self.year)


def responses(
    *, office=None, service_code: str = "", unit=None, period: Period | None = None
) -> QuerySet[SurveyResponse]:
    qs = SurveyResponse.objects.all()
    if office is not None:
        qs = qs.filter(office=office)
    if service_code:
        qs = qs.filter(service_code=service_code)
    if unit is not None:
        qs = qs.filter(unit=unit)
    if period is not None:
        qs = qs.filter(answered_on__gte=period.start, answered_on__lt=period.end)
    return qs


def ikm_for(qs: QuerySet[SurveyResponse], *, weight: str = WEIGHT_EXACT) -> IkmResult | None:
    agg = qs.aggregate(n=Count("*"), **{f"s_{c}": Sum(c) for c in ELEMENT_CODES})
    if not agg["n"]:
        return None
    sums = {c: agg[f"s_{c}"] for c in ELEMENT_CODES}
    counts = dict.fromkeys(ELEMENT_CODES, agg["n"])
    return ikm_from_sums(sums, counts, weight=weight)


def trend(
    *,
    office=None,
    service_code: str = "",
    unit=None,
    last_year: int,
    years: int = 3,
    weight: str = WEIGHT_EXACT,
) -> list[dict]:
    """The converted score per semester over the last `years` years (None where no answers)."""
    points = []
    for year in range(last_year - years + 1, last_year + 1):
        for semester in (1, 2):
            period = Period(year, semester)
            result = ikm_for(
                responses(office=office, service_code=service_code, unit=unit, period=period),
                weight=weight,
            )
            points.append(
                {
                    "label": period.label,
                    "score": float(result.score) if result else None,
                    "respondents": result.respondents if result else 0,
                }
            )
    return points


def profile(qs: QuerySet[SurveyResponse]) -> dict[str, list[tuple[str, int]]]:
    """Respondents by sex, age group, education and occupation, with the choice labels."""
    from sigap.surveys.models import Education, Occupation, Sex

    def by(field, choices):
        counts = dict(qs.values_list(field).annotate(n=Count("id")).values_list(field, "n"))
        return [(str(label), counts.get(value, 0)) for value, label in choices]

    ages = [(_("under 20"), 0, 19), ("20-29", 20, 29), ("30-39", 30, 39), ("40-49", 40, 49),
            ("50-59", 50, 59), (_("60 and over"), 60, 200)]  # fmt: skip
    return {
        "sex": by("sex", Sex.choices),
        "age": [
            (str(label), qs.filter(age__gte=lo, age__lte=hi).count()) for label, lo, hi in ages
        ],
        "education": by("education", Education.choices),
        "occupation": by("occupation", Occupation.choices),
    }


def population(*, office, service_code: str, period: Period) -> tuple[int | None, str]:
    """People served in the period and where the figure comes from.

    The office's own figure wins (it knows e.g. its BPNT beneficiaries); otherwise the requests
    completed in the period as sigap.applications counts them."""
    entered = SurveyPopulation.objects.filter(
        office=office, service_code=service_code, year=period.year, semester=period.semester
    ).first()
    if entered:
        return entered.population, "office"
    try:
        from sigap.applications.selectors import sla_compliance
    except ImportError:
        return None, "none"
    tz = ZoneInfo(settings.TIME_ZONE)
    figures = sla_compliance(
        office=office,
        standard_code=service_code or None,
        start=datetime.combine(period.start, time.min, tzinfo=tz),
        end=datetime.combine(period.end, time.min, tzinfo=tz),
    )
    return figures["completed"], "requests"


def sample_verdict(respondents: int, served: int | None) -> dict:
    """Plainly: is the number of respondents enough for the people served (Krejcie-Morgan)?"""
    if served is None or served == 0:
        return {
            "enough": None,
            "required": None,
            "text": _("The number of people served in this period is not known, so whether "
                      "%(n)s respondents are enough cannot be said.") % {"n": respondents},
        }  # fmt: skip
    needed = required_sample(served)
    enough = respondents >= needed
    text = (
        _("%(n)s respondents out of %(p)s people served: enough (at least %(r)s are needed).")
        if enough
        else _("%(n)s respondents out of %(p)s people served: NOT enough, at least %(r)s are "
               "needed. Treat the index with caution.")
    ) % {"n": respondents, "p": served, "r": needed}  # fmt: skip
    return {"enough": enough, "required": needed, "text": text}


def question_order(office) -> list[str]:
    """The element codes in the order the office's questionnaire asks them."""
    if office is None:
        return list(SAMPLE_QUESTIONNAIRE_ORDER)
    return [q["code"] for q in questionnaire(office)]


def questionnaire(office) -> list[dict]:
    """The questions in the office's order with its wording, else the regulation's sample."""
    config = QuestionnaireConfig.objects.filter(office=office).first() if office else None
    order = list(SAMPLE_QUESTIONNAIRE_ORDER)
    overrides: dict = {}
    if config:
        if sorted(config.order or []) == sorted(ELEMENT_CODES):
            order = list(config.order)
        overrides = config.overrides or {}
    questions = []
    for number, code in enumerate(order, start=1):
        element = BY_CODE[code]
        custom = overrides.get(code, {})
        labels = custom.get("labels") if len(custom.get("labels") or []) == 4 else None
        questions.append(
            {
                "number": number,
                "code": code,
                "element": str(element.name),
                "question": custom.get("question") or str(element.question),
                "labels": [str(x) for x in (labels or element.labels)],
            }
        )
    return questions


def ikm_summary(
    *, office=None, service_code: str = "", unit=None, period: Period, weight: str = WEIGHT_EXACT
) -> dict:
    """The index, its elements and the sample verdict: what the public API returns.

    One aggregate over the answers (the same cost as the index alone) and the population
    figure; the respondents' profile and the suggestions, each a scan of its own, are the
    report's (`report`) and are not worked out here."""
    qs = responses(office=office, service_code=service_code, unit=unit, period=period)
    result = ikm_for(qs, weight=weight)
    elements = []
    low = set(priorities(result)) if result else set()
    rounded = result.nrr_rounded() if result else {}
    weighted = result.weighted() if result else {}
    # In the order the questionnaire asks them (the regulation's sample asks about facilities,
    # U9, as question 8), numbered as the questions are, so a question and its result match.
    for number, code in enumerate(question_order(office), start=1):
        element = BY_CODE[code]
        elements.append(
            {
                "code": code,
                "number": number,
                "label": f"{number}.",
                "name": str(element.name),
                "nrr": rounded.get(code),
                "weighted": weighted.get(code),
                "priority": code in low,
            }
        )
    served, source = (None, "none")
    if office is not None:
        served, source = population(office=office, service_code=service_code, period=period)
    respondents = result.respondents if result else 0
    return {
        "period": period,
        "result": result,
        "elements": elements,
        "priorities": [e for e in elements if e["priority"]],
        "respondents": respondents,
        "served": served,
        "served_source": source,
        "sample": sample_verdict(respondents, served),
        "weight": weight,
    }


def report(
    *, office=None, service_code: str = "", unit=None, period: Period, weight: str = WEIGHT_EXACT
) -> dict:
    """Everything the SKM report shows, page and PDF alike: the summary, the respondents'
    profile and their suggestions."""
    summary = ikm_summary(
        office=office, service_code=service_code, unit=unit, period=period, weight=weight
    )
    qs = responses(office=office, service_code=service_code, unit=unit, period=period)
    return {
        **summary,
        "profile": profile(qs),
        "suggestions": list(qs.exclude(suggestion="").values_list("suggestion", flat=True)[:200]),
    }
