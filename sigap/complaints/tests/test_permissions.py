import csv
import io

import pytest
from openpyxl import load_workbook

from sigap.accounts.roles import Role
from sigap.complaints.models import Channel, Complaint, Status
from sigap.complaints.services import complaint_respond, complaint_verify

READERS = [Role.COMPLAINTS_OFFICER, Role.CUSTOMER_SERVICE, Role.HEAD_OF_OFFICE, Role.AUDITOR]


@pytest.mark.parametrize("role", READERS)
def test_readers_of_the_office_open_list_and_detail(role, cast, make_complaint):
    complaint = make_complaint("tarakan")
    client = cast.client_for(cast.user("tarakan", role))
    assert client.get("/staff/complaints/").status_code == 200
    assert client.get(f"/staff/complaints/{complaint.code}/").status_code == 200


def test_wrong_role_gets_403(cast, make_complaint):
    complaint = make_complaint("tarakan")
    client = cast.client_for(cast.user("tarakan", Role.FRONT_OFFICE))
    assert client.get("/staff/complaints/").status_code == 403
    assert client.get(f"/staff/complaints/{complaint.code}/").status_code == 403


def test_other_office_gets_404(cast, make_complaint):
    complaint = make_complaint("tarakan")
    client = cast.client_for(cast.user("sragen", Role.COMPLAINTS_OFFICER))
    assert client.get(f"/staff/complaints/{complaint.code}/").status_code == 404
    assert complaint.code not in client.get("/staff/complaints/").content.decode()
    assert client.post(f"/staff/complaints/{complaint.code}/verify").status_code == 404


def test_anonymous_is_sent_to_login(client, make_complaint):
    complaint = make_complaint("tarakan")
    assert client.get("/staff/complaints/").status_code == 302
    assert client.get(f"/staff/complaints/{complaint.code}/").status_code == 302


def test_reader_cannot_act_but_the_officer_can(cast, make_complaint):
    complaint = make_complaint("tarakan")
    head = cast.client_for(cast.user("tarakan", Role.HEAD_OF_OFFICE))
    assert head.post(f"/staff/complaints/{complaint.code}/verify").status_code == 403
    officer = cast.client_for(cast.user("tarakan", Role.COMPLAINTS_OFFICER))
    assert officer.post(f"/staff/complaints/{complaint.code}/verify").status_code == 302
    assert Complaint.objects.get().status == Status.VERIFIED


def test_officer_records_a_lapor_complaint_with_its_number(cast):
    officer = cast.client_for(cast.user("sragen", Role.COMPLAINTS_OFFICER))
    data = {
        "channel": Channel.LAPOR,
        "received_on": "2026-03-02",
        "subject": "BPNT tidak cair",
        "body": "Saldo 0",
        "anonymous": "on",
    }
    assert officer.post("/staff/complaints/new/", data).status_code == 200  # number missing
    data["lapor_number"] = "LAP-123456"
    assert officer.post("/staff/complaints/new/", data).status_code == 302
    assert Complaint.objects.get().lapor_number == "LAP-123456"


def _api(cast, office, role):
    return cast.client_for(cast.user(office, role))


