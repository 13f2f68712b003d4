import datetime

import pytest
from django.core.exceptions import ValidationError

from sigap.accounts.roles import Role
from sigap.bpnt.models import EducationSession, MonitoringVisit
from sigap.bpnt.monitoring import (
    ATTENDEES_EMPTY,
    session_attendance_add,
    session_create,
    visit_follow_up_close,
    visit_record,
)
from sigap.registry.models import Person

TODAY = datetime.date(2026, 11, 2)


def test_a_beneficiary_visit_records_whether_the_four_food_groups_were_bought(
    sragen, kpm, companion
):
    visit = visit_record(
        office=sragen,
        visited_by=companion,
        target="beneficiary",
        person=kpm,
        visit_date=TODAY,
        findings="Belanja beras dan telur, tanpa sayur.",
        carbohydrate=True,
        protein=True,
        vitamin=False,
        mineral=True,
        follow_up="Edukasi gizi seimbang.",
    )
    assert visit.food_groups_met is False
    assert visit.village_code == kpm.village_code
    assert visit_follow_up_close(visit=visit).follow_up_done_at is not None
    with pytest.raises(ValidationError):
        visit_follow_up_close(visit=visit)


def test_an_ewarong_visit_needs_the_shop_name(sragen, companion):
    with pytest.raises(ValidationError):
        visit_record(
            office=sragen, visited_by=companion, target="ewarong", visit_date=TODAY, findings="x"
        )
    assert not MonitoringVisit.objects.exists()


def test_attendance_takes_known_nik_only_and_all_or_nothing(sragen, kpm, companion):
    session = session_create(
        office=sragen, held_by=companion, session_date=TODAY, topic="Gizi", place="Balai desa"
    )
    with pytest.raises(ValidationError) as exc:
        session_attendance_add(session=session, niks="", visible=Person.objects.all())
    assert ATTENDEES_EMPTY in exc.value.message_dict["niks"]
    with pytest.raises(ValidationError):
        session_attendance_add(
            session=session, niks=f"{kpm.nik}\n3314999999999999", visible=Person.objects.all()
        )
    assert session.attendees.count() == 0
    assert session_attendance_add(session=session, niks=kpm.nik, visible=Person.objects.all()) == 1


def test_the_visit_page_records_a_visit(cast, companion, kpm):
    response = cast.client_for(companion).post(
        "/staff/bpnt/visits/",
        {
            "target": "beneficiary",
            "nik": kpm.nik,
            "visit_date": "2026-11-02",
            "findings": "Baik",
            "carbohydrate": "1",
            "protein": "1",
            "vitamin": "1",
            "mineral": "1",
        },
    )
    assert response.status_code == 302
    assert MonitoringVisit.objects.get().food_groups_met is True


@pytest.mark.parametrize(
    ("office", "role", "expected"),
    [
        ("sragen", Role.SOCIAL_COMPANION, 200),
        ("sragen", Role.WAREHOUSE_OFFICER, 403),
        ("tarakan", Role.SOCIAL_COMPANION, 404),
    ],
)
def test_session_page_permissions(cast, sragen, companion, office, role, expected):
    session = EducationSession.objects.create(
        office=sragen, session_date=TODAY, topic="Gizi", place="Balai desa"
    )
    client = cast.client_for(cast.user(office, role))
    assert client.get(f"/staff/bpnt/sessions/{session.pk}/").status_code == expected


def test_anonymous_visitors_cannot_open_the_visits(client):
    assert client.get("/staff/bpnt/visits/").status_code == 302


def test_a_non_numeric_nik_on_the_visit_form_is_a_message_not_a_500(cast, companion):
    response = cast.client_for(companion).post(
        "/staff/bpnt/visits/",
        {"target": "beneficiary", "nik": "abc", "visit_date": "2026-11-02", "findings": "x"},
    )
    assert response.status_code == 400
    assert not MonitoringVisit.objects.exists()


def test_attendance_takes_spaced_nik_and_refuses_a_seventeen_digit_one_whole(
    sragen, kpm, companion
):
    session = session_create(
        office=sragen,
        held_by=companion,
        session_date=datetime.date(2026, 11, 3),
        topic="Gizi",
        place="Balai Desa",
    )
    spaced = f"{kpm.nik[:4]} {kpm.nik[4:8]} {kpm.nik[8:12]} {kpm.nik[12:]}"
    with pytest.raises(ValidationError) as info:
        # Never its first 16 digits: the old pattern matched kpm.nik inside this one.
        session_attendance_add(session=session, niks=kpm.nik + "7", visible=Person.objects.all())
    assert "17" in str(info.value)
    assert session.attendees.count() == 0
    added = session_attendance_add(
        session=session, niks=f"{spaced}\n", visible=Person.objects.all()
    )
    assert added == 1 and session.attendees.get() == kpm
