"""Checking the PDF signature of a file: who signed, when, with which certificate, whether that
certificate is trusted, expired or revoked, and whether the file changed after signing.

Trust roots are `SIGAP_SIGNING_TRUST_ROOTS` (PEM files; BSrE's root for real offices) and
revocation lists `SIGAP_SIGNING_CRLS`; with the PKCS#12 backend the development CA in its
folder is trusted too, so the demo's letters verify.
"""

import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sigap.documents.signing.devca import CA_CERT, CRL_FILE

NOT_SIGNED = _("The file carries no electronic signature.")
VALID = _("The electronic signature is valid: the file has not changed since it was signed.")
CHANGED = _("The file was changed after it was signed: do not rely on it.")
UNTRUSTED = _("The certificate is not issued by an authority this office trusts.")
EXPIRED = _("The signer's certificate had expired when the file was signed.")
REVOKED = _("The signer's certificate has been revoked.")
UNREADABLE = _("The file could not be read as a PDF.")


@dataclass
class SignatureCheck:
    signed: bool = False
    intact: bool = False
    trusted: bool = False
    expired: bool = False
    revoked: bool = False
    changed_after_signing: bool = False
    signer: str = ""
    signer_serial: str = ""
    issuer: str = ""
    signed_at: datetime.datetime | None = None
    valid_until: datetime.datetime | None = None
    problems: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.signed and self.intact and self.trusted and not self.changed_after_signing

    @property
    def summary(self):
        if not self.signed:
            return NOT_SIGNED
        return VALID if self.ok else (self.problems[0] if self.problems else CHANGED)


def _paths(setting: str, dev_file: str) -> list[Path]:
    paths = [Path(p) for p in getattr(settings, setting, []) if p]
    if settings.SIGAP_SIGNING_BACKEND == "pkcs12":
        dev = Path(settings.SIGAP_SIGNING_PKCS12_DIR) / dev_file
        if dev.is_file():
            paths.append(dev)
    return [p for p in paths if p.is_file()]


def validation_context():
    from asn1crypto import pem, x509
    from pyhanko_certvalidator import ValidationContext

    roots = []
    for path in _paths("SIGAP_SIGNING_TRUST_ROOTS", CA_CERT):
        data = path.read_bytes()
        for _type, _headers, der in pem.unarmor(data, multiple=True) if pem.detect(data) else []:
            roots.append(x509.Certificate.load(der))
    crls = [p.read_bytes() for p in _paths("SIGAP_SIGNING_CRLS", CRL_FILE)]
    return ValidationContext(
        trust_roots=roots,
        crls=crls,
        allow_fetching=False,
        revocation_mode="soft-fail",
    )


def signature_check(data: bytes) -> SignatureCheck:
    """Validates the last signature of `data` (the issued document's own)."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature

    check = SignatureCheck()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except (PdfReadError, ValueError, KeyError, TypeError):
        check.problems.append(UNREADABLE)
        return check
    if not signatures:
        return check
    embedded = signatures[-1]
    check.signed = True
    try:
        status = validate_pdf_signature(embedded, signer_validation_context=validation_context())
    except Exception:  # a broken signature is an answer, never a 500
        check.problems.append(CHANGED)
        check.changed_after_signing = True
        return check
    cert = status.signing_cert
    check.signer = cert.subject.native.get("common_name", "")
    check.signer_serial = cert.subject.native.get("serial_number", "")
    check.issuer = cert.issuer.native.get("common_name", "")
    check.signed_at = status.signer_reported_dt
    check.valid_until = cert.not_valid_after
    check.intact = bool(status.intact and status.valid)
    check.trusted = bool(status.trusted)
    check.revoked = bool(status.revoked)
    when = check.signed_at or datetime.datetime.now(datetime.UTC)
    check.expired = not (cert.not_valid_before <= when <= cert.not_valid_after)
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    check.changed_after_signing = not check.intact or (
        status.coverage != SignatureCoverageLevel.ENTIRE_FILE
    )
    if check.changed_after_signing:
        check.problems.append(CHANGED)
    if check.revoked:
        check.problems.append(REVOKED)
    if check.expired:
        check.problems.append(EXPIRED)
    if not check.trusted and not (check.revoked or check.expired):
        check.problems.append(UNTRUSTED)
    return check
