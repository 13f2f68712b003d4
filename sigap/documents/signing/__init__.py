"""Electronic signatures (TTE) on issued PDFs: PAdES signatures made with pyHanko.

The backend is chosen by `SIGAP_SIGNING_BACKEND`:

- `none` (the default of the test suite): documents are issued without a PDF signature;
- `pkcs12`: a PKCS#12 file per signer in `SIGAP_SIGNING_PKCS12_DIR`, named after the signer's
  NIP (`196803181994031007.p12`), or `office-<code>.p12` for documents no official signs
  (a portal receipt); passphrase `SIGAP_SIGNING_PKCS12_PASSPHRASE`. `sigap signing_devca`
  makes a development CA and files for the demo (done by `make run`);
- `remote`: a signing service over HTTP shaped like BSrE's (`SIGAP_SIGNING_URL`, ...): the PDF,
  the signer's NIK or NIP and passphrase go out, the signed PDF comes back.

A refusal or an unreachable service raises `SigningFailed` (a ValidationError with a message
for the clerk) inside `document_issue`'s transaction, so no number is used and nothing is stored.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext_lazy as _

from sigap.core.formatting import zone_for_office

SIGNING_UNAVAILABLE = _(
    "The electronic signature service cannot be reached; the document was not issued. "
    "Try again in a moment."
)
SIGNING_REFUSED = _("The electronic signature was refused: %(reason)s")
SIGNING_NO_CERTIFICATE = _(
    "There is no signing certificate for %(who)s; the administrator must install one."
)


class SigningFailed(ValidationError):
    """The document could not be signed; nothing may be issued."""


@dataclass(frozen=True)
class SignerIdentity:
    """Who signs: an official (NIP, maybe NIK) or, with neither, the office's seal."""

    name: str
    nip: str = ""
    nik: str = ""
    office_code: str = ""
    passphrase: str = ""
    zone_key: str = ""  # the office's time zone, for the time printed in the stamp

    @property
    def key(self) -> str:
        return self.nip or self.nik or f"office-{self.office_code}"


@dataclass(frozen=True)
class StampBox:
    """Where the visible stamp goes: page index, box in PDF points (origin bottom left)."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float


def backend_name() -> str:
    return getattr(settings, "SIGAP_SIGNING_BACKEND", "none") or "none"


def sign_pdf(*, pdf: bytes, identity: SignerIdentity, box: StampBox | None) -> bytes:
    """The signed PDF (unchanged when the backend is `none`)."""
    name = backend_name()
    if name == "none":
        return pdf
    if name == "pkcs12":
        from sigap.documents.signing.pkcs12 import sign_with_pkcs12

        return sign_with_pkcs12(pdf=pdf, identity=identity, box=box)
    if name == "remote":
        from sigap.documents.signing.remote import sign_remotely

        return sign_remotely(pdf=pdf, identity=identity, box=box)
    raise ImproperlyConfigured(
        f"SIGAP_SIGNING_BACKEND must be none, pkcs12 or remote, not {name!r}"
    )


PX_TO_PT = 0.75  # WeasyPrint lays out in CSS pixels (1/96 in); PDF boxes are in points (1/72 in)
STAMP_ANCHOR = "tte-stamp"


def stamp_box_of(document) -> StampBox | None:
    """Where the signer's block left room for the stamp: the box of its signing space (the
    `tte-stamp` anchor of the frame, 55 x 22 mm); None when the document has no signer's block.
    """
    for index, page in enumerate(document.pages):
        if STAMP_ANCHOR in page.anchors:
            x1, y1, x2, y2 = page.anchors[STAMP_ANCHOR]
            height_pt = page.height * PX_TO_PT
            return StampBox(
                page=index,
                x1=x1 * PX_TO_PT,
                y1=height_pt - y2 * PX_TO_PT,
                x2=x2 * PX_TO_PT,
                y2=height_pt - y1 * PX_TO_PT,
            )
    return None


def identity_for(*, office, signer_snapshot: dict, signer_user=None) -> SignerIdentity:
    """The identity a document is signed with: its signer's NIP (and NIK), or the office seal."""
    return SignerIdentity(
        name=signer_snapshot.get("name") or office.name,
        nip=signer_snapshot.get("nip", "") if signer_user is not None else "",
        nik=getattr(signer_user, "nik", "") or "",
        office_code=office.code,
        zone_key=zone_for_office(office).key,
    )


def render_signed_pdf(html: str, *, identity: SignerIdentity) -> bytes:
    """Lays the page out once, signs the PDF in the stamp box of the signer's block."""
    from sigap.documents.pdf import html_document

    document = html_document(html)
    pdf = document.write_pdf()
    if backend_name() == "none":
        return pdf
    return sign_pdf(pdf=pdf, identity=identity, box=stamp_box_of(document))
