from django.db import connection

from sigap.accounts.roles import Role
from sigap.complaints.access import can_see_identity, complainant_identity
from sigap.complaints.models import Complaint
from sigap.core.models import AccessLog


def test_anonymous_complaint_stores_no_identity_at_all(make_complaint):
    complaint = make_complaint(
        "tarakan", anonymous=True, name="Budi Rahasia", phone="0811111", email="b@x.id"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM complaints_complaint WHERE id = %s", [complaint.pk])
        row = cursor.fetchone()
    assert not any("Budi" in str(v) or "0811111" in str(v) or "b@x.id" in str(v) for v in row)
    stored = Complaint.objects.get(pk=complaint.pk)
    assert stored.complainant_name == stored.complainant_phone == stored.complainant_email == ""


def test_confidential_identity_is_hidden_from_other_staff_and_shown_to_the_officer(
    make_complaint, cast
):
    complaint = make_complaint("tarakan", confidential=True)
    officer = cast.user("tarakan", Role.COMPLAINTS_OFFICER)
    for role in (Role.CUSTOMER_SERVICE, Role.HEAD_OF_OFFICE, Role.HEAD_OF_DIVISION, Role.AUDITOR):
        assert complainant_identity(cast.user("tarakan", role), complaint) is None
    assert complainant_identity(officer, complaint)["name"] == "Siti Aminah"
    assert AccessLog.objects.filter(user=officer, object_id=str(complaint.pk)).exists()


def test_confidential_identity_is_not_on_the_staff_page_of_the_head_of_office(make_complaint, cast):
    complaint = make_complaint("tarakan", confidential=True)
    head = cast.client_for(cast.user("tarakan", Role.HEAD_OF_OFFICE))
    page = head.get(f"/staff/complaints/{complaint.code}/").content.decode()
    assert "Siti Aminah" not in page and "081234567890" not in page
    officer = cast.client_for(cast.user("tarakan", Role.COMPLAINTS_OFFICER))
    assert "Siti Aminah" in officer.get(f"/staff/complaints/{complaint.code}/").content.decode()


def test_an_ordinary_complainant_is_visible_to_readers(make_complaint, cast):
    complaint = make_complaint("tarakan")
    assert can_see_identity(cast.user("tarakan", Role.AUDITOR), complaint)


def test_the_public_api_never_shows_personal_data(make_complaint, client):
    complaint = make_complaint("tarakan", confidential=True)
    response = client.get(f"/api/v1/complaints/{complaint.code}")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Siti" not in body and "0812" not in body
    assert response.json()["status"] == "received"
