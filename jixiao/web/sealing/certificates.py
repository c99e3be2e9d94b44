"""A throwaway CA and signing certificate for the demo and the tests (no key lives in the repo).

A real deployment uses the bureau's certificate from its CA; this one only shows the mechanism:
validators report its signatures intact but not trusted unless given its root.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSWORD = "demo-only-jixiao"


@dataclass(frozen=True)
class GeneratedCertificate:
    pkcs12_path: Path
    password: str
    ca_pem: bytes


def _name(common: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "天河区财政局（演示）"),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def make_certificate(folder: Path) -> GeneratedCertificate:
    now = dt.datetime.now(dt.UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(_name("jixiao 演示根证书"))
        .issuer_name(_name("jixiao 演示根证书"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
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
        .sign(ca_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("天河区财政局电子签章（演示）"))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
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
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    bundle = pkcs12.serialize_key_and_certificates(
        b"jixiao-test",
        key,
        cert,
        [ca_cert],
        serialization.BestAvailableEncryption(PASSWORD.encode("utf-8")),
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bureau.p12"
    path.write_bytes(bundle)
    (folder / "password").write_text(PASSWORD, encoding="utf-8")
    (folder / "root.pem").write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    return GeneratedCertificate(path, PASSWORD, ca_cert.public_bytes(serialization.Encoding.PEM))
