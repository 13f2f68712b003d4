"""The protection of a child's data: 404 for anyone not on the case, on every URL; the access
log records each opening; lists and exports are masked."""

import pytest
from django.urls import reverse

from sigap.childcare.access import mask_name, mask_nik
from sigap.childcare.selectors import issued_documents_for
from sigap.childcare.tests.conftest import CHILD_NIK
from sigap.core.models import AccessLog

pytestmark = pytest.mark.django_db

CASE_URLS = [
    "detail",
    "assign",
    "consent",
    "assessment",
    "health",
    "placement",
    "care_plan",
    "review",
    "link_nik",
    "close",
]


def every_case_url(case) -> list[str]:
    urls = [reverse(f"childcare:{name}", args=[case.pk]) for name in CASE_URLS]
    urls += [reverse("childcare:document", args=[case.pk, doc.pk]) for doc in case.documents.all()]
    urls += [
        reverse("childcare:issued", args=[case.pk, doc.pk]) for doc in issued_documents_for(case)
    ]
    return urls


@pytest.fixture
def placed(team):
    return team.placed_case(nik=CHILD_NIK)


def test_staff_not_on_the_case_get_404_on_every_case_url_and_document(team, placed):
    urls = every_case_url(placed)
    assert len(urls) >= 15  # 10 pages, 4 uploaded files, the BAST
    # Other social workers of the office, the front office after registration, the auditor,
    # the referring regency and other offices: all see a 404, never a 403.
    for who, user in team.outsiders().items():
        client = team.cast.client_for(user)
        for url in urls:
            assert client.get(url).status_code == 404, (who, url)
            assert client.post(url, {}).status_code in (404, 405), (who, url)
    assert not AccessLog.objects.filter(object_id=str(placed.pk)).exists()


def test_the_bast_is_not_downloadable_through_the_documents_app_by_outsiders(team, placed):
    from sigap.documents.access import user_may_download

    bast = issued_documents_for(placed).get()
    assert not user_may_download(team.other_worker, bast)
    assert not user_may_download(team.front_office, bast)
    assert user_may_download(team.worker, bast)
    assert user_may_download(team.head_of_division, bast)


def test_anonymous_visitors_are_sent_to_login_on_every_case_url(team, placed, client):
    for url in every_case_url(placed):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_the_case_team_and_its_supervisors_open_the_case(team, placed):
    for who in ("worker", "companion", "head_of_division", "head_of_office"):
        user = getattr(team, who)
        response = team.cast.client_for(user).get(reverse("childcare:detail", args=[placed.pk]))
        assert response.status_code == 200, who
        assert "Anak Demo Rahayu" in response.text
        assert CHILD_NIK in response.text


def test_the_case_team_downloads_documents_and_the_bast(team, placed):
    client = team.cast.client_for(team.worker)
    for doc in placed.documents.all():
        response = client.get(reverse("childcare:document", args=[placed.pk, doc.pk]))
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
    bast = issued_documents_for(placed).get()
    response = client.get(reverse("childcare:issued", args=[placed.pk, bast.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"


def test_every_opening_is_logged_with_who_and_what(team, placed):
    client = team.cast.client_for(team.head_of_office)
    client.get(reverse("childcare:detail", args=[placed.pk]))
    doc = placed.documents.first()
    client.get(reverse("childcare:document", args=[placed.pk, doc.pk]))
    entries = list(AccessLog.objects.filter(object_type="childcare.case", object_id=str(placed.pk)))
    assert {(e.user_id, e.action) for e in entries} == {
        (team.head_of_office.pk, "view"),
        (team.head_of_office.pk, "download"),
    }


def test_a_removed_social_worker_loses_access_after_handover(team, placed):
    from sigap.childcare import services

    services.case_assign(
        case=placed,
        role="social_worker",
        to_user=team.other_worker,
        by=team.head_of_division,
        reason="Mutasi",
    )
    url = reverse("childcare:detail", args=[placed.pk])
    assert team.cast.client_for(team.worker).get(url).status_code == 404
    assert team.cast.client_for(team.other_worker).get(url).status_code == 200


def test_auditor_and_head_of_office_read_the_access_log_but_others_cannot(team, placed):
    team.cast.client_for(team.worker).get(reverse("childcare:detail", args=[placed.pk]))
    url = reverse("childcare:access_log")
    for user in (team.auditor, team.head_of_office):
        response = team.cast.client_for(user).get(url)
        assert response.status_code == 200
        assert placed.code in response.text
        assert team.worker.display_name in response.text
        assert "Anak Demo" not in response.text  # the log names the case, not the child
    for user in (team.worker, team.head_of_division, team.front_office):
        assert team.cast.client_for(user).get(url).status_code == 403
    other_office = team.cast.client_for(team.sragen_head).get(url)
    assert other_office.status_code == 200 and placed.code not in other_office.text


def test_the_access_log_cannot_be_changed(team, placed):
    team.cast.client_for(team.worker).get(reverse("childcare:detail", args=[placed.pk]))
    entry = AccessLog.objects.filter(object_id=str(placed.pk)).first()
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_lists_show_names_and_niks_masked(team, placed):
    response = team.cast.client_for(team.head_of_office).get(reverse("childcare:list"))
    assert response.status_code == 200
    assert placed.code in response.text
    assert "A*** D*** R***" in response.text
    assert "Anak Demo Rahayu" not in response.text
    assert CHILD_NIK not in response.text
    assert mask_nik(CHILD_NIK) in response.text
    assert not AccessLog.objects.exists()  # a masked list is not an opening


def test_the_export_is_masked_and_logged(team, placed):
    response = team.cast.client_for(team.worker).get(reverse("childcare:export"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "A*** D*** R***" in body and "Anak Demo" not in body and CHILD_NIK not in body
    assert AccessLog.objects.filter(action="export", object_id=str(placed.pk)).count() == 1


def test_the_list_of_an_unassigned_worker_shows_counts_only(team, placed):
    response = team.cast.client_for(team.other_worker).get(reverse("childcare:list"))
    assert response.status_code == 200
    assert placed.code not in response.text
    assert response.context["counts"]["open"] == 1


def test_the_referring_regency_sees_counts_of_its_referrals_only(team, placed):
    response = team.cast.client_for(team.lebak_head).get(reverse("childcare:list"))
    assert placed.code not in response.text
    assert response.context["referred_counts"]["open"] == 1


def test_masking_rules():
    assert mask_name("Anak Demo") == "A*** D***"
    assert mask_name("") == "***"
    assert mask_nik("3602015501150001") == "************0001"
    assert mask_nik(None) == "-"


def test_the_generic_change_log_does_not_copy_the_childs_story(team):
    from auditlog.models import LogEntry

    case = team.ready_case()
    entries = " ".join(
        str(e.changes) for e in LogEntry.objects.filter(content_type__app_label="childcare")
    )
    assert entries  # the trail exists (status, dates, who)
    assert "Orang tua meninggal" not in entries  # eligibility evidence
    assert "Tinggal sendiri" not in entries  # assessment text
    assert "Kepala Desa Demo" not in entries  # consent giver
    assert case.code in " ".join(
        LogEntry.objects.filter(content_type__app_label="childcare").values_list(
            "object_repr", flat=True
        )
    )
