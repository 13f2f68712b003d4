"""Checks a rendered PDF the way a reader holding the paper would: no text or image outside the
printable area, each signature block whole on one page and never alone there, a drawn signature
inside its own block. Positions come from the PDF itself (pdfplumber), not from the template.

Also writes a PNG of every page under test-artifacts/documents/ to be looked at.
"""

import io
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

MM = 72 / 25.4  # PDF points per millimetre
PAGE_W, PAGE_H = 210 * MM, 297 * MM
# The @page margins of documents/pdf/document.css (top, right, bottom, left).
MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT = 15 * MM, 18 * MM, 20 * MM, 22 * MM
TOLERANCE = 1.0 * MM
# Page numbers and the document number print in the bottom margin, inside the printer's reach.
PRINTER_SAFE = 6 * MM
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "documents"


@dataclass
class Word:
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def words_of(pdf: bytes) -> list[Word]:
    found = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages, start=1):
            for w in page.extract_words(keep_blank_chars=False, use_text_flow=True):
                found.append(Word(number, w["text"], w["x0"], w["x1"], w["top"], w["bottom"]))
    return found


def outside_printable_area(pdf: bytes) -> list[str]:
    """Every character or image that lies outside the page's content box (or the footer)."""
    problems = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages, start=1):
            if (round(page.width), round(page.height)) != (595, 842):
                problems.append(f"page {number} is not A4: {page.width}x{page.height}")
            for char in page.chars:
                in_footer = char["top"] > PAGE_H - MARGIN_BOTTOM
                left, right = (
                    (PRINTER_SAFE, PAGE_W - PRINTER_SAFE)
                    if in_footer
                    else (MARGIN_LEFT - TOLERANCE, PAGE_W - MARGIN_RIGHT + TOLERANCE)
                )
                top, bottom = MARGIN_TOP - TOLERANCE, PAGE_H - PRINTER_SAFE
                if (
                    char["x0"] < left
                    or char["x1"] > right
                    or char["top"] < top
                    or char["bottom"] > bottom
                ):
                    problems.append(
                        f"page {number}: {char['text']!r} at x={char['x0']:.0f}-{char['x1']:.0f}, "
                        f"top={char['top']:.0f}"
                    )
            for image in page.images:
                if (
                    image["x0"] < MARGIN_LEFT - TOLERANCE
                    or image["x1"] > PAGE_W - MARGIN_RIGHT + TOLERANCE
                    or image["top"] < MARGIN_TOP - TOLERANCE
                    or image["bottom"] > PAGE_H - MARGIN_BOTTOM + TOLERANCE
                ):
                    problems.append(f"page {number}: an image outside the printable area")
    return problems[:20]


def find_phrase(words: list[Word], phrase: str) -> list[Word]:
    """The words of the last place where `phrase` (split on spaces) is printed in order (the
    signature blocks come last; the same words may stand in the body before)."""
    parts = phrase.split()
    for i in range(len(words) - len(parts), -1, -1):
        window = words[i : i + len(parts)]
        if [w.text for w in window] == parts:
            return window
    return []


def signature_problems(pdf: bytes, blocks: list[tuple[str, str]]) -> list[str]:
    """`blocks`: (first line, name) of each signature block, e.g. ("PIHAK PERTAMA,", "Budi").

    A block is split when its first line and its name are on different pages; it stands alone
    when nothing of the body is printed above it on its page.
    """
    words = words_of(pdf)
    problems = []
    for first_line, name in blocks:
        head, tail = find_phrase(words, first_line), find_phrase(words, name)
        if not head or not tail:
            problems.append(f"signature block {first_line!r}/{name!r} not found")
            continue
        # The name printed under the role: the last occurrence after the role line.
        tails = [
            w
            for i in range(len(words))
            if (w := words[i]).text == tail[0].text
            and (w.page, w.top) > (head[0].page, head[0].top)
        ]
        if not tails:
            problems.append(f"the name {name!r} is not printed under {first_line!r}")
            continue
        if tails[0].page != head[0].page:
            problems.append(f"signature block {first_line!r} is split across pages")
        above = [
            w
            for w in words
            if w.page == head[0].page and w.bottom < head[0].top - 8 * MM and w.top > MARGIN_TOP
        ]
        if len(above) < 5:
            problems.append(f"signature block {first_line!r} stands alone on page {head[0].page}")
    return problems


def page_count(pdf: bytes) -> int:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)


def images_of(pdf: bytes) -> list[dict]:
    found = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages, start=1):
            found.extend({**image, "page": number} for image in page.images)
    return found


def write_pngs(pdf: bytes, name: str) -> list[Path]:
    """One PNG per page at 70 dpi, test-artifacts/documents/<name>-<page>.png."""
    import pypdfium2

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        if old.stem.removeprefix(f"{name}-").isdigit():
            old.unlink()
    paths = []
    document = pypdfium2.PdfDocument(pdf)
    document.init_forms()  # so the signature stamp (a form widget) is drawn too
    try:
        for index in range(len(document)):
            path = ARTIFACTS / f"{name}-{index + 1}.png"
            document[index].render(scale=70 / 72).to_pil().save(path)
            paths.append(path)
    finally:
        document.close()
    return paths
