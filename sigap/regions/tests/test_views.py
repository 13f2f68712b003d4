"""The <option> fragment for widgets, the public browse page, and RegionField."""

from django import forms

from sigap.accounts.roles import Role
from sigap.regions.fields import RegionField


def test_search_fragment_returns_options_with_codes_and_labels(client, regions):
    response = client.get("/regions/search", {"q": "kalijambe", "level": "district"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<option value="33.14.01">Kalijambe, Kabupaten Sragen, Jawa Tengah</option>' in html
    assert "<html" not in html


def test_search_fragment_reads_the_htmx_input_by_its_name(client, regions):
    response = client.get(
        "/regions/search",
        {"address": "tarakan", "level": "regency"},
        HTTP_HX_TRIGGER_NAME="address",
    )
    assert 'value="65.71"' in response.content.decode()


def test_search_fragment_rejects_bad_parameters_with_400(client, regions):
    assert client.get("/regions/search", {"level": "kampung"}).status_code == 400
    assert client.get("/regions/search", {"parent": "x"}).status_code == 400
    assert client.get("/regions/search", {"limit": "-1"}).status_code == 400


def test_browse_page_walks_down_from_provinces(client, regions):
    page = client.get("/regions/")
    assert page.status_code == 200
    assert "Jawa Tengah" in page.content.decode()
    page = client.get("/regions/", {"parent": "65.71"})
    assert "Tarakan Timur" in page.content.decode()


def test_browse_page_shows_an_error_summary_for_bad_input(client, regions):
    page = client.get("/regions/", {"parent": "zz"})
    assert page.status_code == 400
    assert "error-summary" in page.content.decode()


def test_staff_can_use_the_widget_search_too(cast, regions):
    client = cast.client_for(cast.user("tarakan", Role.FRONT_OFFICE))
    assert client.get("/regions/search", {"q": "sragen"}).status_code == 200


class AddressForm(forms.Form):
    village = RegionField(level="village")
    region = RegionField(required=False)


def test_region_field_cleans_to_the_dotted_code(regions):
    form = AddressForm(data={"village": "3314012001", "region": " 65.71 "})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"village": "33.14.01.2001", "region": "65.71"}


def test_region_field_rejects_unknown_codes_wrong_levels_and_names(regions):
    form = AddressForm(data={"village": "33.14.01", "region": "33.14.99"})
    assert not form.is_valid()
    codes = {f: [e.code for e in errs] for f, errs in form.errors.as_data().items()}
    assert codes == {"village": ["wrong_region_level"], "region": ["unknown_region"]}
    assert "Pilih wilayah dari daftar" in form.errors["region"][0]
    assert form.errors["village"][0] == "Pilih desa/kelurahan."
    form = AddressForm(data={"village": "Keden"})
    assert form.errors.as_data()["village"][0].code == "invalid_region_code"


def test_region_widget_asks_for_suggestions_with_htmx_and_shows_the_label(regions):
    html = str(AddressForm(initial={"village": "33.14.01.2001"})["village"])
    assert 'hx-get="/regions/search?level=village"' in html
    assert 'list="id_village-options"' in html
    assert '<datalist id="id_village-options">' in html
    assert "Keden, Kalijambe" in html


def test_browse_form_searches_every_level_unless_one_is_chosen(client, regions):
    html = client.get("/regions/").content.decode()
    assert '<option value="" selected>' in html
