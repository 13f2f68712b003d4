"""Signing a PDF with pyHanko: a PAdES signature with a visible stamp in the signature block."""

import io
from zoneinfo import ZoneInfo

from django.utils import timezone, translation

from sigap.core.formatting import format_datetime
from sigap.documents.signing import StampBox

STAMP_TEXT = "Ditandatangani secara elektronik oleh\n%(signer)s\n%(when)s"
FIELD_NAME = "TTE"


def pades_sign(*, pdf: bytes, signer, box: StampBox | None, name: str, zone_key: str = "") -> bytes:
    """`signer` is a pyHanko signer (a SimpleSigner loaded from PKCS#12)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    spec = None
    if box is not None:
        spec = fields.SigFieldSpec(
            sig_field_name=FIELD_NAME, on_page=box.page, box=(box.x1, box.y1, box.x2, box.y2)
        )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        name=name,
        location="Indonesia",
        reason="Dokumen resmi ditandatangani secara elektronik",
    )
    style = TextStampStyle(stamp_text=STAMP_TEXT, border_width=1)
    # The time in the office's own zone (WITA for Tarakan), as on the rest of the letter.
    zone = ZoneInfo(zone_key) if zone_key else None
    with translation.override("id"):
        when = format_datetime(timezone.now(), zone=zone)
    pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style, new_field_spec=spec)
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=out, appearance_text_params={"signer": name, "when": when})
    return out.getvalue()
