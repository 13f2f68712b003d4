"""The staff admin of the standards: a revision with its requirements, steps and products."""

import pytest
from django.contrib.auth import get_user_model

from sigap.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client):
    user = get_user_model().objects.create_superuser("root", "root@example.go.id", "x-Secret-9")
    client.force_login(user)
    return client


def test_the_admin_lists_and_opens_a_standard_with_its_inlines(catalogue, admin_client_):
    assert (
        "Fasilitas Program Sembako"
        in admin_client_.get("/admin/standards/servicestandard/").content.decode()
    )
    standard = catalogue["tarakan-sembako"]
    page = admin_client_.get(f"/admin/standards/servicestandard/{standard.pk}/change/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Fotokopi Akta Kematian" in text
    assert "Memaraf Surat Keterangan" in text
    assert "sk-data-change" in text


def test_staff_without_admin_rights_and_anonymous_visitors_cannot_open_it(catalogue, cast, client):
    staff = cast.client_for(cast.user("tarakan", Role.HEAD_OF_OFFICE))
    url = "/admin/standards/servicestandard/"
    assert staff.get(url).status_code == 302
    assert client.get(url).status_code == 302


def test_staff_see_the_standards_in_their_menu(catalogue, cast):
    staff = cast.client_for(cast.user("sragen", Role.FRONT_OFFICE))
    page = staff.get("/services/").content.decode()
    assert 'href="/services/"' in page
