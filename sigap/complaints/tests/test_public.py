import pytest

from sigap.complaints import abuse
from sigap.complaints.models import Complaint, Status
from sigap.complaints.services import complaint_complete, complaint_verify
from sigap.complaints.tests.conftest import started_seconds_ago

XSS = "<script>alert('x')</script>"


def _form(office, **overrides):
    data = {
        "office": office.pk,
        "subject": "Pelayanan lambat",
        "body": "Saya menunggu lama sekali.",
        "name": "Rina",
        "phone": "081200000001",
        "homepage": "",
        "started": started_seconds_ago(30),
    }
    data.update(overrides)
    return data


def test_a_citizen_complains_without_login_and_gets_a_tracking_code(client, cast):
    response = client.post("/complaints/new/", _form(cast.office("sragen")))
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.channel == "website" and complaint.office.code == "sragen"
    page = client.get(response["Location"]).content.decode()
    assert complaint.code in page and "?k=" in page
    assert client.get(f"/complaints/{complaint.code}").status_code == 200


def test_the_form_page_offers_anonymity_and_confidentiality(client, cast):
    cast.office("sragen")
    page = client.get("/complaints/new/").content.decode()
    assert 'name="anonymous"' in page and 'name="confidential"' in page
    assert 'name="homepage"' in page and "hidden" in page


def test_honeypot_filled_is_refused_and_nothing_stored(client, cast):
    response = client.post("/complaints/new/", _form(cast.office("sragen"), homepage="http://spam"))
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_a_form_sent_too_fast_or_with_a_forged_timestamp_is_refused(client, cast):
    office = cast.office("sragen")
    assert (
        client.post("/complaints/new/", _form(office, started=started_seconds_ago(0))).status_code
        == 400
    )
    assert client.post("/complaints/new/", _form(office, started="1700000000")).status_code == 400
    assert not Complaint.objects.exists()


