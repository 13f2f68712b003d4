import io
import re

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from sigap.accounts.roles import Role
from sigap.bpnt.models import CamatNotice, StageBeneficiary
from sigap.bpnt.services import (
    STAGE_EXISTS,
    stage_create,
    stage_deliveries_record,
    stage_notices_draft,
)
from sigap.bpnt.tests.conftest import YEAR, make_kpm


@pytest.fixture
def listed(sragen):
    make_kpm(sragen, "3314010101800011", "33.14.01.2001")
    make_kpm(sragen, "3314010101800012", "33.14.01.2001")
    make_kpm(sragen, "3314010101800013", "33.14.01.2002")
    make_kpm(sragen, "3314020101800014", "33.14.02.2001")
    make_kpm(sragen, "3314020101800015", "33.14.02.2001", sp2d=False)


def test_a_stage_lists_the_sp2d_beneficiaries_and_is_created_once(sragen, listed):
    stage = stage_create(office=sragen, year=YEAR, number=1, period="Januari-Maret")
    assert stage.beneficiaries.count() == 4
    with pytest.raises(ValidationError) as exc:
        stage_create(office=sragen, year=YEAR, number=1)
    assert STAGE_EXISTS in exc.value.message_dict["number"]


def test_each_camat_gets_one_letter_with_the_counts_per_village(cast, sragen, listed, companion):
    from sigap.bpnt.tests.conftest import sign_drafts
    from sigap.documents.selectors import documents_for_subject

    stage = stage_create(office=sragen, year=YEAR, number=1)
    drafts = stage_notices_draft(stage=stage, user=companion)
    assert CamatNotice.objects.count() == 0 and len(drafts) == 2
    sign_drafts(cast)
    notices = stage.notices.all()
    assert {(n.district_code, n.beneficiaries) for n in notices} == {
        ("33.14.01", 3),
        ("33.14.02", 1),
    }
    assert stage_notices_draft(stage=stage, user=companion) == []
    assert CamatNotice.objects.count() == 2
    texts = []
    for document in documents_for_subject(stage):
        with document.file.open("rb") as fh:
            data = fh.read()
        assert data.startswith(b"%PDF")
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        texts.append(text)
    joined = " ".join(texts)
    assert "33.14.01.2001 2" in joined
    assert "33.14.01.2002 1" in joined
    assert "33.14.02.2001 1" in joined


def test_delivery_results_are_recorded_all_or_nothing(sragen, listed):
    stage = stage_create(office=sragen, year=YEAR, number=2)
    bad = b"nik,delivered\n3314010101800011,1\n3314010101800099,1\n"
    with pytest.raises(ValidationError):
        stage_deliveries_record(stage=stage, data=bad)
    assert not StageBeneficiary.objects.filter(delivered__isnull=False).exists()
    good = b"nik;delivered\n3314010101800011;ya\n3314010101800012;tidak\n"
    assert stage_deliveries_record(stage=stage, data=good) == 2
    assert StageBeneficiary.objects.filter(delivered=True).count() == 1
    assert StageBeneficiary.objects.filter(delivered=False).count() == 1


@pytest.mark.parametrize(
    ("office", "role", "expected"),
    [
        ("sragen", Role.BACK_OFFICE, 200),
        ("sragen", Role.TREASURER, 403),
        ("tarakan", Role.BACK_OFFICE, 404),
    ],
)
def test_stage_page_permissions(cast, sragen, listed, office, role, expected):
    stage = stage_create(office=sragen, year=YEAR, number=1)
    client = cast.client_for(cast.user(office, role))
    assert client.get(f"/staff/bpnt/stages/{stage.pk}/").status_code == expected


def test_the_stage_page_issues_the_letters(cast, sragen, listed):
    stage = stage_create(office=sragen, year=YEAR, number=1)
    client = cast.client_for(cast.user("sragen", Role.VERIFIER))
    assert client.post(f"/staff/bpnt/stages/{stage.pk}/notices").status_code == 302
    assert stage.notices.count() == 0  # drafts, waiting for the Kepala Bidang or Kepala Dinas
    from sigap.bpnt.tests.conftest import sign_drafts

    sign_drafts(cast)
    notice = stage.notices.first()
    pdf = client.get(f"/staff/bpnt/stages/{stage.pk}/notices/{notice.pk}.pdf")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_the_stage_page_records_the_delivery_report_and_refuses_a_bad_one(cast, sragen, listed):
    from django.core.files.uploadedfile import SimpleUploadedFile

    stage = stage_create(office=sragen, year=YEAR, number=1)
    client = cast.client_for(cast.user("sragen", Role.BACK_OFFICE))
    bad = SimpleUploadedFile("hasil.csv", b"nik,delivered\n3314010101800011,mungkin\n")
    response = client.post(f"/staff/bpnt/stages/{stage.pk}/", {"file": bad})
    assert response.status_code == 400
    assert "Baris 2" in response.content.decode()
    good = SimpleUploadedFile("hasil.csv", b"nik,delivered\n3314010101800011,1\n")
    assert client.post(f"/staff/bpnt/stages/{stage.pk}/", {"file": good}).status_code == 302
    page = client.get(f"/staff/bpnt/stages/{stage.pk}/").content.decode()
    assert re.search(r"33\.14\.01\.2001[^<]*</a></td><td>2</td><td>1</td><td>0</td>", page)


@pytest.mark.parametrize(
    ("office", "role", "expected"),
    [
        ("sragen", Role.HEAD_OF_DIVISION, 200),
        ("sragen", Role.FRONT_OFFICE, 403),
        ("tarakan", Role.BACK_OFFICE, 404),
    ],
)
def test_the_beneficiaries_page_of_a_stage(cast, sragen, listed, office, role, expected):
    from django.urls import reverse

    from sigap.core.models import AccessLog

    stage = stage_create(office=sragen, year=YEAR, number=1)
    stage_deliveries_record(stage=stage, data=b"nik,delivered\n3314010101800011,tidak\n")
    user = cast.user(office, role)
    url = reverse("bpnt:stage_beneficiaries", args=[stage.pk])
    response = cast.client_for(user).get(url, {"village": "33.14.01", "delivered": "0"})
    assert response.status_code == expected
    if expected == 200:
        content = response.content.decode()
        assert "3314010101800011" in content
        assert "3314010101800012" not in content  # delivered not reported: filtered out
        assert AccessLog.objects.filter(user=user, object_id=str(stage.pk)).exists()


def test_the_beneficiaries_page_sends_anonymous_visitors_to_the_login(client, sragen, listed):
    from django.urls import reverse

    stage = stage_create(office=sragen, year=YEAR, number=1)
    response = client.get(reverse("bpnt:stage_beneficiaries", args=[stage.pk]))
    assert response.status_code == 302
