"""The request API: seed 001 end to end, the 403/409/404 rules, tracking without personal data."""

from urllib.parse import urlsplit

import pytest
from django.test import Client

from sigap.accounts.roles import Role
from sigap.accounts.services import api_token_create
from sigap.applications.tests import factories

NIK = "6571015205850777"
ANALYSIS = {
    "aid_type": "Sembako",
    "problem": "Penerima meninggal",
    "analysis": "KPM meninggal; perlu pengganti pengurus",
    "solution": "Surat keterangan meninggal untuk bank",
    "kks_number": "6013011234567000",
    "siks_ng_updated": True,
    "kpm_educated": True,
}


class Api:
    def __init__(self, user):
        self.client = Client()
        _token, raw = api_token_create(user=user, name="test")
        self.headers = {"Authorization": f"Bearer {raw}"}

    def get(self, path):
        return self.client.get(f"/api/v1{path}", headers=self.headers)

    def post(self, path, payload=None, **kwargs):
        if "data" in kwargs:
            return self.client.post(f"/api/v1{path}", headers=self.headers, **kwargs)
        return self.client.post(
            f"/api/v1{path}", payload or {}, content_type="application/json", headers=self.headers
        )

    def act(self, code, action, data=None):
        version = self.get(f"/requests/{code}").json()["version"]
        return self.post(
            f"/requests/{code}/act",
            {"action": action, "data": data or {}, "expected_version": version},
        )


@pytest.fixture
def apis(tarakan):
    return {role: Api(user) for role, user in tarakan.items()}


def open_request(api, product="death"):
    response = api.post(
        "/requests",
        {
            "service_code": factories.SEMBAKO,
            "product_code": product,
            "applicant": {"nik": NIK, "name": "Rahmawati", "phone": "081299990000"},
        },
    )
    assert response.status_code == 201, response.content
    return response.json()


def submit_request(api, product="kks-new"):
    created = open_request(api, product=product)
    for requirement in created["checklist"]:
        api.post(
            f"/requests/{created['code']}/uploads",
            data={"requirement": requirement["code"], "file": factories.pdf_file()},
        )
    response = api.post(f"/requests/{created['code']}/submit", {})
    assert response.status_code == 200, response.content
    return created["code"]


def test_seed_001_whole_path_through_the_api(sembako, apis):
    fo = apis[Role.FRONT_OFFICE]
    created = open_request(fo)
    code = created["code"]
    assert created["status"] == "draft"
    assert created["applicant_nik_masked"] != NIK
    # The death letter needs the death certificate: five documents.
    assert "death-certificate" in [c["code"] for c in created["checklist"]]
    for requirement in created["checklist"]:
        response = fo.post(
            f"/requests/{code}/uploads",
            data={"requirement": requirement["code"], "file": factories.pdf_file()},
        )
        assert response.status_code == 201, response.content
    response = fo.post(f"/requests/{code}/submit", {})
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    assert fo.act(code, "receive").status_code == 200
    version = fo.get(f"/requests/{code}").json()["version"]
    checks = [{"requirement": c["code"], "status": "complete"} for c in created["checklist"]]
    response = fo.post(f"/requests/{code}/checks", {"checks": checks, "expected_version": version})
    assert response.json()["current_step"] == "analyse"
    assert apis[Role.BACK_OFFICE].act(code, "analyse", ANALYSIS).status_code == 200
    assert apis[Role.SECTION_HEAD].act(code, "initial").status_code == 200
    refused = fo.act(code, "sign")
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert apis[Role.HEAD_OF_OFFICE].act(code, "sign").status_code == 200
    assert fo.act(code, "register").status_code == 200
    done = fo.act(code, "hand_over", {"received_by": "Rahmawati"})
    assert done.json()["status"] == "completed"
    documents = fo.get(f"/requests/{code}/documents").json()
    letter = next(d for d in documents if d["template_code"] == "sk-death")
    assert letter["number"]
    verify = Client().get(urlsplit(letter["verify_url"]).path)
    assert verify.status_code == 200 and letter["number"] in verify.content.decode()


def test_an_out_of_order_action_is_409_with_a_reason(sembako, apis):
    fo = apis[Role.FRONT_OFFICE]
    code = submit_request(fo)
    response = apis[Role.HEAD_OF_OFFICE].act(code, "sign")
    assert response.status_code == 409
    assert response.json()["code"] == "not_offered" and response.json()["detail"]


def test_a_stale_version_is_409(sembako, apis):
    fo = apis[Role.FRONT_OFFICE]
    code = submit_request(fo)
    response = fo.post(
        f"/requests/{code}/act", {"action": "receive", "data": {}, "expected_version": 1}
    )
    assert response.status_code == 409 and response.json()["code"] == "stale"


