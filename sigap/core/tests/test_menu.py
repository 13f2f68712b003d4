"""The staff menu: an entry of a service shows only where the user's office takes part in it."""

import pytest
from django.test import RequestFactory

from sigap.accounts.roles import Role
from sigap.core.menu import staff_menu

pytestmark = pytest.mark.django_db

CHILDREN = "/staff/children/"
LOGISTICS = "/staff/logistics/"
BPNT = "/staff/bpnt/tickets/"


def menu_urls(user) -> set[str]:
    request = RequestFactory().get("/staff/")
    request.user = user
    return {item["url"] for item in staff_menu(request)}


def test_tarakan_without_a_children_standard_does_not_see_children(cast, catalogue):
    # Tarakan's front office holds a role the children's entry names, but runs only Sembako.
    assert CHILDREN not in menu_urls(cast.user("tarakan", Role.FRONT_OFFICE))
    assert CHILDREN in menu_urls(cast.user("banten", Role.FRONT_OFFICE))


def test_logistics_shows_in_the_province_and_its_regencies_only(cast, catalogue):
    assert LOGISTICS in menu_urls(cast.user("banten", Role.HEAD_OF_DIVISION))
    # Lebak acknowledges Banten's logistics requests and follows the children it referred.
    assert LOGISTICS in menu_urls(cast.user("lebak", Role.HEAD_OF_DIVISION))
    assert CHILDREN in menu_urls(cast.user("lebak", Role.HEAD_OF_DIVISION))
    assert LOGISTICS not in menu_urls(cast.user("sragen", Role.HEAD_OF_DIVISION))
    assert LOGISTICS not in menu_urls(cast.user("tarakan", Role.HEAD_OF_DIVISION))


def test_bpnt_shows_only_in_sragen(cast, catalogue):
    assert BPNT in menu_urls(cast.user("sragen", Role.SOCIAL_COMPANION))
    assert BPNT not in menu_urls(cast.user("banten", Role.HEAD_OF_DIVISION))
    assert BPNT not in menu_urls(cast.user("tarakan", Role.HEAD_OF_DIVISION))


def test_an_office_without_any_standard_sees_no_service_entries(cast):
    urls = menu_urls(cast.user("banten", Role.HEAD_OF_DIVISION))
    assert not {CHILDREN, LOGISTICS, BPNT} & urls
    assert "/staff/queue/" in urls  # entries of no service stay


def test_the_services_are_looked_up_once_per_request(cast, catalogue, django_assert_num_queries):
    user = cast.user("banten", Role.HEAD_OF_DIVISION)
    request = RequestFactory().get("/staff/")
    request.user = user
    user.office, user.roles  # noqa: B018 - loaded: the page has them already
    with django_assert_num_queries(1):
        staff_menu(request)
        staff_menu(request)


def test_a_superuser_sees_every_service(cast, catalogue):
    from sigap.accounts.models import User

    admin = User.objects.create_superuser(username="root", password="x-test-password-1")
    assert {CHILDREN, LOGISTICS, BPNT} <= menu_urls(admin)
