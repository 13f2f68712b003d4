"""Who may search the registry, open a person, and import: pages and API."""

import datetime

import pytest
from django.urls import reverse

from sigap.accounts.roles import Role
from sigap.core.models import AccessLog
from sigap.registry.models import ImportBatch, Person, ProgrammeMembership


@pytest.fixture
def siti(cast) -> Person:
    person = Person.objects.create(
        nik="3314014501800001", name="SITI AMINAH", village_code="33.14.01.2001"
    )
    ProgrammeMembership.objects.create(
        person=person, office=cast.office("sragen"), programme="BPNT", year=2026
    )
    return person


def test_front_office_finds_a_person_by_name_and_sees_the_full_nik(cast, siti):
    client = cast.client_for(cast.user("sragen", Role.FRONT_OFFICE))
    response = client.get(reverse("registry:search"), {"q": "SITI"})
    assert response.status_code == 200
    assert "3314014501800001" in response.content.decode()


def test_customer_service_sees_the_nik_masked(cast, siti):
    client = cast.client_for(cast.user("sragen", Role.CUSTOMER_SERVICE))
    response = client.get(reverse("registry:search"), {"q": "SITI"}, headers={"HX-Request": "1"})
    content = response.content.decode()
    assert "SITI AMINAH" in content
    assert "3314014501800001" not in content
    assert "3314********0001" in content


def test_search_by_kk_number_finds_the_family_members(cast, siti):
    from sigap.registry.models import Family

    siti.family = Family.objects.create(kk_number="3314010101100001")
    siti.save()
    client = cast.client_for(cast.user("sragen", Role.FRONT_OFFICE))
    content = client.get(reverse("registry:search"), {"q": "3314010101100001"}).content.decode()
    assert "SITI AMINAH" in content


def test_opening_a_person_is_logged(cast, siti):
    user = cast.user("sragen", Role.VERIFIER)
    response = cast.client_for(user).get(reverse("registry:person", args=[siti.pk]))
    assert response.status_code == 200
    assert "BPNT" in response.content.decode()
    assert AccessLog.objects.filter(user=user, object_id=str(siti.pk)).exists()


def test_wrong_role_cannot_open_the_registry(cast, siti):
    client = cast.client_for(cast.user("sragen", Role.WAREHOUSE_OFFICER))
    assert client.get(reverse("registry:search")).status_code == 403
    assert client.get(reverse("registry:person", args=[siti.pk])).status_code == 403


def test_another_office_gets_404_for_a_person_outside_its_lists_and_area(cast, siti):
    client = cast.client_for(cast.user("tarakan", Role.FRONT_OFFICE))
    assert client.get(reverse("registry:person", args=[siti.pk])).status_code == 404
    content = client.get(reverse("registry:search"), {"q": "SITI"}).content.decode()
    assert "SITI AMINAH" not in content


def test_anonymous_is_sent_to_login(client, siti):
    response = client.get(reverse("registry:person", args=[siti.pk]))
    assert response.status_code == 302


def test_api_search_and_detail_follow_the_same_rules(cast, siti):
    back = cast.client_for(cast.user("sragen", Role.BACK_OFFICE))
    found = back.get("/api/v1/registry/persons", {"q": "SITI"}).json()
    assert [p["nik"] for p in found] == ["3314014501800001"]
    detail = back.get(f"/api/v1/registry/persons/{siti.pk}").json()
    assert detail["memberships"][0]["programme"] == "BPNT"
    masked = cast.client_for(cast.user("sragen", Role.AUDITOR))
    assert masked.get(f"/api/v1/registry/persons/{siti.pk}").json()["nik"] == "3314********0001"
    other = cast.client_for(cast.user("tarakan", Role.BACK_OFFICE))
    assert other.get(f"/api/v1/registry/persons/{siti.pk}").status_code == 404
    wrong = cast.client_for(cast.user("sragen", Role.TREASURER))
    assert wrong.get("/api/v1/registry/persons", {"q": "SITI"}).status_code == 403


def test_api_anonymous_is_refused(client, siti):
    assert client.get("/api/v1/registry/persons", {"q": "SITI"}).status_code == 401


