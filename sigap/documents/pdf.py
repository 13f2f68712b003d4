"""A4 PDFs with the office letterhead, signature blocks and verification QR (WeasyPrint).

Every printable document (standards, letters, receipts, BAST, reports) renders a template that
extends `documents/pdf/base.html` and passes its office; `render_pdf` returns the bytes.

Documents embed every image as a data: URI, so the renderer fetches nothing: one URL fetcher per
thread, limited to data: URLs, is shared by every render (building WeasyPrint's default fetcher
for each render costs ~30 ms, and it would also follow file:// and http:// links a template
edited by an office could put in an <img>).
"""

import base64
import io
import threading

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from sigap.documents.frame import legacy_signatories, letterhead_for


def qr_data_uri(url: str, *, scale: int = 4) -> str:
    """An SVG QR code of `url` as a data: URI, for <img src> in PDFs and pages."""
    qr = segno.make(url, error="m")
    # A standalone SVG needs its namespace, or browsers (and some PDF engines) drop the image.
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def frame_context(context: dict) -> dict:
    """Adds what the shared frame prints (letterhead, signatures) when the caller did not."""
    full = dict(context)
    if "letterhead" not in full:
        full["letterhead"] = letterhead_for(full.get("office"))
    full["signatories"] = legacy_signatories(full)
    return full


def render_html(template_name: str, context: dict, *, language: str = "id") -> str:
    with translation.override(language):
        return render_to_string(template_name, frame_context(context))


def render_pdf(template_name: str, context: dict, *, language: str = "id") -> bytes:
    """Renders an HTML template to PDF bytes. Official documents are in Bahasa Indonesia."""
    return html_to_pdf(render_html(template_name, context, language=language))


_local = threading.local()


def _font_config():
    """One font configuration per thread: building it costs ~30% of a one-page PDF."""
    from weasyprint.text.fonts import FontConfiguration

    if getattr(_local, "font_config", None) is None:
        _local.font_config = FontConfiguration()
    return _local.font_config


def url_fetcher():
    """The thread's shared fetcher: data: URLs only (see the module docstring)."""
    from weasyprint.urls import URLFetcher

    if getattr(_local, "url_fetcher", None) is None:
        _local.url_fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    return _local.url_fetcher


def html_document(html: str):
    """The laid-out WeasyPrint document (pages, anchors) of a complete HTML page."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=url_fetcher()).render(
        font_config=_font_config()
    )


def html_to_pdf(html: str) -> bytes:
    """PDF bytes of a complete HTML page (kept separate so callers can store the HTML too)."""
    return html_document(html).write_pdf()
