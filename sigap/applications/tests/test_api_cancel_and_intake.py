"""Request API beyond the workflow: cancelling, and intake limited to the counter's roles."""

import pytest

from sigap.accounts.roles import Role
from sigap.applications.models import Request, RequestStatus
from sigap.applications.tests import factories
from sigap.applications.tests.test_api import Api, open_request, submit_request


@pytest.fixture
def apis(tarakan):
    return {role: Api(user) for role, user in tarakan.items()}


def test_the_step_holder_cancels_a_request_with_a_reason(sembako, apis):
    fo = apis[Role.FRONT_OFFICE]
    code = submit_request(fo)
    version = fo.get(f"/requests/{code}").json()["version"]
    response = fo.post(f"/requests/{code}/cancel", {"expected_version": version, "reason": "Salah"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == RequestStatus.CANCELLED
    assert Request.objects.get(code=code).return_reason == "Salah"


def test_cancel_without_reason_is_400_and_stale_version_409(sembako, apis):
    fo = apis[Role.FRONT_OFFICE]
    code = submit_request(fo)
    version = fo.get(f"/requests/{code}").json()["version"]
    no_reason = fo.post(f"/requests/{code}/cancel", {"expected_version": version, "reason": " "})
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["errors"]
    stale = fo.post(f"/requests/{code}/cancel", {"expected_version": version - 1, "reason": "x"})
    assert stale.status_code == 409


def test_cancel_refuses_a_role_not_holding_the_step_another_office_and_anonymous(
    sembako, apis, cast, client
):
    code = submit_request(apis[Role.FRONT_OFFICE])
    payload = {"expected_version": 99, "reason": "x"}
    assert apis[Role.HEAD_OF_OFFICE].post(f"/requests/{code}/cancel", payload).status_code == 403
    outsider = Api(cast.user("sragen", Role.FRONT_OFFICE))
    assert outsider.post(f"/requests/{code}/cancel", payload).status_code == 404
    anonymous = client.post(f"/api/v1/requests/{code}/cancel", payload, "application/json")
    assert anonymous.status_code == 401
    assert Request.objects.get(code=code).status != RequestStatus.CANCELLED


@pytest.mark.parametrize("role", [Role.BACK_OFFICE, Role.HEAD_OF_OFFICE])
def test_only_the_counter_roles_open_and_submit_requests(sembako, apis, role):
    response = apis[role].post("/requests", {"service_code": factories.SEMBAKO})
    assert response.status_code == 403
    code = open_request(apis[Role.FRONT_OFFICE])["code"]
    assert apis[role].post(f"/requests/{code}/submit", {}).status_code == 403


def test_files_of_a_draft_are_added_by_the_counter_not_by_other_roles(sembako, apis):
    created = open_request(apis[Role.FRONT_OFFICE])
    data = {"requirement": created["checklist"][0]["code"], "file": factories.pdf_file()}
    back = apis[Role.BACK_OFFICE].post(f"/requests/{created['code']}/uploads", data=data)
    assert back.status_code == 403
    data["file"] = factories.pdf_file()
    front = apis[Role.FRONT_OFFICE].post(f"/requests/{created['code']}/uploads", data=data)
    assert front.status_code == 201
