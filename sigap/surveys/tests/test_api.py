from datetime import date

import pytest

from sigap.surveys.models import SurveyPopulation


def test_ikm_api_returns_index_category_elements_and_respondents(client, answer, cast):
    answer(values={f"u{i}": 4 for i in range(1, 10)})
    answer(values={f"u{i}": 3 for i in range(1, 10)}, on=date(2026, 8, 1))
    body = client.get("/api/v1/skm/ikm?office=sragen&year=2026").json()
    # NRR 3.5 each: 31.5 / 9 x 25 = 87.50 -> B.
    assert body["index"] == "87.50" and body["category"] == "B"
    assert body["respondents"] == 2
    assert body["elements"][0] == {
        "code": "u1",
        "name": body["elements"][0]["name"],
        "average": "3.5000",
        "priority": body["elements"][0]["priority"],
    }
    first = client.get("/api/v1/skm/ikm?office=sragen&year=2026&semester=1").json()
    assert first["index"] == "100.00" and first["category"] == "A" and first["respondents"] == 1
    printed = client.get("/api/v1/skm/ikm?office=sragen&year=2026&semester=1&weight=0.11").json()
    assert printed["index"] == "99.00"


def test_ikm_api_says_whether_the_sample_is_enough(client, answer, cast):
    answer()
    SurveyPopulation.objects.create(
        office=cast.office("sragen"), year=2026, semester=0, population=100
    )
    body = client.get("/api/v1/skm/ikm?office=sragen&year=2026").json()
    assert body["sample_enough"] is False and body["sample_required"] == 80
    assert "80" in body["sample_text"]


@pytest.mark.parametrize(
    "query",
    [
        "office=nowhere",
        "office=sragen&semester=3",
        "office=sragen&year=1900",
        "office=sragen&year=abc",
        "office=sragen&weight=0.2",
        "office=sragen&unit=nope",
        "",
    ],
)
def test_bad_parameters_are_4xx(client, cast, query):
    cast.office("sragen")
    response = client.get(f"/api/v1/skm/ikm?{query}")
    assert 400 <= response.status_code < 500


def test_no_answers_gives_no_index(client, cast):
    cast.office("tarakan")
    body = client.get("/api/v1/skm/ikm?office=tarakan&year=2026").json()
    assert body["index"] is None and body["respondents"] == 0


def test_ikm_api_reads_the_answers_once_and_never_their_profile(client, answer, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    answer()
    answer(on=date(2026, 8, 1))
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/api/v1/skm/ikm?office=sragen&year=2026").json()
    assert body["respondents"] == 2
    on_answers = [q["sql"] for q in queries if "surveys_surveyresponse" in q["sql"]]
    # One aggregate of the answers; no scan per profile field (sex, age, education, ...).
    assert len(on_answers) == 1
    assert "COUNT" in on_answers[0].upper() and '"sex"' not in on_answers[0]
