"""A development certificate authority: a CA, PKCS#12 files for signers and office seals, and
a revocation list. For `make run`, the demo and the tests; never for real letters (a real
office's certificates come from BSrE or another CA its government trusts)."""

import datetime
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

CA_NAME = "Sigap Development CA (not for real letters)"
CA_CERT = "ca.pem"
CA_KEY = "ca-key.pem"
CRL_FILE = "ca.crl"
CRL_URL = "http://sigap-dev-ca.invalid/ca.crl"


@dataclass(frozen=True)
class DevCA:
    folder: Path
    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def ca_create(folder: Path) -> DevCA:
    """Creates the CA in `folder`, or loads it when it is already there."""
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / CA_CERT, folder / CA_KEY
    if cert_path.is_file() and key_path.is_file():
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        return DevCA(folder, cert, key)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, CA_NAME)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_now() - datetime.timedelta(days=1))
        .not_valid_after(_now() + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    crl_write(DevCA(folder, cert, key), revoked=[])
    return DevCA(folder, cert, key)


def signer_issue(
    ca: DevCA,
    *,
    file_key: str,
    name: str,
    passphrase: str,
    organisation: str = "",
    serial: str = "",
    valid_days: int = 730,
    expired: bool = False,
) -> x509.Certificate:
    """Writes `<file_key>.p12` (key, certificate, CA) and returns the certificate."""
    key = ec.generate_private_key(ec.SECP256R1())
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, name[:64])]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation[:64]))
    if serial:
        attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial))
    start = _now() - datetime.timedelta(days=(valid_days + 2) if expired else 1)
    end = (
        _now() - datetime.timedelta(days=1)
        if expired
        else _now() + datetime.timedelta(days=valid_days)
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attributes))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False
        )
        # Validators look for revocation only where a certificate says where its list is;
        # the list itself is handed to them from the CA's folder (nothing is fetched).
        .add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        full_name=[x509.UniformResourceIdentifier(CRL_URL)],
                        relative_name=None,
                        reasons=None,
                        crl_issuer=None,
                    )
                ]
            ),
            critical=False,
        )
        .sign(ca.key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        name=file_key.encode(),
        key=key,
        cert=cert,
        cas=[ca.cert],
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode())
        if passphrase
        else serialization.NoEncryption(),
    )
    path = ca.folder / f"{file_key}.p12"
    path.write_bytes(data)
    path.chmod(0o600)
    return cert


def crl_write(ca: DevCA, *, revoked: list[x509.Certificate]) -> Path:
    """The CA's revocation list (DER) listing `revoked`."""
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.cert.subject)
        .last_update(_now() - datetime.timedelta(minutes=5))
        .next_update(_now() + datetime.timedelta(days=30))
    )
    for cert in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(cert.serial_number)
            .revocation_date(_now() - datetime.timedelta(minutes=1))
            .build()
        )
    crl = builder.sign(ca.key, hashes.SHA256())
    path = ca.folder / CRL_FILE
    path.write_bytes(crl.public_bytes(serialization.Encoding.DER))
    return path
