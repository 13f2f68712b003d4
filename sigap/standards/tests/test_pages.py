"""Public pages: the catalogue, an office's services, a standard's table and its PDF."""

import io
import re
from datetime import date

import pytest
import yaml
from django.test import Client
from pypdf import PdfReader

from sigap.accounts.roles import Role
from sigap.standards.services import CATALOGUE_DIR, standard_load_catalogue

pytestmark = pytest.mark.django_db


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_catalogue_lists_every_office_and_service(catalogue, client):
    page = html(client.get("/services/"))
    for standard in catalogue.values():
        assert standard.name.replace("&", "&amp;") in page
        assert f'href="/services/{standard.code}/"' in page
    assert 'href="/offices/banten/"' in page
    assert "30 menit" in page


def test_an_office_page_lists_only_its_services(catalogue, client):
    page = html(client.get("/offices/sragen/"))
    assert "Dinas Sosial Kabupaten Sragen" in page
    assert "Kehabisan Bekal" in page
    assert "Fasilitas Program Sembako" not in page
    assert "0271-891043" in page


def test_an_unknown_office_or_service_is_a_404(catalogue, client):
    assert client.get("/offices/atlantis/").status_code == 404
    assert client.get("/services/no-such-service/").status_code == 404
    assert client.get("/services/no-such-service/pdf").status_code == 404


def test_a_standard_page_shows_the_two_part_table(catalogue, client):
    page = html(client.get("/services/tarakan-sembako/"))
    assert page.count('<table class="standard-table">') == 2
    for key in ("requirements", "procedure", "time_limit", "complaints", "legal_basis"):
        assert f'id="component-{key}"' in page
    assert "000.8.3.2/03.2/DINSOSPM" in page
    assert "10 Januari 2025" in page
    assert "30 menit" in page
    assert "Fotokopi Akta Kematian" in page
    assert "Surat Keterangan Perubahan Data" in page
    assert "NIP 19680318 199403 1 007" in page
    assert "data-print" in page
    assert '<a href="https://www.lapor.go.id">www.lapor.go.id</a>' in page
    assert 'href="/services/tarakan-sembako/pdf"' in page


def test_the_procedure_is_numbered_with_the_acting_role(catalogue, client):
    page = html(client.get("/services/banten-logistik-darurat/"))
    steps = re.search(r'<ol class="procedure">(.*?)</ol>', page, re.S).group(1)
    assert steps.count("<li>") == 6
    assert "Kepala Bidang" in steps and "Penyuluh Sosial" in steps
    assert "Instagram" in page and "dinsosbanten.go.id_official" in page
    assert "Masyarakat/Posko" in page  # the complaint flow


def test_a_service_without_public_intake_says_so(catalogue, client):
    page = html(client.get("/services/sragen-kehabisan-bekal/"))
    assert "1 kali kejadian" in page
    assert "Undang-Undang Nomor 11 Tahun 2009 tentang Kesejahteraan Sosial" in page
    assert "Sari Srihartiwi, MM" in page
    assert 'class="button" href' not in page  # no apply button


def test_pages_carry_no_inline_script_or_style(catalogue, client):
    for url in ("/", "/services/", "/offices/banten/", "/services/banten-anak-terlantar/"):
        page = html(client.get(url))
        assert "style=" not in page
        assert "<script>" not in page


def test_staff_and_anonymous_visitors_see_the_same_public_page(catalogue, cast):
    staff = cast.client_for(cast.user("banten", Role.HEAD_OF_DIVISION))
    assert "Fasilitas Program Sembako" in html(staff.get("/services/tarakan-sembako/"))
    assert "Fasilitas Program Sembako" in html(Client().get("/services/tarakan-sembako/"))


def test_an_older_revision_stays_readable_and_is_marked(catalogue, client, tmp_path):
    data = yaml.safe_load((CATALOGUE_DIR / "tarakan-sembako.yaml").read_text(encoding="utf-8"))
    data.update(revision=2, effective_date=date(2025, 6, 1))
    data["time_limit"]["text"] = "30 menit kerja"
    path = tmp_path / "tarakan-sembako.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    standard_load_catalogue(path=path)
    assert "30 menit kerja" in html(client.get("/services/tarakan-sembako/"))
    old = html(client.get("/services/tarakan-sembako/?revision=1"))
    assert "message-warning" in old
    assert "?revision=2" in old and "?revision=1" in old
    assert client.get("/services/tarakan-sembako/?revision=9").status_code == 404
    assert client.get("/services/tarakan-sembako/?revision=x1").status_code == 404


def test_the_pdf_is_an_official_looking_a4_document(catalogue, client):
    response = client.get("/services/tarakan-sembako/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4 in points
    text = " ".join(page.extract_text() for page in reader.pages)
    text = re.sub(r"\s+", " ", text)
    assert "000.8.3.2/03.2/DINSOSPM" in text
    assert "PEMERINTAH KOTA TARAKAN" in text
    assert "Arbain, SE., M. AP" in text
    assert "NIP 19680318 199403 1 007" in text
    assert "30 menit" in text
    assert "Pembina Utama Muda/IV-c" in text


def test_the_pdf_of_a_standard_without_signer_still_renders(catalogue, client):
    response = client.get("/services/sragen-bpnt/pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "460/2339/09/2022" in text
    assert "Fasilitas Difabel" in text


def test_the_public_home_links_each_office_and_its_services(catalogue, client):
    page = html(client.get("/"))
    assert 'href="/offices/tarakan/"' in page
    assert 'href="/services/sragen-bpnt/"' in page
    assert 'href="/services/"' in page


def test_a_service_with_public_intake_links_to_the_online_application(catalogue, client):
    from django.urls import NoReverseMatch, reverse

    try:
        apply_url = reverse("applications:apply_start", args=["tarakan-sembako"])
    except NoReverseMatch:
        pytest.skip("the online application is not wired yet")
    page = html(client.get("/services/tarakan-sembako/"))
    assert f'href="{apply_url}"' in page


def test_the_pdf_is_rendered_once_and_then_served_from_the_cache(catalogue, client, monkeypatch):
    from sigap.standards import views

    calls = []
    real = views.render_pdf
    monkeypatch.setattr(views, "render_pdf", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = client.get("/services/sragen-kehabisan-bekal/pdf").content
    second = client.get("/services/sragen-kehabisan-bekal/pdf").content
    assert first == second and first.startswith(b"%PDF")
    assert len(calls) == 1


def test_the_complaints_component_links_to_the_online_complaint_form(catalogue, client):
    from django.urls import NoReverseMatch, reverse

    try:
        complain_url = reverse("complaints:new")
    except NoReverseMatch:
        pytest.skip("the complaint form is not wired yet")
    page = html(client.get("/services/sragen-bpnt/"))
    assert f'href="{complain_url}?service=sragen-bpnt"' in page


def test_the_public_page_says_which_requirements_come_during_the_procedure(catalogue, client):
    from django.urls import reverse

    page = client.get(reverse("standards:detail", args=["banten-anak-terlantar"])).text
    assert "dipenuhi pada tahap ke-2 prosedur" in page
