"""GET /api/v1/regions and /api/v1/regions/{code}: public, 404 for unknown, 4xx for bad input."""

import pytest

from sigap.accounts.roles import Role


def test_anyone_can_search_regions_by_name(client, regions):
    response = client.get("/api/v1/regions", {"q": "tarakan", "level": "regency"})
    assert response.status_code == 200
    assert response.json() == [
        {
            "code": "65.71",
            "name": "Kota Tarakan",
            "level": "regency",
            "parent_code": "65",
            "retired": False,
        }
    ]


def test_children_of_a_parent_are_listed_without_a_query(client, regions):
    response = client.get("/api/v1/regions", {"parent": "6571"})
    assert [r["code"] for r in response.json()] == ["65.71.01", "65.71.02", "65.71.03", "65.71.04"]


def test_staff_get_the_same_public_answer(cast, regions):
    client = cast.client_for(cast.user("sragen", Role.FRONT_OFFICE))
    assert client.get("/api/v1/regions/33.14").status_code == 200


def test_one_region_with_its_path(client, regions):
    body = client.get("/api/v1/regions/33.14.01.2001").json()
    assert body["name"] == "Keden"
    assert body["edition"] == "kepmendagri-2025"
    assert body["village_kind"] == "desa"
    assert client.get("/api/v1/regions/65.71.01.1001").json()["village_kind"] == "kelurahan"
    assert [p["code"] for p in body["path"]] == ["33.14.01.2001", "33.14.01", "33.14", "33"]


def test_an_unknown_code_is_404(client, regions):
    response = client.get("/api/v1/regions/33.14.99")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert client.get("/api/v1/regions/nonsense").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"level": "kampung"},
        {"limit": "0"},
        {"limit": "1000"},
        {"limit": "many"},
        {"q": "x" * 101},
        {"parent": "33.1"},
    ],
)
def test_bad_query_parameters_are_4xx_not_500(client, regions, params):
    response = client.get("/api/v1/regions", params)
    assert 400 <= response.status_code < 500
    assert "detail" in response.json()


def test_a_bad_parent_is_a_structured_400(client, regions):
    response = client.get("/api/v1/regions", {"parent": "abc"})
    assert response.status_code == 400
    assert "parent" in response.json()["errors"]


def test_the_endpoints_are_in_the_openapi_description(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/regions" in paths and "/api/v1/regions/{code}" in paths
