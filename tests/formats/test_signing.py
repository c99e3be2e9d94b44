"""PAdES signing with a certificate made for the test, checked by pyHanko and by poppler."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from jixiao.core.serialization import form_from_json
from jixiao.formats.registry import get_exporter
from jixiao.formats.signing import (
    FIELD_NAME,
    STAMP_MARGIN,
    STAMP_SIZE,
    SigningUnavailable,
    load_certificate,
    sign_pdf,
    signing_key,
    stamp_lines,
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


def _seal_widget(pdf: bytes):
    """The signature field's widget and the page it sits on (pyHanko's reader)."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    (signature,) = reader.embedded_signatures
    field = signature.sig_field
    assert field["/T"] == FIELD_NAME
    page = field["/P"]
    pages = [reader.find_page_for_modification(i)[0].get_object() for i in range(_pages(reader))]
    return field, pages.index(page), len(pages)


def _pages(reader) -> int:
    return int(reader.root["/Pages"]["/Count"])


def test_the_signature_field_has_a_visible_stamp_on_the_last_page(signed: bytes) -> None:
    field, page, pages = _seal_widget(signed)
    assert page == pages - 1
    left, bottom, right, top = (float(v) for v in field["/Rect"])
    assert (right - left, top - bottom) == STAMP_SIZE
    assert bottom == STAMP_MARGIN[1]  # bottom right, above the page number
    appearance = field["/AP"]["/N"]
    assert appearance["/BBox"] and appearance.data  # drawn, not an empty box
    assert "/XObject" in appearance["/Resources"]  # the stamp drawn here


def test_the_stamp_names_the_certificates_organisation_the_time_and_the_snapshot() -> None:
    import datetime as dt

    when = dt.datetime(2026, 3, 5, 10, 30, tzinfo=dt.UTC)
    assert stamp_lines("天河区财政局（演示）", SNAPSHOT, when) == [
        "天河区财政局（演示）",
        "电子签章 · 已数字签名",
        "签署时间 2026-03-05 10:30:00 UTC",
        f"快照 SHA-256 {SNAPSHOT[:16]}…",
    ]
    assert len(stamp_lines("", None, when)) == 3  # no snapshot: no hash line


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_poppler_draws_the_red_stamp_where_the_unsigned_page_is_blank(
    signed: bytes, tmp_path: Path
) -> None:
    # Rendered at 72 dpi a pixel is a point: count the stamp's red in its box on the last page.
    from PIL import Image

    def red_in_stamp(pdf: bytes, name: str) -> int:
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(pdf)
        field, page, _ = _seal_widget(signed)
        left, bottom, right, top = (round(float(v)) for v in field["/Rect"])
        number = str(page + 1)
        pages = ["-f", number, "-l", number]
        out = [str(path), str(tmp_path / name)]
        subprocess.run(["pdftoppm", "-r", "72", *pages, "-png", "-singlefile", *out], check=True)
        image = Image.open(tmp_path / f"{name}.png").convert("RGB")
        height = image.height
        box = image.crop((left, height - top, right, height - bottom))
        raw = box.tobytes()
        pixels = (raw[i : i + 3] for i in range(0, len(raw), 3))
        return sum(1 for r, g, b in pixels if r > 150 and g < 90 and b < 90)

    unsigned = _unsigned_original(signed)
    assert red_in_stamp(unsigned, "unsigned") == 0
    assert red_in_stamp(signed, "signed") > 500


def _unsigned_original(signed: bytes) -> bytes:
    # The signature is an incremental update: the bytes before it are the unsigned PDF.
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    (signature,) = PdfFileReader(io.BytesIO(signed), strict=False).embedded_signatures
    start, length = signature.byte_range[0], signature.byte_range[1]
    assert start == 0
    # The first revision ends at the last %%EOF before the signed update began.
    return signed[: signed.rindex(b"%%EOF", 0, length) + len(b"%%EOF")] + b"\n"
