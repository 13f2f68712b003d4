"""The public tracking form answers every code on the form itself, in Indonesian."""

import pytest
from django.test import Client

from sigap.accounts.roles import Role
from sigap.applications.tests.test_api import Api, submit_request

NOT_FOUND = "Nomor tidak ditemukan"
UNREADABLE = "hanya huruf dan angka"


@pytest.mark.parametrize("typed", ["[]", "{}", "%", "---", "é", "١٢٣"])
def test_a_code_that_normalises_to_nothing_is_answered_on_the_form(db, client, typed):
    response = client.get("/track/", {"code": typed})
    assert response.status_code == 400
    text = response.content.decode()
    assert 'name="code"' in text and UNREADABLE in text


def test_an_empty_code_is_a_required_field_on_the_form(db, client):
    response = client.get("/track/", {"code": ""})
    assert response.status_code == 400
    assert 'name="code"' in response.content.decode()
    assert "error-summary" in response.content.decode()


def test_the_empty_form_is_shown_without_errors(db, client):
    response = client.get("/track/")
    assert response.status_code == 200 and "error-summary" not in response.content.decode()


def test_an_unknown_code_is_answered_on_the_form_not_the_404_page(db, client):
    response = client.get("/track/", {"code": "zzzz-zzzz-zz"}, follow=True)
    assert response.redirect_chain == [("/track/ZZZZZZZZZZ", 302)]
    assert response.status_code == 404
    text = response.content.decode()
    assert NOT_FOUND in text and 'value="ZZZZZZZZZZ"' in text


@pytest.mark.parametrize("path", ["/track/%5B%5D", "/track/%F0%9F%98%80", "/track/%FF%FE"])
def test_odd_codes_in_the_address_are_answered_on_the_form(db, client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert 'name="code"' in response.content.decode()


def test_a_null_byte_is_refused_in_indonesian(db, client):
    response = client.get("/track/%00")
    assert response.status_code == 400
    assert "karakter yang tidak diizinkan" in response.content.decode()


def test_full_width_letters_are_read_as_ascii(db, client):
    response = client.get("/track/", {"code": "ＡＢＣ１２３"})
    assert response.status_code == 302 and response["Location"] == "/track/ABC123"


def test_a_typed_code_with_spaces_and_lower_case_finds_the_request(sembako, tarakan):
    code = submit_request(Api(tarakan[Role.FRONT_OFFICE]))
    typed = f" {code[:5].lower()} {code[5:]} "
    response = Client().get("/track/", {"code": typed}, follow=True)
    assert response.redirect_chain == [(f"/track/{code}", 302)]
    assert response.status_code == 200 and code in response.content.decode()
