"""PAdES signing with a certificate made for the test, checked by pyHanko and by poppler."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from jixiao.core.serialization import form_from_json
from jixiao.formats.registry import get_exporter
from jixiao.formats.signing import (
    SigningUnavailable,
    load_certificate,
    sign_pdf,
    signing_key,
    validate_pdf,
)
from jixiao.web.sealing.certificates import GeneratedCertificate, make_certificate

FIXTURE = Path(__file__).parents[1] / "fixtures" / "sample_project_form.json"
SNAPSHOT = "ab" * 32


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> GeneratedCertificate:
    return make_certificate(tmp_path_factory.mktemp("cert"))


@pytest.fixture(scope="module")
def signed(certificate: GeneratedCertificate) -> bytes:
    form = form_from_json(FIXTURE.read_text(encoding="utf-8"))
    pdf = get_exporter("pdf").write(form)
    key = signing_key(str(certificate.pkcs12_path), certificate.password)
    assert key is not None
    return sign_pdf(pdf, key=key, snapshot_hash=SNAPSHOT)


def test_the_signature_is_valid_trusted_and_names_the_snapshot(
    signed: bytes, certificate: GeneratedCertificate
) -> None:
    check = validate_pdf(signed, [load_certificate(certificate.ca_pem)])
    assert check.ok and check.trusted
    assert "天河区财政局电子签章" in check.signer
    assert f"快照哈希 SHA-256:{SNAPSHOT}" in check.reason
    assert "签署时间 20" in check.reason


def test_without_the_root_the_signature_is_intact_but_not_trusted(signed: bytes) -> None:
    check = validate_pdf(signed)
    assert check.ok and not check.trusted


def _tampered(signed: bytes) -> bytes:
    # One byte of the page content (inside the signed byte range) changed.
    at = signed.index(b"stream", len(signed) // 4) + 20
    changed = bytearray(signed)
    changed[at] = (changed[at] + 1) % 256
    return bytes(changed)


def test_one_tampered_byte_fails_validation(
    signed: bytes, certificate: GeneratedCertificate
) -> None:
    check = validate_pdf(_tampered(signed), [load_certificate(certificate.ca_pem)])
    assert not check.ok


def test_an_unsigned_pdf_is_not_ok() -> None:
    form = form_from_json(FIXTURE.read_text(encoding="utf-8"))
    check = validate_pdf(get_exporter("pdf").write(form))
    assert not check.signed and check.problem == "PDF 没有数字签名"


def test_a_wrong_password_is_a_clear_error(certificate: GeneratedCertificate) -> None:
    key = signing_key(str(certificate.pkcs12_path), "wrong")
    assert key is not None
    with pytest.raises((SigningUnavailable, ValueError)):
        sign_pdf(b"%PDF-1.7", key=key, snapshot_hash=None)


def test_the_password_may_come_from_a_file(
    tmp_path: Path, certificate: GeneratedCertificate
) -> None:
    secret = tmp_path / "password"
    secret.write_text(certificate.password + "\n", encoding="utf-8")
    key = signing_key(str(certificate.pkcs12_path), password_file=str(secret))
    assert key is not None and key.password == certificate.password.encode()
    assert signing_key("") is None


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils not installed")
def test_poppler_pdfsig_finds_the_signature_valid_and_the_tampered_one_not(
    signed: bytes, tmp_path: Path
) -> None:
    good, bad = tmp_path / "signed.pdf", tmp_path / "tampered.pdf"
    good.write_bytes(signed)
    bad.write_bytes(_tampered(signed))
    out = subprocess.run(["pdfsig", str(good)], capture_output=True, text=True, check=False)
    assert "Signature Validation: Signature is Valid." in out.stdout, out.stdout
    assert "PAdES" in out.stdout or "ETSI.CAdES.detached" in out.stdout
    out = subprocess.run(["pdfsig", str(bad)], capture_output=True, text=True, check=False)
    assert "Signature is Valid." not in out.stdout
