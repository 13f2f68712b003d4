"""Seed 001 through the staff UI: intake at the counter to the handed-over letter; access rules."""

import pytest
from django.urls import reverse

from sigap.accounts.roles import Role
from sigap.applications.models import Request, RequestStatus
from sigap.applications.tests import factories
from sigap.core.models import AccessLog

NIK = "6571015205850123"


def post_act(client, req, action, data=None):
    req.refresh_from_db()
    payload = {"version": req.version}
    for key, value in (data or {}).items():
        payload[f"act-{key}"] = value
    return client.post(reverse("applications:act", args=[req.code, action]), payload)


def check_payload(req, status="complete", overrides=None):
    from sigap.applications.workflow import applicable_requirements

    data = {}
    for r in applicable_requirements(req):
        data[f"{r.code}__status"] = (overrides or {}).get(r.code, status)
        data[f"{r.code}__note"] = ""
    return data


def intake_at_counter(client, standard, product="kks-new"):
    url = reverse("applications:new_applicant", args=[standard.code])
    response = client.post(
        url,
        {
            "product_code": product,
            "applicant_kind": "person",
            "nik": NIK,
            "name": "Siti Aminah",
            "address": "Jl. Mulawarman 5, Tarakan",
            "contact_phone": "081234567890",
            "contact_email": "siti@example.org",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    req = Request.objects.get(applicant_person__nik=NIK, status=RequestStatus.DRAFT)
    files = factories.files_for(standard, product)
    response = client.post(reverse("applications:intake", args=[req.code]), files)
    assert response.status_code == 302
    response = client.post(reverse("applications:intake_confirm", args=[req.code]))
    assert response.status_code == 302
    req.refresh_from_db()
    return req


def test_seed_001_whole_path_through_the_ui(sembako, tarakan):
    from sigap.documents.selectors import documents_for_subject

    clients = {role: _client(user) for role, user in tarakan.items()}
    fo = clients[Role.FRONT_OFFICE]
    req = intake_at_counter(fo, sembako)
    assert req.status == RequestStatus.SUBMITTED
    assert documents_for_subject(req).filter(template_code="request-receipt").exists()
    assert post_act(fo, req, "receive").status_code == 302
    # Incomplete: returned with what is missing.
    response = post_act(fo, req, "check", check_payload(req, overrides={"savings-book": "missing"}))
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == RequestStatus.RETURNED and req.missing == ["savings-book"]
    track = _client(None).get(reverse("applications:track", args=[req.code]))
    assert "Fotocopy Buku Tabungan" in track.content.decode()
    req.refresh_from_db()
    response = fo.post(reverse("applications:resubmit", args=[req.code]), {"version": req.version})
    assert response.status_code == 302
    assert post_act(fo, req, "check", check_payload(req)).status_code == 302
    analysis = {
        "aid_type": "Sembako",
        "problem": "KKS baru",
        "analysis": "KPM baru belum punya KKS",
        "solution": "Terbitkan KKS",
        "kks_number": "6013011234567890",
        "siks_ng_updated": "on",
        "kpm_educated": "on",
    }
    assert post_act(clients[Role.BACK_OFFICE], req, "analyse", analysis).status_code == 302
    assert post_act(clients[Role.SECTION_HEAD], req, "initial").status_code == 302
    # The front office cannot sign.
    assert post_act(fo, req, "sign").status_code == 403
    assert post_act(clients[Role.HEAD_OF_OFFICE], req, "sign").status_code == 302
    assert post_act(fo, req, "register").status_code == 302
    assert post_act(fo, req, "hand_over", {"received_by": "Siti Aminah"}).status_code == 302
    req.refresh_from_db()
    assert req.status == RequestStatus.COMPLETED
    # The applicant heard of every status change (submitted, in progress, returned, ...).
    from sigap.notifications.models import Notification

    sent = Notification.objects.filter(related_id=str(req.pk), channel="email")
    assert sent.count() == 6  # submitted, in progress, returned, submitted, in progress, completed
    assert all(req.code in n.subject for n in sent)
    letter = documents_for_subject(req).get(template_code="sk-kks-new")
    assert letter.number
    page = fo.get(reverse("applications:detail", args=[req.code])).content.decode()
    assert letter.number in page
    assert reverse("documents:download", args=[letter.pk]) in page
    verify = _client(None).get(reverse("documents:verify", args=[letter.token]))
    assert verify.status_code == 200 and letter.number in verify.content.decode()


def _client(user):
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_an_out_of_order_action_is_a_409_with_the_reason(sembako, tarakan):
    req = intake_at_counter(_client(tarakan[Role.FRONT_OFFICE]), sembako)
    response = post_act(_client(tarakan[Role.HEAD_OF_OFFICE]), req, "sign")
    assert response.status_code == 409


def test_another_office_gets_404_on_every_request_url(sembako, tarakan, cast):
    req = intake_at_counter(_client(tarakan[Role.FRONT_OFFICE]), sembako)
    upload = req.uploads.first()
    outsider = _client(cast.user("sragen", Role.FRONT_OFFICE))
    for name, args in [
        ("applications:detail", [req.code]),
        ("applications:upload", [req.code, upload.pk]),
        ("applications:receipt", [req.code]),
        ("applications:intake", [req.code]),
    ]:
        assert outsider.get(reverse(name, args=args)).status_code == 404, name
    for name in ("act", "assign", "resubmit", "cancel", "upload_add"):
        args = [req.code, "receive"] if name == "act" else [req.code]
        response = outsider.post(reverse(f"applications:{name}", args=args), {"version": 1})
        assert response.status_code == 404, name


def test_anonymous_is_sent_to_login(sembako, tarakan):
    req = intake_at_counter(_client(tarakan[Role.FRONT_OFFICE]), sembako)
    anonymous = _client(None)
    for url in (
        reverse("applications:queue"),
        reverse("applications:list"),
        reverse("applications:new"),
        reverse("applications:detail", args=[req.code]),
        reverse("applications:upload", args=[req.code, req.uploads.first().pk]),
    ):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/login" in response.url, url


def test_the_upload_is_served_only_through_the_checked_view(sembako, tarakan):
    req = intake_at_counter(_client(tarakan[Role.FRONT_OFFICE]), sembako)
    upload = req.uploads.first()
    response = _client(tarakan[Role.BACK_OFFICE]).get(
        reverse("applications:upload", args=[req.code, upload.pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "requests/" in upload.file.name and NIK not in upload.file.name


def test_the_nik_is_masked_until_shown_and_showing_it_is_logged(sembako, tarakan):
    req = intake_at_counter(_client(tarakan[Role.FRONT_OFFICE]), sembako)
    client = _client(tarakan[Role.BACK_OFFICE])
    page = client.get(reverse("applications:detail", args=[req.code])).content.decode()
    assert NIK not in page
    page = client.get(reverse("applications:detail", args=[req.code]) + "?nik=show")
    assert NIK in page.content.decode()
    assert AccessLog.objects.filter(user=tarakan[Role.BACK_OFFICE]).exists()


def test_a_text_file_named_pdf_is_refused(sembako, tarakan):
    client = _client(tarakan[Role.FRONT_OFFICE])
    client.post(
        reverse("applications:new_applicant", args=[sembako.code]),
        {"product_code": "kks-new", "applicant_kind": "person", "nik": NIK, "name": "Siti"},
    )
    req = Request.objects.get(status=RequestStatus.DRAFT)
    response = client.post(
        reverse("applications:intake", args=[req.code]), {"kk-ktp": factories.fake_pdf()}
    )
    assert response.status_code == 400
    assert not req.uploads.exists()


def test_the_queue_shows_waiting_steps_of_my_roles_only(sembako, tarakan):
    req = intake_at_counter(_client(tarakan[Role.FRONT_OFFICE]), sembako)
    fo_queue = _client(tarakan[Role.FRONT_OFFICE]).get(reverse("applications:queue"))
    assert req.code in fo_queue.content.decode()
    head_queue = _client(tarakan[Role.HEAD_OF_OFFICE]).get(reverse("applications:queue"))
    assert req.code not in head_queue.content.decode()


def test_claiming_takes_the_step_and_hides_it_from_colleagues(sembako, tarakan, cast):
    req = intake_at_counter(_client(tarakan[Role.FRONT_OFFICE]), sembako)
    colleague = cast.user("tarakan", Role.FRONT_OFFICE, suffix="-2")
    response = _client(tarakan[Role.FRONT_OFFICE]).post(
        reverse("applications:assign", args=[req.code]), {"version": req.version}
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.assigned_to == tarakan[Role.FRONT_OFFICE]
    page = _client(colleague).get(reverse("applications:queue")).content.decode()
    assert req.code not in page
    assert post_act(_client(colleague), req, "receive").status_code == 409


@pytest.mark.parametrize("role", [Role.BACK_OFFICE, Role.HEAD_OF_OFFICE])
def test_only_the_counter_opens_new_requests(sembako, cast, role):
    client = _client(cast.user("tarakan", role))
    assert client.get(reverse("applications:new")).status_code == 403


def test_the_nik_lookup_tells_the_counter_and_is_logged(sembako, tarakan, cast):
    from sigap.registry.models import Person

    Person.objects.create(nik=NIK, name="Siti Aminah")
    client = _client(tarakan[Role.FRONT_OFFICE])
    response = client.get(reverse("applications:nik_lookup"), {"nik": NIK})
    assert "Siti Aminah" in response.content.decode()
    assert AccessLog.objects.filter(user=tarakan[Role.FRONT_OFFICE], action="search").exists()
    bad = client.get(reverse("applications:nik_lookup"), {"nik": "123"}).content.decode()
    assert "errorlist" in bad
    head = _client(cast.user("tarakan", Role.HEAD_OF_OFFICE))
    assert head.get(reverse("applications:nik_lookup"), {"nik": NIK}).status_code == 403


def test_action_buttons_say_what_they_do_and_the_history_reads_once(sembako, tarakan):
    """ "Paraf", "Tandatangani", not "Catat: ..."; no "Diajukan (Diajukan)"; who finished it."""
    clients = {role: _client(user) for role, user in tarakan.items()}
    fo = clients[Role.FRONT_OFFICE]
    req = intake_at_counter(fo, sembako)
    page = fo.get(reverse("applications:detail", args=[req.code])).content.decode()
    assert "Catat: " not in page
    assert "Diajukan (Diajukan)" not in page
    assert "Belum diambil petugas" in page or "Ditangani oleh" in page
    assert post_act(fo, req, "receive").status_code == 302
    assert post_act(fo, req, "check", check_payload(req)).status_code == 302
    analysis = {
        "aid_type": "Sembako",
        "problem": "KKS baru",
        "analysis": "KPM baru belum punya KKS",
        "solution": "Terbitkan KKS",
        "kks_number": "6013011234567890",
        "siks_ng_updated": "on",
        "kpm_educated": "on",
    }
    assert post_act(clients[Role.BACK_OFFICE], req, "analyse", analysis).status_code == 302
    detail = reverse("applications:detail", args=[req.code])
    page = clients[Role.SECTION_HEAD].get(detail).content.decode()
    assert '<button type="submit">Paraf</button>' in page
    assert post_act(clients[Role.SECTION_HEAD], req, "initial").status_code == 302
    page = clients[Role.HEAD_OF_OFFICE].get(detail).content.decode()
    assert '<button type="submit">Tandatangani</button>' in page
    assert post_act(clients[Role.HEAD_OF_OFFICE], req, "sign").status_code == 302
    assert post_act(fo, req, "register").status_code == 302
    assert post_act(fo, req, "hand_over", {"received_by": "Siti Aminah"}).status_code == 302
    page = fo.get(detail).content.decode()
    assert "Diselesaikan oleh" in page and tarakan[Role.FRONT_OFFICE].display_name in page
    assert "WITA" in page  # Tarakan's times carry their zone
