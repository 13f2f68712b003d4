"""The SKM population through the API: the same form, service and roles as the report page."""

import pytest

from sigap.accounts.roles import Role
from sigap.api.testing import call
from sigap.surveys.models import SurveyPopulation

pytestmark = pytest.mark.django_db
GOOD = {"service_code": "", "year": 2026, "semester": 1, "population": 1200}


def test_head_of_office_records_and_corrects_the_population(cast):
    head = cast.user("tarakan", Role.HEAD_OF_OFFICE)
    assert call("put", "/skm/population", head, GOOD).status_code == 200
    response = call("put", "/skm/population", head, {**GOOD, "population": 1300})
    assert response.json()["population"] == 1300
    row = SurveyPopulation.objects.get()
    assert (row.office.code, row.population) == ("tarakan", 1300)


@pytest.mark.parametrize(
    "bad", [{"semester": 3}, {"year": 1999}, {"population": -1}, {"service_code": "a b"}]
)
def test_bad_figures_are_a_400(cast, bad):
    head = cast.user("tarakan", Role.HEAD_OF_OFFICE)
    assert call("put", "/skm/population", head, {**GOOD, **bad}).status_code == 400
    assert not SurveyPopulation.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"), [(Role.AUDITOR, 403), (Role.FRONT_OFFICE, 403), (None, 401)]
)
def test_population_refuses_readers_other_roles_and_anonymous(cast, role, status):
    user = cast.user("tarakan", role) if role else None
    assert call("put", "/skm/population", user, GOOD).status_code == status
    assert not SurveyPopulation.objects.exists()


def test_each_office_writes_only_its_own_population(cast):
    call("put", "/skm/population", cast.user("sragen", Role.HEAD_OF_OFFICE), GOOD)
    assert SurveyPopulation.objects.get().office.code == "sragen"