def test_back_office_uploads_a_list_and_watches_progress(cast, villages, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sigap.registry.importing.synthetic import sp2d_frame

    user = cast.user("sragen", Role.BACK_OFFICE)
    client = cast.client_for(user)
    upload = SimpleUploadedFile(
        "sp2d.csv", sp2d_frame(5, villages=villages).write_csv().encode(), "text/csv"
    )
    response = client.post(
        reverse("registry:imports"), {"file": upload, "programme": "BPNT", "year": "2026"}
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("registry:import_detail", args=[batch.pk]))
    assert "NAMA_PENERIMA" in page.content.decode()
    client.post(
        reverse("registry:import_detail", args=[batch.pk]),
        {
            f"map-{i}": f
            for i, f in enumerate(
                [
                    "",
                    "",
                    "nik",
                    "kk_number",
                    "name",
                    "address",
                    "village_code",
                    "kks_number",
                    "bank",
                    "period",
                    "amount",
                ]
            )
        },
    )
    batch.refresh_from_db()
    assert batch.status == "committed", batch.error
    progress = client.get(reverse("registry:import_progress", args=[batch.pk]))
    assert progress.status_code == 200
    other = cast.client_for(cast.user("tarakan", Role.BACK_OFFICE))
    assert other.get(reverse("registry:import_detail", args=[batch.pk])).status_code == 404
    wrong = cast.client_for(cast.user("sragen", Role.CUSTOMER_SERVICE))
    assert wrong.get(reverse("registry:imports")).status_code == 403


def test_the_person_page_shows_the_bpnt_conditions_and_links_the_bpnt_page(cast, siti):
    from sigap.registry.models import Family

    siti.family = Family.objects.create(kk_number="3314010101100001")
    siti.save()
    membership = siti.memberships.get()
    membership.dtks_listed = True
    membership.year = datetime.date.today().year
    membership.save()
    client = cast.client_for(cast.user("sragen", Role.VERIFIER))
    content = client.get(reverse("registry:person", args=[siti.pk])).content.decode()
    section = content.split('id="bpnt-eligibility"')[1].split("</section>")[0]
    # KTP of Sragen, KK and DTKS met; not in the SP2D data.
    assert (
        section.count('<li><span class="badge badge-ok'),
        section.count('<li><span class="badge badge-bad'),
    ) == (3, 1)
    assert reverse("bpnt:person", args=[siti.pk]) in content
    # A registry role outside BPNT sees the conditions but no link to the BPNT pages.
    front = cast.client_for(cast.user("sragen", Role.FRONT_OFFICE))
    content = front.get(reverse("registry:person", args=[siti.pk])).content.decode()
    assert 'id="bpnt-eligibility"' in content
    assert reverse("bpnt:person", args=[siti.pk]) not in content


def test_the_person_page_lists_the_requests_about_the_person(cast, siti, catalogue):
    from sigap.applications.services import request_create
    from sigap.standards.selectors import standard_in_force

    tarakan_person = Person.objects.create(
        nik="6571015205850011", name="SITI TARAKAN", village_code="65.71.01.1001"
    )
    request = request_create(
        standard=standard_in_force(code="tarakan-sembako"),
        product_code="kks-new",
        person=tarakan_person,
        user=cast.user("tarakan", Role.FRONT_OFFICE),
        require_uploads=False,
    )
    client = cast.client_for(cast.user("tarakan", Role.FRONT_OFFICE))
    content = client.get(reverse("registry:person", args=[tarakan_person.pk])).content.decode()
    assert request.code in content
    detail = client.get(f"/api/v1/registry/persons/{tarakan_person.pk}").json()
    assert [r["code"] for r in detail["requests"]] == [request.code]


def test_an_auditor_opening_a_person_is_logged_and_sees_nik_and_kk_masked(cast, siti):
    from sigap.registry.models import Family

    siti.family = Family.objects.create(kk_number="3314010101100001")
    siti.save()
    user = cast.user("sragen", Role.AUDITOR)
    content = cast.client_for(user).get(reverse("registry:person", args=[siti.pk]))
    text = content.content.decode()
    assert "3314014501800001" not in text
    assert "3314010101100001" not in text
    assert "3314********0001" in text
    assert AccessLog.objects.filter(user=user, object_id=str(siti.pk)).exists()
