"""SKM API: public figures (GET /api/v1/skm/ikm?office=&service=&unit=&year=&semester=&weight=)
and, for staff, the number of people served that the sample size needs."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from sigap.accounts.models import Office, Unit
from sigap.api.auth import STAFF_AUTH
from sigap.api.forms import cleaned
from sigap.core.access import require_role
from sigap.surveys.access import SKM_MANAGE_ROLES
from sigap.surveys.elements import BY_CODE, ELEMENT_CODES
from sigap.surveys.forms import PopulationForm
from sigap.surveys.index import WEIGHT_EXACT, WEIGHTS
from sigap.surveys.selectors import Period, ikm_summary
from sigap.surveys.services import survey_population_set

router = Router(tags=["skm"])

UNKNOWN_OFFICE = "Unknown office."
UNKNOWN_UNIT = "Unknown unit."
BAD_SEMESTER = "semester must be 1 or 2 (or omitted for the whole year)."
BAD_YEAR = "year must be between 2000 and 2100."
BAD_WEIGHT = "weight must be 'exact' (1/9) or '0.11'."


class ElementOut(Schema):
    code: str
    name: str
    average: str | None  # NRR, four decimals
    priority: bool


class IkmOut(Schema):
    office: str
    service: str
    unit: str
    year: int
    semester: int | None
    weight: str
    respondents: int
    index: str | None  # converted score 25-100, two decimals (string: exact decimal)
    ikm: str | None  # weighted sum on the 1-4 scale, four decimals
    category: str | None
    quality: str | None
    elements: list[ElementOut]
    sample_enough: bool | None
    sample_required: int | None
    sample_text: str


@router.get("/skm/ikm", response=IkmOut, auth=None)
def skm_ikm(
    request: HttpRequest,
    office: str,
    service: str = "",
    unit: str = "",
    year: int | None = None,
    semester: int | None = None,
    weight: str = WEIGHT_EXACT,
):
    """The community satisfaction index as PermenPAN-RB 14/2017 computes it, for an office and
    optionally a service or unit, over a year or a semester."""
    office_obj = Office.objects.filter(code=office).first()
    if office_obj is None:
        raise ValidationError({"office": [UNKNOWN_OFFICE]})
    year = year or timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": [BAD_YEAR]})
    if semester not in (None, 1, 2):
        raise ValidationError({"semester": [BAD_SEMESTER]})
    if weight not in WEIGHTS:
        raise ValidationError({"weight": [BAD_WEIGHT]})
    unit_obj = None
    if unit:
        unit_obj = Unit.objects.filter(office=office_obj, code=unit).first()
        if unit_obj is None:
            raise ValidationError({"unit": [UNKNOWN_UNIT]})
    data = ikm_summary(
        office=office_obj,
        service_code=service[:60],
        unit=unit_obj,
        period=Period(year, semester or 0),
        weight=weight,
    )
    result = data["result"]
    return {
        "office": office_obj.code,
        "service": service,
        "unit": unit,
        "year": year,
        "semester": semester,
        "weight": weight,
        "respondents": data["respondents"],
        "index": str(result.score) if result else None,
        "ikm": str(result.ikm.quantize(Decimal("0.0001"), ROUND_HALF_UP)) if result else None,
        "category": result.letter if result else None,
        "quality": result.quality if result else None,
        "elements": [
            {
                "code": e["code"],
                "name": str(BY_CODE[e["code"]].name),
                "average": (
                    str(result.nrr[e["code"]].quantize(Decimal("0.0001"), ROUND_HALF_UP))
                    if result
                    else None
                ),
                "priority": e["priority"],
            }
            for e in data["elements"]
            if e["code"] in ELEMENT_CODES
        ],
        "sample_enough": data["sample"]["enough"],
        "sample_required": data["sample"]["required"],
        "sample_text": data["sample"]["text"],
    }


# --- staff: the number of people served (for the sample size) --------------------------------


class PopulationIn(Schema):
    service_code: str = ""
    year: int
    semester: int = 0
    population: int


class PopulationOut(PopulationIn):
    office: str


@router.put("/skm/population", response=PopulationOut, auth=STAFF_AUTH)
def population_set(request: HttpRequest, payload: PopulationIn):
    """How many people the office served in a year (semester 0) or semester, per service."""
    require_role(request.auth, *SKM_MANAGE_ROLES)
    office = request.auth.office
    if office is None:
        raise Http404
    row = survey_population_set(office=office, **cleaned(PopulationForm(payload.dict())))
    return {
        "office": office.code,
        "service_code": row.service_code,
        "year": row.year,
        "semester": row.semester,
        "population": row.population,
    }
