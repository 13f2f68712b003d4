import pytest

from sigap.accounts.roles import Role

PAGES = [
    "/staff/bpnt/tickets/",
    "/staff/bpnt/tickets/new",
    "/staff/bpnt/stages/",
    "/staff/bpnt/visits/",
    "/staff/bpnt/sessions/",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_list_page_opens_in_indonesian_for_a_companion(cast, companion, url):
    response = cast.client_for(companion).get(url)
    assert response.status_code == 200
    assert "BPNT" in response.content.decode() or "Simpan" in response.content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_every_list_page_is_refused_to_a_front_office_clerk(cast, url):
    assert cast.client_for(cast.user("sragen", Role.FRONT_OFFICE)).get(url).status_code == 403


def test_the_menu_shows_the_bpnt_entries_to_a_companion(cast, companion, catalogue):
    # The entries show where the office runs the BPNT standard (Sragen, seed 004).
    response = cast.client_for(companion).get("/staff/bpnt/tickets/")
    assert "/staff/bpnt/stages/" in response.content.decode()


def test_an_empty_stage_form_is_refused_with_a_message(cast, companion):
    response = cast.client_for(companion).post(
        "/staff/bpnt/stages/", {"year": "2026", "number": "1"}
    )
    assert response.status_code == 400
    assert "data bayar SP2D" in response.content.decode()
