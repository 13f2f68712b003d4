"""Every document type, rendered with worst-case data, stays inside the printable area and keeps
each signature block whole and in company; a PNG of each page is written to be looked at."""

import datetime

import pytest

from sigap.documents.pdf import html_to_pdf
from sigap.documents.rendering import render_document_html
from sigap.documents.template_catalogue import document_context
from sigap.documents.templating import file_templates, resolve_template
from sigap.documents.tests import layout, worst_case

SIGNER = {
    "name": worst_case.LONG_OFFICIAL,
    "rank": worst_case.LONG_RANK,
    "nip": worst_case.NIP,
    "position": "Kepala Dinas",
}
ISSUED_AT = datetime.datetime(2026, 12, 3, 1, 15, tzinfo=datetime.UTC)


def _render(code: str, *, draft: bool = False) -> bytes:
    office = worst_case.worst_office()
    template = resolve_template(office=None, code=code)
    html = render_document_html(
        office=office,
        body=template.body,
        title=template.title,
        number="400.9.2/1234/DINSOSP3AP2KB/XII/2026",
        issued_at=ISSUED_AT,
        context=document_context(code, worst_case.contexts()[code]),
        signer=SIGNER,
        token="Zx9fQm2LrT7vWc4Hk8NbYp3DsA6eGu1J",
        draft=draft,
    )
    return html_to_pdf(html)


def test_every_shipped_template_has_worst_case_data():
    assert set(file_templates()) == set(worst_case.contexts())


@pytest.mark.django_db
@pytest.mark.parametrize("code", sorted(worst_case.contexts()))
def test_document_holds_its_layout_with_worst_case_data(code):
    pdf = _render(code)
    layout.write_pngs(pdf, code)
    assert layout.outside_printable_area(pdf) == []
    blocks = worst_case.BLOCKS.get(code, [("Kepala Dinas Sosial,", worst_case.LONG_OFFICIAL)])
    assert layout.signature_problems(pdf, blocks) == []


@pytest.mark.django_db
def test_bast_with_40_lines_repeats_the_header_and_aligns_both_parties():
    pdf = _render("bast-goods")
    words = layout.words_of(pdf)
    pages = layout.page_count(pdf)
    assert pages >= 2
    headers = {w.page for w in words if w.text == "Kirim"}
    rows = {w.page for w in words if w.text.startswith("LOT-2026-")}
    assert len(rows) >= 2
    assert rows <= headers, "the item table's header is repeated on each page it continues on"
    second = layout.find_phrase(words, worst_case.LONG_PERSON)
    first = layout.find_phrase(words, worst_case.LONG_OFFICIAL)
    assert second[0].page == first[0].page
    assert abs(second[0].top - first[0].top) < 1, "the two names stand on one line"
    # The drawn signature lies inside PIHAK KEDUA's block: above the name, in its column.
    drawn = [i for i in layout.images_of(pdf) if tuple(i["srcsize"]) == worst_case.DRAWN_SIZE]
    assert len(drawn) == 1
    image = drawn[0]
    name_top = second[0].top
    assert image["page"] == second[0].page
    assert image["bottom"] <= name_top + 0.5
    assert image["top"] >= name_top - 30 * layout.MM
    column_centre = (second[0].x0 + second[-1].x1) / 2
    assert abs((image["x0"] + image["x1"]) / 2 - column_centre) < 25 * layout.MM
    assert image["x1"] < first[0].x0, "the drawn signature does not reach PIHAK PERTAMA's block"


@pytest.mark.django_db
def test_draft_is_marked_and_not_numbered():
    pdf = _render("sk-kks-lost", draft=True)
    layout.write_pngs(pdf, "sk-kks-lost-draft")
    text = " ".join(w.text for w in layout.words_of(pdf))
    assert "DRAF" in text
    assert "400.9.2/1234" not in text
    assert "/verify/" not in text


# The documents printed straight from a page (not issued): the standard, the report card, SKM.
PAGE_PDFS = {
    "standard": ("/services/tarakan-sembako/pdf", None, [("Kepala Dinas", "Arbain,")]),
    "report-card": ("/report-card/tarakan/pdf", None, []),
    "skm-report": ("/staff/skm/report.pdf?year=2026", "tarakan", []),
}


@pytest.mark.parametrize("name", sorted(PAGE_PDFS))
def test_page_pdf_holds_its_layout(name, catalogue, cast, client):
    from sigap.accounts.roles import Role

    url, office, blocks = PAGE_PDFS[name]
    if office:
        client = cast.client_for(cast.user(office, Role.HEAD_OF_OFFICE))
    response = client.get(url)
    assert response.status_code == 200
    pdf = response.content
    layout.write_pngs(pdf, name)
    assert layout.outside_printable_area(pdf) == []
    assert layout.signature_problems(pdf, blocks) == []