def test_a_fake_pdf_is_refused_with_a_structured_error(sembako, apis):
    fo = apis[Role.FRONT_OFFICE]
    code = open_request(fo)["code"]
    response = fo.post(
        f"/requests/{code}/uploads", data={"requirement": "kk-ktp", "file": factories.fake_pdf()}
    )
    assert response.status_code == 400
    assert "file" in response.json()["errors"]


def test_an_invalid_nik_is_a_400(sembako, apis):
    response = apis[Role.FRONT_OFFICE].post(
        "/requests",
        {
            "service_code": factories.SEMBAKO,
            "product_code": "kks-new",
            "applicant": {"nik": "123", "name": "X"},
        },
    )
    assert response.status_code == 400


def test_another_office_gets_404_and_anonymous_401(sembako, apis, cast):
    code = open_request(apis[Role.FRONT_OFFICE])["code"]
    outsider = Api(cast.user("sragen", Role.FRONT_OFFICE))
    assert outsider.get(f"/requests/{code}").status_code == 404
    assert outsider.get(f"/requests/{code}/documents").status_code == 404
    assert outsider.post(f"/requests/{code}/submit", {}).status_code == 404
    assert Client().get(f"/api/v1/requests/{code}").status_code == 401
    assert Client().get("/api/v1/queue").status_code == 401
    # A service of another office cannot be filed by Sragen's counter either.
    response = outsider.post("/requests", {"service_code": factories.SEMBAKO})
    assert response.status_code == 404


def test_the_queue_lists_what_waits_for_my_roles(sembako, apis):
    fo = apis[Role.FRONT_OFFICE]
    code = submit_request(fo)
    assert code in [i["code"] for i in fo.get("/queue").json()]
    assert code not in [i["code"] for i in apis[Role.HEAD_OF_OFFICE].get("/queue").json()]


def test_public_tracking_shows_steps_but_no_personal_data(sembako, apis):
    fo = apis[Role.FRONT_OFFICE]
    code = submit_request(fo)
    fo.act(code, "receive", {"note": "Diterima oleh petugas"})
    response = Client().get(f"/api/v1/track/{code.lower()}")
    assert response.status_code == 200
    body = response.content.decode()
    assert NIK not in body and "Rahmawati" not in body and "Diterima oleh" not in body
    data = response.json()
    assert data["current_step"] == "Petugas FO melakukan Pengecekan Berkas"
    assert [e["action"] for e in data["history"]] == ["submit", "receive"]
    page = Client().get(f"/track/{code}").content.decode()
    assert NIK not in page and "Rahmawati" not in page
    assert Client().get("/api/v1/track/ZZZZZZZZZZ").status_code == 404
    assert Client().get("/track/ZZZZZZZZZZ").status_code == 404


def test_the_list_filters_by_status_and_never_shows_another_office(sembako, apis, cast):
    fo = apis[Role.FRONT_OFFICE]
    code = submit_request(fo)
    listed = fo.get("/requests?status=submitted").json()
    assert [r["code"] for r in listed] == [code]
    assert fo.get("/requests?status=completed").json() == []
    assert Api(cast.user("sragen", Role.FRONT_OFFICE)).get("/requests").json() == []


def test_submitting_without_the_documents_lists_what_is_missing(sembako, apis):
    fo = apis[Role.FRONT_OFFICE]
    code = open_request(fo, product="kks-new")["code"]
    response = fo.post(f"/requests/{code}/submit", {})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"kk-ktp", "kks", "kelurahan-letter", "savings-book"}


def test_public_tracking_reads_one_row_once_cached_and_sees_each_change(
    sembako, apis, django_assert_num_queries
):
    fo = apis[Role.FRONT_OFFICE]
    code = submit_request(fo)
    anonymous = Client()
    first = anonymous.get(f"/api/v1/track/{code}").json()
    assert [e["action"] for e in first["history"]] == ["submit"]
    # Answered again: the narrow lookup of the request only; no session, no CSRF cookie.
    with django_assert_num_queries(1):
        again = anonymous.get(f"/api/v1/track/{code}")
    assert again.json() == first
    assert not again.cookies
    fo.act(code, "receive", {"note": "Diterima"})
    after = anonymous.get(f"/api/v1/track/{code}").json()
    assert [e["action"] for e in after["history"]] == ["submit", "receive"]
    assert after["current_step"] != first["current_step"]


def test_public_tracking_works_out_late_from_the_clock_not_the_cache(sembako, apis):
    from datetime import timedelta

    from django.utils import timezone

    from sigap.applications.models import Request

    fo = apis[Role.FRONT_OFFICE]
    code = submit_request(fo)
    assert Client().get(f"/api/v1/track/{code}").json()["overdue"] is False
    # The due time passes without any change to the request (a raw update, no save()).
    Request.objects.filter(code=code).update(due_at=timezone.now() - timedelta(minutes=1))
    assert Client().get(f"/api/v1/track/{code}").json()["overdue"] is True