def test_api_staff_flow_and_permissions(cast):
    cast.office("lebak")
    officer = _api(cast, "banten", Role.COMPLAINTS_OFFICER)
    created = officer.post(
        "/api/v1/staff/complaints",
        {
            "channel": "phone",
            "subject": "Truk logistik",
            "body": "Belum datang",
            "name": "A",
            "phone": "0812",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    code = created.json()["code"]
    assert created.json()["complainant"]["name"] == "A"
    assert (
        _api(cast, "banten", Role.FRONT_OFFICE).get(f"/api/v1/staff/complaints/{code}").status_code
        == 403
    )
    assert (
        _api(cast, "sragen", Role.COMPLAINTS_OFFICER)
        .get(f"/api/v1/staff/complaints/{code}")
        .status_code
        == 404
    )
    assert (
        cast.client_for(cast.user("banten", Role.AUDITOR))
        .get(f"/api/v1/staff/complaints/{code}")
        .status_code
        == 200
    )
    from django.test import Client

    assert Client().get(f"/api/v1/staff/complaints/{code}").status_code == 401
    assert (
        officer.post(
            f"/api/v1/staff/complaints/{code}/verify", {}, content_type="application/json"
        ).status_code
        == 200
    )
    referred = officer.post(
        f"/api/v1/staff/complaints/{code}/refer",
        {"to_office": "lebak"},
        content_type="application/json",
    )
    assert referred.status_code == 200 and referred.json()["office"] == cast.office("lebak").name
    lebak = _api(cast, "lebak", Role.COMPLAINTS_OFFICER)
    assert lebak.get(f"/api/v1/staff/complaints/{code}").status_code == 200
    # Acting on a stage that does not fit is a 409; bad input a 400.
    assert (
        lebak.post(
            f"/api/v1/staff/complaints/{code}/verify", {}, content_type="application/json"
        ).status_code
        == 409
    )
    assert (
        lebak.post(
            f"/api/v1/staff/complaints/{code}/responses",
            {"text": " "},
            content_type="application/json",
        ).status_code
        == 400
    )
    assert (
        lebak.post(
            f"/api/v1/staff/complaints/{code}/responses",
            {"text": "Dicek"},
            content_type="application/json",
        ).status_code
        == 200
    )
    assert (
        officer.post(
            f"/api/v1/staff/complaints/{code}/responses",
            {"text": "x"},
            content_type="application/json",
        ).status_code
        == 403
    )


def test_api_rejects_unknown_channel_with_4xx(cast):
    officer = _api(cast, "banten", Role.COMPLAINTS_OFFICER)
    response = officer.post(
        "/api/v1/staff/complaints",
        {"channel": "pigeon", "subject": "x", "body": "y"},
        content_type="application/json",
    )
    assert 400 <= response.status_code < 500


def test_lapor_export_has_the_number_status_and_response(cast, make_complaint):
    by = cast.user("sragen", Role.COMPLAINTS_OFFICER)
    complaint = make_complaint(
        "sragen", channel=Channel.LAPOR, lapor_number="LAP-9", anonymous=True
    )
    make_complaint("sragen")  # not from LAPOR: not exported
    complaint_verify(complaint=complaint, by=by)
    complaint_respond(complaint=complaint, by=by, text='=HYPERLINK("x") sudah dibantu')
    client = cast.client_for(by)
    rows = list(
        csv.reader(
            io.StringIO(
                client.get("/staff/complaints/lapor-export.csv").content.decode("utf-8-sig")
            )
        )
    )
    assert rows[0][0] == "Nomor Tracking LAPOR" and len(rows) == 2
    assert rows[1][0] == "LAP-9" and rows[1][4] == "Ditindaklanjuti"
    assert rows[1][6].startswith("'=")  # no formula injection
    xlsx = client.get("/staff/complaints/lapor-export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A2"].value == "LAP-9"
    assert (
        cast.client_for(cast.user("sragen", Role.FRONT_OFFICE))
        .get("/staff/complaints/lapor-export.csv")
        .status_code
        == 403
    )


def test_head_of_office_sets_deadlines_and_days_off_which_change_new_deadlines(
    cast, make_complaint
):
    from datetime import date

    head = cast.client_for(cast.user("tarakan", Role.HEAD_OF_OFFICE))
    assert head.get("/staff/complaints/settings/").status_code == 200
    data = {
        "save_settings": "1",
        "verify_working_days": 5,
        "answer_days": 14,
        "complete_working_days": 60,
    }
    assert head.post("/staff/complaints/settings/", data).status_code == 302
    assert (
        head.post(
            "/staff/complaints/settings/", {"add_day": "1", "day": "2026-08-18", "name": "Cuti"}
        ).status_code
        == 302
    )
    complaint = make_complaint("tarakan", received_on=date(2026, 8, 14))
    # 5 working days, skipping 17 Aug (Independence Day), 18 Aug (day off), 25 Aug (Maulid).
    assert complaint.verify_due == date(2026, 8, 26)
    auditor = cast.client_for(cast.user("tarakan", Role.AUDITOR))
    assert auditor.get("/staff/complaints/settings/").status_code == 403
