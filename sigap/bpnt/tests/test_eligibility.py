from sigap.bpnt.selectors import bpnt_eligibility, is_eligible
from sigap.bpnt.tests.conftest import YEAR, make_kpm
from sigap.core.models import AccessLog
from sigap.registry.models import Person


def test_a_sragen_kpm_on_dtks_and_sp2d_meets_all_four_requirements(sragen, kpm):
    criteria = bpnt_eligibility(kpm, office=sragen, year=YEAR)
    assert [c.met for c in criteria] == [True, True, True, True]
    assert is_eligible(criteria)


def test_a_nik_from_another_regency_fails_the_ktp_requirement(sragen):
    person = make_kpm(sragen, "3372010101800002", "33.14.01.2001")
    criteria = bpnt_eligibility(person, office=sragen, year=YEAR)
    assert not criteria[0].met
    assert not is_eligible(criteria)


def test_without_kk_dtks_and_sp2d_those_requirements_are_unmet(sragen):
    person = Person.objects.create(
        nik="3314010101800003", name="BUDI", village_code="33.14.01.2001"
    )
    criteria = bpnt_eligibility(person, office=sragen, year=YEAR)
    assert [c.met for c in criteria] == [True, False, False, False]


def test_listing_of_another_year_does_not_count(sragen, kpm):
    criteria = bpnt_eligibility(kpm, office=sragen, year=YEAR + 1)
    assert [c.met for c in criteria][2:] == [False, False]


def test_the_staff_page_shows_the_panel_and_logs_the_access(cast, companion, kpm):
    response = cast.client_for(companion).get(f"/staff/bpnt/persons/{kpm.pk}/?year={YEAR}")
    assert response.status_code == 200
    assert b"bpnt-eligibility" in response.content
    assert AccessLog.objects.filter(user=companion, object_id=str(kpm.pk)).exists()


def test_the_staff_page_is_404_for_another_office(cast, kpm):
    from sigap.accounts.roles import Role

    other = cast.user("tarakan", Role.SOCIAL_COMPANION)
    assert cast.client_for(other).get(f"/staff/bpnt/persons/{kpm.pk}/").status_code == 404
