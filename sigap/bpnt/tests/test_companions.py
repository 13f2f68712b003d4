"""Companion-to-area mapping: who manages it, and new tickets going to the area's companion."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sigap.accounts.roles import Role
from sigap.bpnt.companions import (
    AREA_NOT_A_COMPANION,
    AREA_UNKNOWN,
    area_assign,
    companion_for_village,
)
from sigap.bpnt.models import CompanionArea, ProblemTicket
from sigap.bpnt.services import ticket_create
from sigap.bpnt.tests.conftest import make_kpm
from sigap.regions.testing import load_test_regions


@pytest.fixture(autouse=True)
def regions(db):
    load_test_regions(("33.14", "65.71"))


@pytest.fixture
def head(cast):
    return cast.user("sragen", Role.HEAD_OF_DIVISION)


@pytest.fixture
def second_companion(cast):
    return cast.user("sragen", Role.SOCIAL_COMPANION, suffix="2")


def _ticket(sragen, person, created_by, **kw):
    return ticket_create(
        office=sragen,
        person=person,
        kind="zero_balance",
        reporter="beneficiary",
        description="Saldo 0",
        created_by=created_by,
        **kw,
    )


def test_a_village_companion_wins_over_the_district_companion(
    sragen, head, companion, second_companion
):
    area_assign(office=sragen, companion=companion, region_code="33.14.01", assigned_by=head)
    area_assign(
        office=sragen, companion=second_companion, region_code="33.14.01.2002", assigned_by=head
    )
    assert companion_for_village(office=sragen, village_code="33.14.01.2001") == companion
    assert companion_for_village(office=sragen, village_code="33.14.01.2002") == second_companion
    assert companion_for_village(office=sragen, village_code="33.14.02.2001") is None


def test_a_new_ticket_goes_to_the_companion_of_the_beneficiarys_area(sragen, head, companion, kpm):
    area_assign(office=sragen, companion=companion, region_code="33.14.01", assigned_by=head)
    ticket = _ticket(sragen, kpm, head)
    assert ticket.assigned_to == companion


def test_a_ticket_from_an_uncovered_area_stays_unassigned_with_a_visible_note(
    cast, sragen, head, kpm
):
    ticket = _ticket(sragen, kpm, head)
    assert ticket.assigned_to is None
    page = cast.client_for(head).get(reverse("bpnt:ticket_detail", args=[ticket.pk]))
    assert 'class="message message-warning" role="status"' in page.content.decode()
    response = cast.client_for(head).get(f"/api/v1/bpnt/tickets/{ticket.pk}")
    assert response.json()["assignment_note"]


@pytest.mark.parametrize(
    ("code", "message"),
    [("33.14", AREA_UNKNOWN), ("33.14.99", AREA_UNKNOWN), ("65.71.01", AREA_UNKNOWN)],
)
def test_an_area_must_be_a_district_or_village_of_the_office(
    sragen, head, companion, code, message
):
    with pytest.raises(ValidationError) as exc:
        area_assign(office=sragen, companion=companion, region_code=code, assigned_by=head)
    assert message in exc.value.message_dict["region_code"]


def test_only_a_companion_of_the_office_can_get_an_area(cast, sragen, head):
    for user in (
        cast.user("sragen", Role.BACK_OFFICE),
        cast.user("tarakan", Role.SOCIAL_COMPANION),
    ):
        with pytest.raises(ValidationError) as exc:
            area_assign(office=sragen, companion=user, region_code="33.14.01", assigned_by=head)
        assert AREA_NOT_A_COMPANION in exc.value.message_dict["companion"]
    assert not CompanionArea.objects.exists()


def test_an_area_has_one_companion(sragen, head, companion, second_companion):
    area_assign(office=sragen, companion=companion, region_code="33.14.01", assigned_by=head)
    with pytest.raises(ValidationError):
        area_assign(
            office=sragen, companion=second_companion, region_code="33.14.01", assigned_by=head
        )


def test_the_head_of_division_assigns_and_removes_an_area_on_the_page(cast, head, companion):
    client = cast.client_for(head)
    response = client.post(
        reverse("bpnt:area_list"), {"companion": companion.pk, "region_code": "33.14.01"}
    )
    assert response.status_code == 302
    area = CompanionArea.objects.get()
    page = client.get(reverse("bpnt:area_list")).content.decode()
    assert "Kalijambe" in page
    assert client.post(reverse("bpnt:area_remove", args=[area.pk])).status_code == 302
    assert not CompanionArea.objects.exists()


@pytest.mark.parametrize("role", [Role.SOCIAL_COMPANION, Role.VERIFIER])
def test_other_bpnt_roles_read_the_areas_but_cannot_change_them(
    cast, sragen, head, companion, role
):
    area = area_assign(office=sragen, companion=companion, region_code="33.14.01", assigned_by=head)
    client = cast.client_for(cast.user("sragen", role))
    assert client.get(reverse("bpnt:area_list")).status_code == 200
    post = client.post(
        reverse("bpnt:area_list"), {"companion": companion.pk, "region_code": "33.14.02"}
    )
    assert post.status_code == 403
    assert client.post(reverse("bpnt:area_remove", args=[area.pk])).status_code == 403
    assert CompanionArea.objects.count() == 1


def test_another_office_cannot_remove_an_area(cast, sragen, head, companion):
    area = area_assign(office=sragen, companion=companion, region_code="33.14.01", assigned_by=head)
    client = cast.client_for(cast.user("tarakan", Role.HEAD_OF_DIVISION))
    assert client.post(reverse("bpnt:area_remove", args=[area.pk])).status_code == 404
    assert client.delete(f"/api/v1/bpnt/companion-areas/{area.pk}").status_code == 404
    assert CompanionArea.objects.count() == 1


def test_anonymous_visitors_cannot_see_or_change_areas(client, sragen, head, companion):
    area = area_assign(office=sragen, companion=companion, region_code="33.14.01", assigned_by=head)
    assert client.get(reverse("bpnt:area_list")).status_code == 302
    assert client.post(reverse("bpnt:area_remove", args=[area.pk])).status_code == 302
    assert client.get("/api/v1/bpnt/companion-areas").status_code == 401
    assert client.post("/api/v1/bpnt/tickets/1/assign").status_code == 401


def test_the_api_manages_areas_for_the_head_of_office_only_among_readers(
    cast, companion, second_companion
):
    head_office = cast.client_for(cast.user("sragen", Role.HEAD_OF_OFFICE))
    body = {"companion": companion.pk, "region_code": "33.14.02.2001"}
    response = head_office.post(
        "/api/v1/bpnt/companion-areas", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["region_name"] == "Karangwaru"
    verifier = cast.client_for(cast.user("sragen", Role.VERIFIER))
    assert verifier.get("/api/v1/bpnt/companion-areas").json()[0]["companion_id"] == companion.pk
    denied = verifier.post(
        "/api/v1/bpnt/companion-areas",
        json.dumps({**body, "region_code": "33.14.03"}),
        content_type="application/json",
    )
    assert denied.status_code == 403
    bad = head_office.post(
        "/api/v1/bpnt/companion-areas",
        json.dumps({"companion": second_companion.pk, "region_code": "nonsense"}),
        content_type="application/json",
    )
    assert bad.status_code == 400
    area_id = response.json()["id"]
    assert verifier.delete(f"/api/v1/bpnt/companion-areas/{area_id}").status_code == 403
    assert head_office.delete(f"/api/v1/bpnt/companion-areas/{area_id}").status_code == 204


def test_a_companion_sees_only_their_own_tickets(cast, sragen, head, companion, second_companion):
    other = make_kpm(sragen, "3314020101800021", "33.14.02.2001", name="BUDI")
    area_assign(office=sragen, companion=companion, region_code="33.14.01", assigned_by=head)
    area_assign(office=sragen, companion=second_companion, region_code="33.14.02", assigned_by=head)
    mine = _ticket(sragen, make_kpm(sragen, "3314010101800022", "33.14.01.2003"), head)
    theirs = _ticket(sragen, other, head)
    client = cast.client_for(companion)
    listed = {t["id"] for t in client.get("/api/v1/bpnt/tickets").json()}
    assert listed == {mine.pk}
    assert client.get(reverse("bpnt:ticket_detail", args=[theirs.pk])).status_code == 404
    assert f"BPNT-{theirs.pk}" not in client.get(reverse("bpnt:ticket_list")).content.decode()
    supervisor = cast.client_for(cast.user("sragen", Role.VERIFIER))
    assert {t["id"] for t in supervisor.get("/api/v1/bpnt/tickets").json()} == {
        mine.pk,
        theirs.pk,
    }


def test_the_head_of_division_hands_an_unassigned_ticket_to_a_companion(
    cast, sragen, head, companion, kpm
):
    ticket = _ticket(sragen, kpm, head)
    response = cast.client_for(head).post(
        reverse("bpnt:ticket_assign", args=[ticket.pk]), {"assigned_to": companion.pk}
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.assigned_to == companion
    api = cast.client_for(head).post(
        f"/api/v1/bpnt/tickets/{ticket.pk}/assign",
        json.dumps({"assigned_to": cast.user("sragen", Role.BACK_OFFICE).pk}),
        content_type="application/json",
    )
    assert api.status_code == 400


@pytest.mark.parametrize(
    ("office", "role", "expected"),
    [
        ("sragen", Role.VERIFIER, 403),
        ("sragen", Role.SOCIAL_COMPANION, 403),
        ("tarakan", Role.HEAD_OF_DIVISION, 404),
    ],
)
def test_only_the_head_of_division_of_the_office_assigns_tickets(
    cast, sragen, head, companion, kpm, office, role, expected
):
    ticket = _ticket(sragen, kpm, head)
    client = cast.client_for(cast.user(office, role))
    page = client.post(
        reverse("bpnt:ticket_assign", args=[ticket.pk]), {"assigned_to": companion.pk}
    )
    api = client.post(
        f"/api/v1/bpnt/tickets/{ticket.pk}/assign",
        json.dumps({"assigned_to": companion.pk}),
        content_type="application/json",
    )
    assert (page.status_code, api.status_code) == (expected, expected)
    assert ProblemTicket.objects.get().assigned_to is None


def test_a_ticket_filed_through_the_api_without_a_companion_goes_to_the_area_companion(
    cast, sragen, head, companion, kpm
):
    area_assign(office=sragen, companion=companion, region_code="33.14.01", assigned_by=head)
    client = cast.client_for(cast.user("sragen", Role.BACK_OFFICE))
    body = {"nik": kpm.nik, "kind": "other", "reporter": "beneficiary", "description": "x"}
    response = client.post(
        "/api/v1/bpnt/tickets", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert (response.json()["assigned_to"], response.json()["assignment_note"]) == (
        companion.pk,
        "",
    )


def test_the_ticket_form_leaves_the_companion_to_the_area_mapping(cast, sragen, head, kpm):
    response = cast.client_for(head).post(
        reverse("bpnt:ticket_new"),
        {"nik": kpm.nik, "kind": "other", "reporter": "beneficiary", "description": "x"},
    )
    assert response.status_code == 302
    assert ProblemTicket.objects.get().assigned_to is None
