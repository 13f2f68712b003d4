"""Masking and access logging agree across the apps: every page or API call that opens a person
is logged, and a role that may not see a full NIK sees the same mask on the page and the API
(and in the register of subject requests)."""

import pytest
from django.urls import reverse

from sigap.accounts.roles import Role
from sigap.accounts.services import api_token_create
from sigap.core.models import AccessLog
from sigap.identity import mask_nik
from sigap.privacy.models import SubjectRequest
from sigap.privacy.tests.conftest import basis
from sigap.registry.models import Person, ProgrammeMembership

NIK = "3314015205850001"
MASKED = mask_nik(NIK)

# The pages and API operations that open one person's record: (name, url template, is_api).
PERSON_VIEWS = [
    ("registry page", "/staff/registry/persons/{pk}/", False),
    ("registry API", "/api/v1/registry/persons/{pk}", True),
    ("BPNT eligibility page", "/staff/bpnt/persons/{pk}/", False),
    ("BPNT eligibility API", "/api/v1/bpnt/persons/{pk}/eligibility", True),
]


@pytest.fixture
def person(cast):
    found = Person.objects.create(nik=NIK, name="Siti Aminah", village_code="33.14.01.2001")
    ProgrammeMembership.objects.create(
        person=found, office=cast.office("sragen"), programme="BPNT", year=2026
    )
    return found


def _get(cast, client, user, url: str, is_api: bool):
    if is_api:
        _, raw = api_token_create(user=user, name="consistency")
        return client.get(url, headers={"Authorization": f"Bearer {raw}"})
    return cast.client_for(user).get(url)


def _logged(user, person) -> int:
    return AccessLog.objects.filter(
        user=user, object_type="registry.person", object_id=str(person.pk)
    ).count()


def test_the_person_views_listed_here_are_the_ones_that_exist():
    """If a route moves, this table must follow (or the checks below test nothing)."""
    assert reverse("registry:person", args=[1]) == "/staff/registry/persons/1/"
    assert reverse("bpnt:person", args=[1]) == "/staff/bpnt/persons/1/"


@pytest.mark.parametrize(("name", "url", "is_api"), PERSON_VIEWS, ids=[v[0] for v in PERSON_VIEWS])
def test_every_opening_of_a_person_is_logged(cast, client, person, name, url, is_api):
    user = cast.user("sragen", Role.BACK_OFFICE)  # may open the registry and BPNT, full NIK
    before = _logged(user, person)
    response = _get(cast, client, user, url.format(pk=person.pk), is_api)
    assert response.status_code == 200, name
    assert _logged(user, person) == before + 1, f"{name} opened a person without logging it"


@pytest.mark.parametrize(
    ("name", "url", "is_api"), PERSON_VIEWS[:2], ids=[v[0] for v in PERSON_VIEWS[:2]]
)
def test_a_role_without_the_full_nik_sees_the_same_mask_on_page_and_api(
    cast, client, person, name, url, is_api
):
    auditor = cast.user("sragen", Role.AUDITOR)
    content = _get(cast, client, auditor, url.format(pk=person.pk), is_api).content.decode()
    assert NIK not in content, f"{name} shows the full NIK to the auditor"
    assert MASKED in content, f"{name} masks the NIK differently"
    assert _logged(auditor, person) == 1


def test_the_register_of_subject_requests_uses_the_same_mask(cast, person):
    head = cast.user("sragen", Role.HEAD_OF_OFFICE)
    cast.client_for(head).post(reverse("privacy:new"), {**basis(), "nik": NIK})
    assert SubjectRequest.objects.get().nik_masked == MASKED


def test_the_access_log_cannot_be_changed_after_an_export(cast, person):
    head = cast.user("sragen", Role.HEAD_OF_OFFICE)
    client = cast.client_for(head)
    client.post(reverse("privacy:new"), {**basis(), "nik": NIK})
    client.post(reverse("privacy:download", args=[SubjectRequest.objects.get().pk]))
    entry = AccessLog.objects.get(object_type="registry.person", user=head)
    with pytest.raises(PermissionError):
        entry.delete()