def test_rate_limit_per_ip(client, cast):
    office = cast.office("sragen")
    for _ in range(abuse.RATE_LIMIT):
        assert client.post("/complaints/new/", _form(office)).status_code == 302
    assert client.post("/complaints/new/", _form(office)).status_code == 429
    other_ip = client.post("/complaints/new/", _form(office), REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 302


def test_oversized_text_is_refused(client, cast):
    office = cast.office("sragen")
    assert client.post("/complaints/new/", _form(office, body="x" * 5001)).status_code == 400
    huge = client.post("/complaints/new/", _form(office, body="x" * 70_000))
    assert huge.status_code == 413
    assert not Complaint.objects.exists()


def test_a_named_complaint_needs_a_way_to_answer(client, cast):
    response = client.post("/complaints/new/", _form(cast.office("sragen"), phone=""))
    assert response.status_code == 400 and not Complaint.objects.exists()


def test_script_payload_is_escaped_on_tracking_and_staff_pages(client, cast, officer):
    office = cast.office("sragen")
    client.post("/complaints/new/", _form(office, subject=XSS, body=XSS, name=XSS))
    complaint = Complaint.objects.get()
    by = officer("sragen")
    complaint_verify(complaint=complaint, by=by)
    complaint_complete(complaint=complaint, by=by, summary=XSS)
    for page in (
        client.get(f"/complaints/{complaint.code}"),
        cast.client_for(by).get(f"/staff/complaints/{complaint.code}/"),
        cast.client_for(by).get("/staff/complaints/"),
    ):
        html = page.content.decode()
        assert XSS not in html
        assert "&lt;script&gt;" in html


def test_complainant_rates_with_the_secret_link_only(client, make_complaint, officer):
    complaint = make_complaint("sragen")
    complaint_verify(complaint=complaint, by=officer("sragen"))
    complaint_complete(complaint=complaint, by=officer("sragen"), summary="Selesai")
    page = client.get(f"/complaints/{complaint.code}?k={complaint.secret}").content.decode()
    assert 'name="rating"' in page
    bad = client.post(f"/complaints/{complaint.code}/rate", {"rating": 5, "k": "guess"})
    assert bad.status_code == 400
    good = client.post(f"/complaints/{complaint.code}/rate", {"rating": 5, "k": complaint.secret})
    assert good.status_code == 302
    complaint.refresh_from_db()
    assert complaint.rating == 5 and complaint.status == Status.COMPLETED


def test_unknown_tracking_code_is_404(client, db):
    assert client.get("/complaints/ADU-NOPE").status_code == 404
    assert client.get("/api/v1/complaints/ADU-NOPE").status_code == 404


@pytest.fixture
def _notifications_captured(monkeypatch):
    import sigap.notifications.services as notifications

    sent = []
    monkeypatch.setattr(notifications, "notification_send", lambda **kw: sent.append(kw))
    return sent


def test_complainant_is_notified_of_each_response(_notifications_captured, make_complaint, officer):
    from sigap.complaints.services import complaint_respond

    complaint = make_complaint("sragen")
    complaint_verify(complaint=complaint, by=officer("sragen"))
    complaint_respond(complaint=complaint, by=officer("sragen"), text="Sedang kami proses")
    complaint_respond(complaint=complaint, by=officer("sragen"), text="catatan", kind="note")
    bodies = [n["body"] for n in _notifications_captured]
    assert any("Sedang kami proses" in b for b in bodies)
    assert not any("catatan" in b for b in bodies)
    assert all(n["phone"] == "081234567890" for n in _notifications_captured)


def test_a_wrong_secret_shows_no_rating_form_and_the_completion_notice_carries_the_right_one(
    client, make_complaint, officer, monkeypatch
):
    import sigap.notifications.services as notifications

    sent = []
    monkeypatch.setattr(notifications, "notification_send", lambda **kw: sent.append(kw))
    complaint = make_complaint("sragen")
    complaint_verify(complaint=complaint, by=officer("sragen"))
    complaint_complete(complaint=complaint, by=officer("sragen"), summary="Selesai")
    page = client.get(f"/complaints/{complaint.code}?k=guess").content.decode()
    assert 'name="rating"' not in page
    assert f"?k={complaint.secret}" in sent[-1]["body"]


def test_the_outbox_gets_a_message_for_the_complainant_and_none_for_anonymous(make_complaint):
    from sigap.notifications.models import Notification

    complaint = make_complaint("sragen", email="siti@example.id")
    rows = Notification.objects.filter(idempotency_key__startswith=f"complaint-{complaint.code}")
    assert {row.channel for row in rows} >= {"email"}
    assert complaint.code in rows.first().subject
    anonymous = make_complaint("sragen", anonymous=True)
    assert not Notification.objects.filter(idempotency_key__contains=anonymous.code).exists()


def test_opened_from_a_services_page_the_form_has_its_office_and_service_chosen(client, cast):
    from sigap.standards.services import standard_load_catalogue

    standard_load_catalogue()
    page = client.get("/complaints/new/?service=tarakan-sembako").content.decode()
    office = cast.office("tarakan")
    assert f'<option value="{office.pk}" selected>' in page
    assert '<option value="tarakan-sembako" selected>' in page
    assert "Fasilitas Program Sembako" in page  # the service by its name, not its code
    page = client.get("/complaints/new/?office=tarakan").content.decode()
    assert f'<option value="{office.pk}" selected>' in page


def test_the_error_summary_names_each_field_and_links_to_it(client, cast):
    office = cast.office("sragen")
    response = client.post("/complaints/new/", _form(office, subject="", body=""))
    page = response.content.decode()
    assert response.status_code == 400 and not Complaint.objects.exists()
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert '<a href="#id_subject">Perihal: ' in summary
    assert '<a href="#id_body">Apa yang terjadi?: ' in summary
    assert "Pilih salah satu" in page and "Select an option" not in page
