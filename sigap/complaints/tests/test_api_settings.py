"""The office's complaint deadlines and days off through the API, with the settings page's roles."""

import pytest

from sigap.accounts.roles import Role
from sigap.api.testing import call
from sigap.complaints.models import ComplaintSettings, OfficeDayOff

pytestmark = pytest.mark.django_db
PATH = "/staff/complaint-settings"
GOOD = {
    "verify_working_days": 2,
    "answer_days": 10,
    "answer_in_working_days": True,
    "complete_working_days": 30,
}


def test_complaints_officer_sets_the_deadlines(cast):
    officer = cast.user("tarakan", Role.COMPLAINTS_OFFICER)
    response = call("put", PATH, officer, GOOD)
    assert response.status_code == 200, response.content
    conf = ComplaintSettings.objects.get(office=cast.office("tarakan"))
    assert (conf.answer_days, conf.answer_in_working_days) == (10, True)
    assert call("get", PATH, officer).json()["complete_working_days"] == 30


def test_a_negative_deadline_is_a_400(cast):
    officer = cast.user("tarakan", Role.COMPLAINTS_OFFICER)
    response = call("put", PATH, officer, {**GOOD, "answer_days": -1})
    assert response.status_code == 400
    assert "answer_days" in response.json()["errors"]


def test_days_off_are_added_and_removed_only_in_the_own_office(cast):
    officer = cast.user("tarakan", Role.COMPLAINTS_OFFICER)
    added = call("post", f"{PATH}/days-off", officer, {"day": "2026-12-24", "name": "Cuti bersama"})
    assert added.status_code == 201, added.content
    day_id = added.json()["id"]
    other = cast.user("sragen", Role.COMPLAINTS_OFFICER)
    assert call("delete", f"{PATH}/days-off/{day_id}", other).status_code == 404
    assert OfficeDayOff.objects.filter(pk=day_id).exists()
    assert call("delete", f"{PATH}/days-off/{day_id}", officer).status_code == 204
    assert not OfficeDayOff.objects.exists()


@pytest.mark.parametrize(("role", "status"), [(Role.FRONT_OFFICE, 403), (None, 401)])
def test_settings_refuse_wrong_role_and_anonymous(cast, role, status):
    user = cast.user("tarakan", role) if role else None
    assert call("put", PATH, user, GOOD).status_code == status
    assert (
        call("post", f"{PATH}/days-off", user, {"day": "2026-12-24", "name": "x"}).status_code
        == status
    )
    assert not ComplaintSettings.objects.filter(answer_days=10).exists()
    assert not OfficeDayOff.objects.exists()
