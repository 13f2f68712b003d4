"""The PKCS#12 backend: one .p12 file per signer in a folder (small offices, tests, the demo)."""

from functools import lru_cache
from pathlib import Path

from django.conf import settings

from sigap.documents.signing import (
    SIGNING_NO_CERTIFICATE,
    SIGNING_REFUSED,
    SignerIdentity,
    SigningFailed,
    StampBox,
)
from sigap.documents.signing.stamp import pades_sign


def _folder() -> Path:
    return Path(settings.SIGAP_SIGNING_PKCS12_DIR)


def certificate_path(identity: SignerIdentity) -> Path | None:
    """The signer's own file, else (for documents no official signs) the office's seal."""
    for key in (identity.nip, identity.nik):
        if key and (path := _folder() / f"{key}.p12").is_file():
            return path
    if not (identity.nip or identity.nik) and identity.office_code:
        seal = _folder() / f"office-{identity.office_code}.p12"
        if seal.is_file():
            return seal
    return None


@lru_cache(maxsize=64)
def _load(path: str, mtime: float, passphrase: str):
    """Loading and decrypting a .p12 costs milliseconds; keep signers per file version."""
    from pyhanko.sign import signers

    return signers.SimpleSigner.load_pkcs12(
        path, passphrase=passphrase.encode() if passphrase else None
    )


def sign_with_pkcs12(*, pdf: bytes, identity: SignerIdentity, box: StampBox | None) -> bytes:
    path = certificate_path(identity)
    if path is None:
        raise SigningFailed(SIGNING_NO_CERTIFICATE, params={"who": identity.name or identity.key})
    passphrase = identity.passphrase or settings.SIGAP_SIGNING_PKCS12_PASSPHRASE
    try:
        signer = _load(str(path), path.stat().st_mtime, passphrase)
    except (ValueError, OSError) as exc:
        raise SigningFailed(SIGNING_REFUSED, params={"reason": "passphrase salah"}) from exc
    if signer is None:
        raise SigningFailed(SIGNING_REFUSED, params={"reason": "passphrase salah"})
    return pades_sign(
        pdf=pdf,
        signer=signer,
        box=box,
        name=identity.name or identity.key,
        zone_key=identity.zone_key,
    )
