"""The export holds the subject's data from every app and nothing about anyone else."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from sigap.accounts.roles import Role
from sigap.core.models import AccessLog
from sigap.privacy import services
from sigap.privacy.discovery import privacy_modules
from sigap.privacy.models import SubjectRequest, SubjectRequestStatus
from sigap.privacy.tests import factories
from sigap.privacy.tests.conftest import basis

APPS_WITH_DATA = {
    "registry",
    "applications",
    "cashaid",
    "logistics",
    "bpnt",
    "complaints",
    "surveys",
    "notifications",
}


def _export(client, **identity) -> tuple[dict, bytes]:
    response = client.post(reverse("privacy:new"), {**basis(), **identity})
    assert response.status_code == 302, response.content.decode()[:2000]
    pk = SubjectRequest.objects.latest("pk").pk
    response = client.post(reverse("privacy:download", args=[pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return json.loads(archive.read("data.json")), archive.read("data.pdf")


def _text(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False)


def test_every_app_with_personal_data_has_a_privacy_module():
    apps = {m.__name__.split(".")[1] for m in privacy_modules()}
    assert APPS_WITH_DATA | {"childcare"} <= apps


def test_export_holds_the_persons_data_from_every_app(cast, sragen_head, alfa, bravo):
    payload, pdf = _export(cast.client_for(sragen_head), nik=alfa.person.nik)
    text = _text(payload)
    for mark in alfa.marks:
        assert mark in text, mark
    with_items = {s["app"] for s in payload["sections"] if s["items"]}
    assert with_items >= APPS_WITH_DATA
    assert pdf.startswith(b"%PDF")


def test_export_holds_nothing_of_another_person(cast, sragen_head, alfa, bravo):
    payload, _ = _export(cast.client_for(sragen_head), nik=alfa.person.nik)
    text = _text(payload)
    leaked = [mark for mark in bravo.marks if mark in text]
    assert not leaked
    assert bravo.person.phone not in text and "bravo@example.id" not in text


def test_export_leaves_out_the_other_members_of_the_family_card(cast, sragen_head, alfa):
    from sigap.registry.models import Person

    Person.objects.create(nik="3314014101100003", name="Anak Aminah", family=alfa.person.family)
    payload, _ = _export(cast.client_for(sragen_head), nik=alfa.person.nik)
    assert "Anak Aminah" not in _text(payload)


def test_another_offices_records_are_left_out(cast, sragen_head, alfa):
    from sigap.registry.models import ProgrammeMembership

    tarakan = cast.office("tarakan")
    elsewhere = factories.footprint(
        tarakan, tag="TANGO", nik="6571015205850009", name="Siti Aminah", phone="081234567890"
    )
    # Alfa at another office: a request, a programme list, a complaint with her name and phone.
    type(alfa.request).objects.filter(pk=elsewhere.request.pk).update(applicant_person=alfa.person)
    ProgrammeMembership.objects.create(
        person=alfa.person, office=tarakan, programme="PKH", year=2026, kks_number="KKSTARAKAN"
    )
    payload, _ = _export(cast.client_for(sragen_head), nik=alfa.person.nik)
    text = _text(payload)
    assert alfa.request.code in text
    for mark in (elsewhere.request.code, "KKSTARAKAN", "ADU-TANGO", "SKET/TANGO/2026"):
        assert mark not in text, mark


def test_anonymous_complaints_are_never_linked_even_by_their_code(cast, sragen_head, alfa):
    factories.anonymous_complaint(cast.office("sragen"), code="ADU-ANON", body="Rahasia anonim")
    payload, _ = _export(cast.client_for(sragen_head), nik=alfa.person.nik, codes="ADU-ANON")
    text = _text(payload)
    assert "ADU-ANON" not in text and "Rahasia anonim" not in text
    assert "ADU-ALFA" in text


def test_a_namesake_with_another_phone_does_not_get_the_complaint(cast, sragen_head, alfa):
    factories.namesake_complaint(
        cast.office("sragen"),
        code="ADU-NAMA",
        name="Siti Aminah",
        phone="085700001111",
        body="Pengaduan orang lain",
    )
    payload, _ = _export(cast.client_for(sragen_head), nik=alfa.person.nik)
    assert "ADU-NAMA" not in _text(payload)


def test_a_tracking_code_finds_a_person_without_nik(cast, sragen_head, alfa, bravo):
    from sigap.registry.models import Person

    Person.objects.filter(pk=alfa.person.pk).update(nik=None)
    payload, _ = _export(cast.client_for(sragen_head), codes=alfa.request.code)
    text = _text(payload)
    assert "SKET/ALFA/2026" in text and "Saldo nol ALFA" in text
    assert not [mark for mark in bravo.marks if mark in text]


def test_the_export_is_logged_record_by_record(cast, sragen_head, alfa, bravo):
    _export(cast.client_for(sragen_head), nik=alfa.person.nik)
    sr = SubjectRequest.objects.get()
    entries = AccessLog.objects.filter(user=sragen_head, action="export")
    assert entries.filter(object_type="privacy.subjectrequest", object_id=str(sr.pk)).exists()
    assert entries.filter(object_type="registry.person", object_id=str(alfa.person.pk)).exists()
    assert entries.filter(
        object_type="applications.request", object_id=str(alfa.request.pk)
    ).exists()
    assert not entries.filter(object_type="registry.person", object_id=str(bravo.person.pk))


def test_the_export_downloads_once_and_then_forgets_the_nik(cast, sragen_head, alfa):
    client = cast.client_for(sragen_head)
    _export(client, nik=alfa.person.nik)
    sr = SubjectRequest.objects.get()
    assert sr.status == SubjectRequestStatus.DOWNLOADED
    assert sr.nik == "" and sr.codes == []
    assert sr.nik_masked == "3314********0001"
    assert sr.summary["applications.requests"] == 1
    again = client.post(reverse("privacy:download", args=[sr.pk]))
    assert again.status_code == 302
    assert AccessLog.objects.filter(object_type="privacy.subjectrequest").count() == 1


def test_an_export_not_downloaded_in_time_expires(cast, sragen_head, alfa):
    from django.utils import timezone

    client = cast.client_for(sragen_head)
    client.post(reverse("privacy:new"), {**basis(), "nik": alfa.person.nik})
    SubjectRequest.objects.update(expires_at=timezone.now())
    sr = SubjectRequest.objects.get()
    response = client.post(reverse("privacy:download", args=[sr.pk]))
    assert response.status_code == 302
    sr.refresh_from_db()
    assert sr.status == SubjectRequestStatus.EXPIRED and sr.nik == ""


def test_only_the_officer_who_recorded_it_may_download(cast, sragen_head, alfa):
    cast.client_for(sragen_head).post(reverse("privacy:new"), {**basis(), "nik": alfa.person.nik})
    sr = SubjectRequest.objects.get()
    administrator = cast.user("sragen", Role.ADMINISTRATOR)
    response = cast.client_for(administrator).post(reverse("privacy:download", args=[sr.pk]))
    assert response.status_code == 403
    sr.refresh_from_db()
    assert sr.status == SubjectRequestStatus.READY


def test_a_request_needs_a_verified_identity(cast, sragen_head, alfa):
    response = cast.client_for(sragen_head).post(
        reverse("privacy:new"), {**basis(identity_verified=""), "nik": alfa.person.nik}
    )
    assert response.status_code == 200
    assert not SubjectRequest.objects.exists()


def test_a_request_needs_a_nik_or_a_code(sragen_head, db):
    with pytest.raises(services.ValidationError) as exc:
        services.subject_request_record(
            user=sragen_head, nik="", codes="", **{**basis(), "letter_date": "2026-11-23"}
        )
    assert services.NO_IDENTIFIER in exc.value.message_dict["nik"]
