import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sigap.accounts.roles import Role
from sigap.documents.models import DocumentTemplate
from sigap.documents.templating import (
    TEMPLATE_FORBIDDEN_TAG,
    file_templates,
    render_body,
    resolve_template,
)

pytestmark = pytest.mark.django_db

SHIPPED = {
    "request-receipt",
    "sk-kks-new",
    "sk-kks-lost",
    "sk-death",
    "sk-data-change",
    "cashaid-receipt",
}


def test_default_templates_are_discovered_with_titles():
    found = file_templates()
    assert set(found) >= SHIPPED
    assert found["sk-death"].title == "Surat Keterangan Meninggal"
    assert not found["sk-death"].body.startswith("{#")


def test_bodies_are_autoescaped_and_see_only_their_context():
    html = render_body("{{ name }}|{{ settings.SECRET_KEY }}|{{ request }}", {"name": "<b>x</b>"})
    assert html == "&lt;b&gt;x&lt;/b&gt;||"


@pytest.mark.parametrize(
    "body",
    [
        "{% include 'base.html' %}",
        "{% extends 'base.html' %}",
        "{% debug %}",
        "{% load static %}",
        "{% if %}",
    ],
)
def test_bodies_cannot_read_files_load_tags_or_print_debug(body):
    with pytest.raises(ValidationError):
        render_body(body, {})


def test_forbidden_tag_message():
    with pytest.raises(ValidationError) as exc:
        render_body("{% debug %}", {})
    assert exc.value.messages == [str(TEMPLATE_FORBIDDEN_TAG)]


def test_head_of_office_edits_a_template_and_new_letters_use_it(cast, tarakan_head, issue_letter):
    client = cast.client_for(tarakan_head)
    url = reverse("documents:template_edit", args=["sk-kks-lost"])
    assert client.get(url).status_code == 200
    body = file_templates()["sk-kks-lost"].body + "<p>Catatan khusus Tarakan.</p>"
    response = client.post(url, {"title": "SK KKS Hilang", "body": body, "save": "1"})
    assert response.status_code == 302
    row = DocumentTemplate.objects.get(code="sk-kks-lost", office=cast.office("tarakan"))
    assert row.version == 1
    document = issue_letter()
    assert document.template_version == 1
    assert "Catatan khusus Tarakan." in document.rendered_html
    client.post(url, {"title": "SK KKS Hilang", "body": body + " ", "save": "1"})
    row.refresh_from_db()
    assert row.version == 2


def test_an_office_copy_does_not_change_other_offices(cast, tarakan_head):
    client = cast.client_for(tarakan_head)
    client.post(
        reverse("documents:template_edit", args=["sk-death"]),
        {"title": "x", "body": "Tarakan saja", "save": "1"},
    )
    assert resolve_template(office=cast.office("sragen"), code="sk-death").version == 0
    assert resolve_template(office=cast.office("tarakan"), code="sk-death").body == "Tarakan saja"


def test_reset_goes_back_to_the_default(cast, tarakan_head):
    client = cast.client_for(tarakan_head)
    client.post(
        reverse("documents:template_edit", args=["sk-death"]),
        {"title": "x", "body": "Ubah", "save": "1"},
    )
    client.post(reverse("documents:template_reset", args=["sk-death"]))
    assert resolve_template(office=cast.office("tarakan"), code="sk-death").source == "file"


def test_broken_template_is_refused_with_a_message(cast, tarakan_head):
    client = cast.client_for(tarakan_head)
    response = client.post(
        reverse("documents:template_edit", args=["sk-death"]),
        {"title": "x", "body": "{% include 'base.html' %}", "save": "1"},
    )
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_preview_returns_a_pdf_and_saves_nothing(cast, tarakan_head):
    client = cast.client_for(tarakan_head)
    response = client.post(
        reverse("documents:template_edit", args=["cashaid-receipt"]),
        {
            "title": "Kwitansi",
            "body": file_templates()["cashaid-receipt"].body,
            "preview": "1",
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert not DocumentTemplate.objects.exists()


def test_only_head_of_office_and_administrator_edit_templates(cast, client):
    url = reverse("documents:template_list")
    assert cast.client_for(cast.user("tarakan", Role.ADMINISTRATOR)).get(url).status_code == 200
    assert cast.client_for(cast.user("tarakan", Role.FRONT_OFFICE)).get(url).status_code == 403
    edit = reverse("documents:template_edit", args=["sk-death"])
    front = cast.client_for(cast.user("tarakan", Role.SECTION_HEAD))
    assert front.post(edit, {"title": "x", "body": "y"}).status_code == 403
    assert client.get(url).status_code == 302


def test_unknown_template_code_is_404(cast, tarakan_head):
    client = cast.client_for(tarakan_head)
    response = client.get(reverse("documents:template_edit", args=["nope"]))
    assert response.status_code == 404


@pytest.mark.parametrize("code", sorted(file_templates()))
def test_every_shipped_template_compiles_in_the_restricted_engine(code):
    from sigap.documents.templating import check_body

    check_body(file_templates()[code].body)


def test_bodies_cannot_walk_from_a_model_instance_to_its_relations(cast):
    office = cast.office("tarakan")
    html = render_body("{{ office.pk }}|{{ office.staff.all }}|{{ office }}", {"office": office})
    assert html == f"||{office.name}"
