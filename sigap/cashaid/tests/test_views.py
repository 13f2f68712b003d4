"""Seed 002 through the staff UI and the API: intake with the police letter, the warning,
the refused second help for one incident, payout with the kwitansi."""

from django.test import Client
from django.urls import reverse

from sigap.accounts.roles import Role
from sigap.accounts.services import api_token_create
from sigap.applications.models import Request, RequestStatus
from sigap.applications.tests import factories
from sigap.cashaid.models import CashAid
from sigap.cashaid.tests.conftest import intake_data

NIK = "3314012003900321"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def intake(client, standard, **overrides):
    response = client.post(
        reverse("applications:new_applicant", args=[standard.code]),
        {"applicant_kind": "person", "nik": NIK, "name": "Budi Santoso"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    req = Request.objects.filter(status=RequestStatus.DRAFT).latest("created_at")
    data = {**intake_data(**overrides), "police-letter": factories.pdf_file("polisi.pdf")}
    response = client.post(reverse("applications:intake", args=[req.code]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return req


def post_act(client, req, action, data=None):
    req.refresh_from_db()
    payload = {"version": req.version, **{f"act-{k}": v for k, v in (data or {}).items()}}
    return client.post(reverse("applications:act", args=[req.code, action]), payload)


def test_seed_002_whole_path_through_the_ui(kehabisan_bekal, sragen):
    fo = client_for(sragen[Role.FRONT_OFFICE])
    bo = client_for(sragen[Role.BACK_OFFICE])
    req = intake(fo, kehabisan_bekal)
    assert fo.post(reverse("applications:intake_confirm", args=[req.code])).status_code == 302
    assert post_act(fo, req, "receive").status_code == 302
    assert post_act(fo, req, "check", {"police-letter__status": "complete"}).status_code == 302
    page = bo.get(reverse("applications:detail", args=[req.code])).content.decode()
    assert "SKET/123/XI/2026/Polres Sragen" in page  # the extension's panel
    assert post_act(bo, req, "pay", {"amount_paid": "150000"}).status_code == 302
    assert post_act(bo, req, "hand_over", {"received_by": "Budi Santoso"}).status_code == 302
    req.refresh_from_db()
    assert req.status == RequestStatus.COMPLETED
    aid = CashAid.objects.get(request=req)
    page = bo.get(reverse("applications:detail", args=[req.code])).content.decode()
    assert aid.receipt.number in page


def test_the_second_help_for_one_incident_is_refused_at_the_counter(kehabisan_bekal, sragen):
    fo = client_for(sragen[Role.FRONT_OFFICE])
    first = intake(fo, kehabisan_bekal)
    fo.post(reverse("applications:intake_confirm", args=[first.code]))
    second = intake(fo, kehabisan_bekal)
    response = fo.post(reverse("applications:intake_confirm", args=[second.code]))
    assert response.status_code == 400
    assert first.code in response.content.decode()
    second.refresh_from_db()
    assert second.status == RequestStatus.DRAFT
    assert CashAid.objects.count() == 1


def test_a_different_incident_shows_the_warning_before_submitting(kehabisan_bekal, sragen):
    fo = client_for(sragen[Role.FRONT_OFFICE])
    first = intake(fo, kehabisan_bekal)
    fo.post(reverse("applications:intake_confirm", args=[first.code]))
    second = intake(fo, kehabisan_bekal, police_letter_number="SKET/200/XI/2026")
    page = fo.get(reverse("applications:intake_confirm", args=[second.code])).content.decode()
    assert first.code in page and "message-warning" in page
    assert fo.post(reverse("applications:intake_confirm", args=[second.code])).status_code == 302
    detail = fo.get(reverse("applications:detail", args=[second.code])).content.decode()
    assert first.code in detail


def test_seed_002_through_the_api_with_the_incident_rule(kehabisan_bekal, sragen):
    _token, raw = api_token_create(user=sragen[Role.FRONT_OFFICE], name="t")
    headers = {"Authorization": f"Bearer {raw}"}
    client = Client()

    def file_help(letter):
        created = client.post(
            "/api/v1/requests",
            {
                "service_code": kehabisan_bekal.code,
                "applicant": {"nik": NIK, "name": "Budi Santoso"},
            },
            content_type="application/json",
            headers=headers,
        ).json()
        client.post(
            f"/api/v1/requests/{created['code']}/uploads",
            {"requirement": "police-letter", "file": factories.pdf_file()},
            headers=headers,
        )
        return client.post(
            f"/api/v1/requests/{created['code']}/submit",
            {"extension_data": intake_data(police_letter_number=letter)},
            content_type="application/json",
            headers=headers,
        )

    assert file_help("SKET/1/2026").status_code == 200
    refused = file_help("SKET/1/2026")
    assert refused.status_code == 400
    assert "police_letter_number" in refused.json()["errors"]
    assert file_help("SKET/2/2026").status_code == 200
    assert CashAid.objects.filter(nik=NIK).count() == 2


def test_the_back_office_of_another_office_cannot_pay(kehabisan_bekal, sragen, cast):
    fo = client_for(sragen[Role.FRONT_OFFICE])
    req = intake(fo, kehabisan_bekal)
    fo.post(reverse("applications:intake_confirm", args=[req.code]))
    outsider = client_for(cast.user("tarakan", Role.BACK_OFFICE))
    assert post_act(outsider, req, "pay", {"amount_paid": "1"}).status_code == 404
    # The front office of Sragen may not pay either (role of the payout step: back office).
    post_act(fo, req, "receive")
    post_act(fo, req, "check", {"police-letter__status": "complete"})
    assert post_act(fo, req, "pay", {"amount_paid": "150000"}).status_code == 403


def test_the_nik_step_says_at_once_that_the_person_was_already_helped(kehabisan_bekal, sragen):
    fo = client_for(sragen[Role.FRONT_OFFICE])
    first = intake(fo, kehabisan_bekal)
    fo.post(reverse("applications:intake_confirm", args=[first.code]))
    page = fo.get(reverse("applications:new_applicant", args=[kehabisan_bekal.code]))
    lookup = page.content.decode()
    assert f"?service={kehabisan_bekal.code}" in lookup  # the NIK field asks with the service
    spaced = f"{NIK[:6]} {NIK[6:12]} {NIK[12:]}"
    answer = fo.get(
        reverse("applications:nik_lookup"), {"nik": spaced, "service": kehabisan_bekal.code}
    ).content.decode()
    assert first.code in answer and "SKET/123/XI/2026/Polres Sragen" in answer
    assert 'role="alert"' in answer
    # Without the service (another counter), nothing about cash help is said.
    plain = fo.get(reverse("applications:nik_lookup"), {"nik": NIK}).content.decode()
    assert first.code not in plain


def test_a_refused_case_gets_no_submit_button(kehabisan_bekal, sragen):
    fo = client_for(sragen[Role.FRONT_OFFICE])
    first = intake(fo, kehabisan_bekal)
    fo.post(reverse("applications:intake_confirm", args=[first.code]))
    second = intake(fo, kehabisan_bekal)
    page = fo.get(reverse("applications:intake_confirm", args=[second.code])).content.decode()
    assert "Ajukan" not in page and 'type="submit"' not in page.split("<main", 1)[-1]
    assert first.code in page
    # Another incident is a warning only: the button is there.
    third = intake(fo, kehabisan_bekal, police_letter_number="SKET/300/XI/2026")
    page = fo.get(reverse("applications:intake_confirm", args=[third.code])).content.decode()
    assert 'type="submit"' in page.split("<main", 1)[-1]


def test_nik_lookup_for_a_service_of_another_office_says_nothing_of_it(kehabisan_bekal, cast):
    other = client_for(cast.user("tarakan", Role.FRONT_OFFICE))
    answer = other.get(
        reverse("applications:nik_lookup"), {"nik": NIK, "service": kehabisan_bekal.code}
    )
    assert answer.status_code == 200 and "Rp" not in answer.content.decode()


def _draft(client, standard):
    response = client.post(
        reverse("applications:new_applicant", args=[standard.code]),
        {"applicant_kind": "person", "nik": NIK, "name": "Budi Santoso"},
    )
    assert response.status_code == 302
    return Request.objects.filter(status=RequestStatus.DRAFT).latest("created_at")


def test_the_police_letter_survives_a_form_error_and_can_be_removed(kehabisan_bekal, sragen):
    fo = client_for(sragen[Role.FRONT_OFFICE])
    req = _draft(fo, kehabisan_bekal)
    url = reverse("applications:intake", args=[req.code])
    bad = {**intake_data(amount="5"), "police-letter": factories.pdf_file("surat-polisi.pdf")}
    response = fo.post(url, bad)
    assert response.status_code == 400
    page = response.content.decode()
    assert "surat-polisi.pdf" in page  # shown as already uploaded
    assert req.uploads.count() == 1
    # The corrected form without the file goes through: the letter is kept on the draft.
    assert fo.post(url, intake_data()).status_code == 302
    assert req.uploads.count() == 1
    upload = req.uploads.get()
    remove = reverse("applications:intake_upload_remove", args=[req.code, upload.pk])
    assert fo.post(remove).status_code == 302
    assert not req.uploads.exists()
    # Without it the police letter is asked for again, as a required field.
    again = fo.post(url, intake_data())
    assert again.status_code == 400
    from sigap.applications.forms import MSG_UPLOAD_REQUIRED

    assert str(MSG_UPLOAD_REQUIRED) in again.content.decode()


def test_removing_a_file_is_only_for_a_draft_of_ones_office(kehabisan_bekal, sragen, cast):
    fo = client_for(sragen[Role.FRONT_OFFICE])
    req = intake(fo, kehabisan_bekal)
    upload = req.uploads.get()
    remove = reverse("applications:intake_upload_remove", args=[req.code, upload.pk])
    assert client_for(cast.user("tarakan", Role.FRONT_OFFICE)).post(remove).status_code == 404
    assert client_for(sragen[Role.BACK_OFFICE]).post(remove).status_code == 403
    assert Client().post(remove).status_code == 302  # to the login
    assert fo.get(remove).status_code == 405
    fo.post(reverse("applications:intake_confirm", args=[req.code]))
    assert fo.post(remove).status_code == 404  # sent: the file is the record now
    assert req.uploads.count() == 1


def test_the_requirements_page_labels_come_from_the_standard(kehabisan_bekal, sragen):
    fo = client_for(sragen[Role.FRONT_OFFICE])
    req = _draft(fo, kehabisan_bekal)
    from sigap.applications.extensions import extension_for
    from sigap.applications.forms import RequirementsForm

    form = RequirementsForm(request=req, uploads_required=True)
    assert form.fields["police-letter"].required  # the only requirement: not "(optional)"
    ext = extension_for(kehabisan_bekal).intake_form(standard=kehabisan_bekal)()
    assert ext.fields["next_office"].required  # shown required; typed stop is the alternative
    offices = list(ext.fields["next_office"].queryset)
    assert kehabisan_bekal.office not in offices
    # Naming the office itself as the next stop is refused.
    own = extension_for(kehabisan_bekal).intake_form(standard=kehabisan_bekal)(
        intake_data(next_office=kehabisan_bekal.office.code, next_office_text="")
    )
    assert not own.is_valid() and "next_office" in own.errors
