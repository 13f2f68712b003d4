import io

import pytest
from openpyxl import load_workbook

from sigap.accounts.roles import Role
from sigap.surveys.models import SurveyPopulation


@pytest.mark.parametrize("role", [Role.HEAD_OF_OFFICE, Role.AUDITOR, Role.COMPLAINTS_OFFICER])
def test_report_page_for_readers_of_the_office(role, cast, answer):
    answer(values={"u1": 1, "u2": 4, "u3": 4, "u4": 4, "u5": 4, "u6": 4, "u7": 4, "u8": 2, "u9": 3})
    page = cast.client_for(cast.user("sragen", role)).get("/staff/skm/?year=2026")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="skm-elements"' in html and 'id="skm-trend"' in html
    assert "<script>" not in html.replace("<script src=", "")  # no inline script
    # Lowest elements flagged for improvement: u1 (1.00), u8 (2.00), u9 (3.00).
    assert html.count("badge badge-warn") >= 3


def test_report_wrong_role_other_office_and_anonymous(cast, client, answer):
    answer()
    assert (
        cast.client_for(cast.user("sragen", Role.FRONT_OFFICE)).get("/staff/skm/").status_code
        == 403
    )
    other = cast.client_for(cast.user("tarakan", Role.HEAD_OF_OFFICE))
    assert other.get("/staff/skm/?office=sragen").status_code == 404
    assert other.get("/staff/skm/answers.xlsx?office=sragen").status_code == 404
    assert client.get("/staff/skm/").status_code == 302


def test_province_reads_the_report_of_its_regency(cast):
    cast.office("lebak")
    banten = cast.client_for(cast.user("banten", Role.HEAD_OF_OFFICE))
    assert banten.get("/staff/skm/?office=lebak").status_code == 200


def test_excel_export_of_raw_answers(cast, answer):
    answer(suggestion="=cmd")
    response = cast.client_for(cast.user("sragen", Role.HEAD_OF_OFFICE)).get(
        "/staff/skm/answers.xlsx?year=2026"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["H1"].value == "U1" and sheet["H2"].value == 3
    assert sheet["Q2"].value == "'=cmd"


def test_pdf_report(cast, answer):
    answer()
    response = cast.client_for(cast.user("sragen", Role.HEAD_OF_OFFICE)).get(
        "/staff/skm/report.pdf?year=2026&weight=0.11"
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_head_of_office_enters_people_served_and_others_cannot(cast):
    data = {"service_code": "", "year": 2026, "semester": 1, "population": 150}
    head = cast.client_for(cast.user("sragen", Role.HEAD_OF_OFFICE))
    assert head.post("/staff/skm/population", data).status_code == 302
    assert SurveyPopulation.objects.get().population == 150
    auditor = cast.client_for(cast.user("sragen", Role.AUDITOR))
    assert auditor.post("/staff/skm/population", data).status_code == 403
