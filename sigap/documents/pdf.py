"""A4 PDFs with the office letterhead, signature block and verification QR (WeasyPrint).

Every printable document (standards, letters, receipts, BAST, reports) renders a template that
extends `documents/pdf/base.html` and passes its office; `render_pdf` returns the bytes.
"""

import base64
import io
import threading

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def qr_data_uri(url: str, *, scale: int = 4) -> str:
    """An SVG QR code of `url` as a data: URI, for <img src> in PDFs and pages."""
    qr = segno.make(url, error="m")
    # A standalone SVG needs its namespace, or browsers (and some PDF engines) drop the image.
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def render_pdf(template_name: str, context: dict, *, language: str = "id") -> bytes:
    """Renders an HTML template to PDF bytes. Official documents are in Bahasa Indonesia."""
    with translation.override(language):
        html = render_to_string(template_name, context)
    return html_to_pdf(html)


_local = threading.local()


def _font_config():
    """One font configuration per thread: building it costs ~30% of a one-page PDF."""
    from weasyprint.text.fonts import FontConfiguration

    if getattr(_local, "font_config", None) is None:
        _local.font_config = FontConfiguration()
    return _local.font_config


def html_to_pdf(html: str) -> bytes:
    """PDF bytes of a complete HTML page (kept separate so callers can store the HTML too)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=_font_config())
