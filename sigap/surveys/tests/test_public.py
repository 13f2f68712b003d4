from sigap.surveys.models import QuestionnaireConfig, SurveyInvitation, SurveyResponse
from sigap.surveys.services import survey_invitation_url
from sigap.surveys.tests.conftest import PROFILE, started_ago


def _post_data(**overrides):
    data = {**PROFILE, "started": started_ago(), "homepage": "", "suggestion": "Antrian dipercepat"}
    data.update({f"u{i}": 4 for i in range(1, 10)})
    data.update(overrides)
    return data


def test_invited_survey_is_answered_once_over_http(client, standard):
    url = survey_invitation_url(standard=standard, office=standard.office, reference="SRG-1")
    path = url.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200
    assert client.post("/" + path, _post_data()).status_code == 302
    response = SurveyResponse.objects.get()
    assert response.service_code == "sragen-bpnt" and response.invitation is not None
    assert response.unit == standard.unit
    assert client.get("/" + path).status_code == 410
    assert client.post("/" + path, _post_data()).status_code == 410
    assert SurveyResponse.objects.count() == 1
    assert SurveyInvitation.objects.get().used_at is not None


def test_unknown_invitation_is_404(client, db):
    assert client.get("/survey/r/nope/").status_code == 404


def test_general_survey_per_service(client, standard):
    page = client.get("/survey/sragen-bpnt/")
    assert page.status_code == 200
    assert "Gratis" in page.content.decode() or "Free" in page.content.decode()
    assert client.post("/survey/sragen-bpnt/", _post_data()).status_code == 302
    assert client.get("/survey/no-such-service/").status_code == 404


def test_missing_answer_or_honeypot_is_refused(client, standard):
    data = _post_data()
    del data["u4"]
    assert client.post("/survey/sragen-bpnt/", data).status_code == 400
    assert client.post("/survey/sragen-bpnt/", _post_data(homepage="x")).status_code == 400
    assert client.post("/survey/sragen-bpnt/", _post_data(u3="9")).status_code == 400
    assert not SurveyResponse.objects.exists()


def test_the_default_order_is_the_sample_questionnaire_and_offices_can_change_it(client, standard):
    page = client.get("/survey/sragen-bpnt/").content.decode()
    # The sample questionnaire asks facilities (u9) before complaint handling (u8).
    assert page.index('name="u9"') < page.index('name="u8"')
    QuestionnaireConfig.objects.create(
        office=standard.office,
        order=["u4", "u1", "u2", "u3", "u5", "u6", "u7", "u8", "u9"],
        overrides={
            "u4": {
                "question": "Berapa biaya yang Anda bayar?",
                "labels": ["a", "b", "c", "Gratis sekali"],
            }
        },
    )
    page = client.get("/survey/sragen-bpnt/").content.decode()
    assert page.index('name="u4"') < page.index('name="u1"')
    assert "Berapa biaya yang Anda bayar?" in page and "Gratis sekali" in page


def test_public_results_page_publishes_the_index_without_suggestions(client, answer, cast):
    answer(suggestion="Petugas bernama Budi kasar")
    page = client.get("/skm/sragen/?year=2026")
    assert page.status_code == 200
    html = page.content.decode()
    assert "75.00" in html or "75,00" in html
    assert "Budi" not in html
    assert client.get("/skm/nowhere/").status_code == 404
    assert client.get("/skm/sragen/?year=abc").status_code == 404


def test_public_results_list_each_service_of_the_office(client, answer, standard):
    answer(standard=standard, values={f"u{i}": 4 for i in range(1, 10)})
    html = client.get("/skm/sragen/?year=2026").content.decode()
    assert "Bantuan Pangan Non Tunai" in html
    assert "100,00" in html or "100.00" in html


def test_the_survey_has_no_answer_chosen_in_advance(client, standard):
    page = client.get("/survey/sragen-bpnt/").content.decode()
    for name in ("sex", "education", "occupation"):
        assert f'name="{name}"' in page
    assert " checked" not in page and " selected" not in page


def test_results_list_the_elements_in_the_order_and_numbers_the_survey_asks_them(
    client, answer, standard
):
    answer()
    form = client.get("/survey/sragen-bpnt/").content.decode()
    results = client.get("/skm/sragen/?year=2026").content.decode()
    facilities, complaints = "Sarana dan prasarana", "Penanganan pengaduan"
    assert form.index(facilities) < form.index(complaints)
    assert results.index(facilities) < results.index(complaints)
    assert f"8. {facilities}" in results  # question 8 is facilities on both pages
