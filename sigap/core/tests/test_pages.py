"""The staff home and the public home answer, and staff pages refuse anonymous visitors."""

from sigap.accounts.roles import Role


def test_public_home_is_in_bahasa_indonesia_by_default(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert 'lang="id"' in response.text


def test_staff_home_needs_login(client, db):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert "/staff/login/" in response["Location"]


def test_staff_home_shows_the_office(cast):
    user = cast.user("tarakan", Role.FRONT_OFFICE)
    response = cast.client_for(user).get("/staff/")
    assert response.status_code == 200
    assert "Tarakan" in response.text


def test_openapi_description_is_served(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Sigap API"


def test_browser_language_does_not_switch_the_ui_to_english(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="id"' in response.text
    assert "Lewati ke isi utama" in response.text


def test_language_switch_to_english_is_remembered(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/")
    assert 'lang="en"' in response.text
    assert "Skip to main content" in response.text
