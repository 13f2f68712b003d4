import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sigap.accounts.roles import Role
from sigap.documents.models import AgendaEntry, AgendaSettings
from sigap.documents.services import agenda_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def tarakan_entry(cast):
    return agenda_register(
        office=cast.office("tarakan"), title="Surat Keterangan Meninggal", recipient="Bank"
    )


def test_front_office_sees_the_agenda_of_the_office(cast, tarakan_entry):
    client = cast.client_for(cast.user("tarakan", Role.FRONT_OFFICE))
    response = client.get(reverse("documents:agenda"))
    assert response.status_code == 200
    assert tarakan_entry.number in response.content.decode()


def test_other_office_does_not_see_the_entry(cast, tarakan_entry):
    client = cast.client_for(cast.user("sragen", Role.FRONT_OFFICE))
    page = client.get(reverse("documents:agenda")).content.decode()
    assert tarakan_entry.number not in page
    export = client.get(reverse("documents:agenda_export"))
    rows = list(load_workbook(io.BytesIO(export.content)).active.values)
    assert len(rows) == 1  # the header only


def test_wrong_role_and_anonymous_are_refused(cast, client, tarakan_entry):
    worker = cast.client_for(cast.user("tarakan", Role.SOCIAL_WORKER))
    assert worker.get(reverse("documents:agenda")).status_code == 403
    assert client.get(reverse("documents:agenda")).status_code == 302


def test_agenda_exports_to_excel(cast, tarakan_entry):
    client = cast.client_for(cast.user("tarakan", Role.HEAD_OF_OFFICE))
    response = client.get(reverse("documents:agenda_export"), {"year": tarakan_entry.year})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[1][1] == tarakan_entry.number
    assert rows[1][3] == "Surat Keterangan Meninggal"


def test_head_of_office_changes_the_numbering_format(cast):
    client = cast.client_for(cast.user("tarakan", Role.HEAD_OF_OFFICE))
    url = reverse("documents:agenda_settings")
    bad = client.post(url, {"number_format": "{oops}", "default_classification": "400"})
    assert bad.status_code == 400
    good = client.post(url, {"number_format": "{seq:04d}/{year}", "default_classification": "400"})
    assert good.status_code == 302
    office = cast.office("tarakan")
    assert AgendaSettings.objects.get(office=office).number_format == "{seq:04d}/{year}"
    entry = agenda_register(office=office, title="Surat", recipient="")
    assert entry.number == f"0001/{entry.year}"


def test_front_office_cannot_change_the_numbering_format(cast):
    client = cast.client_for(cast.user("tarakan", Role.FRONT_OFFICE))
    assert client.get(reverse("documents:agenda_settings")).status_code == 403


def test_staff_menu_offers_agenda_and_templates_to_head_of_office(cast):
    client = cast.client_for(cast.user("tarakan", Role.HEAD_OF_OFFICE))
    page = client.get(reverse("core:home")).content.decode()
    assert reverse("documents:agenda") in page
    assert reverse("documents:template_list") in page


def test_front_office_registers_a_letter_written_outside_sigap(cast):
    client = cast.client_for(cast.user("tarakan", Role.FRONT_OFFICE))
    url = reverse("documents:agenda")
    assert client.post(url, {"title": "", "recipient": ""}).status_code == 400
    response = client.post(url, {"title": "Undangan rapat", "recipient": "Camat Tarakan Barat"})
    assert response.status_code == 302
    entry = AgendaEntry.objects.get()
    assert entry.sequence == 1
    assert entry.document is None


def test_auditor_reads_the_agenda_but_cannot_register(cast, tarakan_entry):
    client = cast.client_for(cast.user("tarakan", Role.AUDITOR))
    url = reverse("documents:agenda")
    assert client.get(url).status_code == 200
    assert client.post(url, {"title": "x", "recipient": "y"}).status_code == 403
