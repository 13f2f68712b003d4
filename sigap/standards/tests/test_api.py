"""The public services API: the list, one standard with its 14 components, structured 404s."""

import pytest
from django.test import Client

from sigap.accounts.roles import Role
from sigap.standards.models import COMPONENT_KEYS

pytestmark = pytest.mark.django_db


def test_the_list_gives_every_service_in_force_with_its_office(catalogue, client):
    response = client.get("/api/v1/services")
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()}
    assert set(rows) == set(catalogue)
    assert rows["tarakan-sembako"] == {
        "code": "tarakan-sembako",
        "name": "Fasilitas Program Sembako",
        "office": {
            "code": "tarakan",
            "name": "Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan",
        },
        "document_number": "000.8.3.2/03.2/DINSOSPM",
        "revision": 1,
        "effective_date": "2025-01-10",
        "public_intake": True,
    }


def test_the_list_can_be_narrowed_to_one_office(catalogue, client):
    codes = [row["code"] for row in client.get("/api/v1/services?office=sragen").json()]
    assert sorted(codes) == ["sragen-bpnt", "sragen-kehabisan-bekal"]


def test_a_service_has_exactly_the_fourteen_components(catalogue, client):
    body = client.get("/api/v1/services/tarakan-sembako").json()
    assert list(body["components"]) == list(COMPONENT_KEYS)
    assert body["office"] == {
        "code": "tarakan",
        "name": "Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan",
    }
    assert (body["document_number"], body["revision"], body["effective_date"]) == (
        "000.8.3.2/03.2/DINSOSPM",
        1,
        "2025-01-10",
    )
    components = body["components"]
    assert len(components["requirements"]) == 5
    assert components["requirements"][4] == {
        "code": "death-certificate",
        "label": "Fotokopi Akta Kematian",
        "kind": "document",
        "mandatory": True,
        "product_codes": ["death"],
        "help_text": "Hanya untuk Surat Keterangan Meninggal.",
        "options": [],
        "due_at_step": "",
    }
    assert components["procedure"][3]["order"] == 4
    assert components["procedure"][3]["role"] == "section_head"
    assert components["procedure"][5]["actions"] == ["register", "hand_over"]
    assert components["time_limit"] == {"kind": "minutes", "value": 30, "text": "30 menit"}
    assert components["fee"] == {"amount": 0, "text": "Tidak dipungut biaya/gratis"}
    assert [p["code"] for p in components["products"]] == [
        "kks-new",
        "kks-lost-ewallet",
        "death",
        "data-change",
    ]
    assert set(components["legal_basis"]) == {"intro", "items", "notes"}
    assert body["signer"]["nip"] == "196803181994031007"


def test_complaints_come_as_channels_and_flow(catalogue, client):
    complaints = client.get("/api/v1/services/banten-logistik-darurat").json()["components"][
        "complaints"
    ]
    assert len(complaints["channels"]) == 8
    assert complaints["channels"][2]["kind"] == "sms_whatsapp"
    assert complaints["channels"][2]["detail"] == "081288475883"
    assert complaints["channels"][3]["href"] == "tel:081288475883"
    assert complaints["channels"][4]["href"] == "mailto:dinsos@bantenprov.go.id"
    assert complaints["channels"][5]["href"] == "https://www.lapor.go.id"
    assert complaints["channels"][7]["href"] == ""
    assert complaints["flow"][0] == {
        "source": "province",
        "source_label": "Dinas Sosial Provinsi",
        "target": "regency",
        "target_label": "Dinas Sosial Kabupaten/Kota",
        "note": "",
    }


def test_an_unknown_service_is_a_structured_404(catalogue, client):
    response = client.get("/api/v1/services/no-such-service")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found", "code": "not_found"}


def test_a_service_before_its_effective_date_is_a_404_and_a_bad_date_a_422(catalogue, client):
    assert client.get("/api/v1/services/tarakan-sembako?on=2025-01-09").status_code == 404
    assert client.get("/api/v1/services/tarakan-sembako?on=2025-01-10").status_code == 200
    response = client.get("/api/v1/services/tarakan-sembako?on=yesterday")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"


def test_staff_of_any_office_read_the_same_public_api(catalogue, cast):
    staff = cast.client_for(cast.user("sragen", Role.FRONT_OFFICE))
    anonymous = Client()
    url = "/api/v1/services/tarakan-sembako"
    assert staff.get(url).json() == anonymous.get(url).json()


def test_the_openapi_describes_the_components(catalogue, client):
    schema = client.get("/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]["ComponentsOut"]
    assert list(components["properties"]) == list(COMPONENT_KEYS)
    assert "/api/v1/services/{code}" in schema["paths"]


def test_a_requirement_due_during_the_procedure_names_its_step(catalogue, client):
    body = client.get("/api/v1/services/banten-anak-terlantar").json()
    due = {r["code"]: r["due_at_step"] for r in body["components"]["requirements"]}
    assert due["regency-request-letter"] == "" and due["consent-letter"] == "consent"
