"""PAdES signatures on PDFs with pyHanko: sign with a PKCS#12 file, validate offline.

The certificate and its password are read from a file path given by the deployment (settings
or the command line), never from the database. The reason of the signature states the signing
time and the hash of the sealed snapshot the PDF shows, so the printed PDF, the form's history
and an evidence package can be tied together by an auditor.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


class SigningUnavailable(RuntimeError):
    """Signing is configured but cannot be done (file missing, wrong password). ``message`` is
    Chinese, for the operator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SigningKey:
    pkcs12_path: Path
    password: bytes


def signing_key(pkcs12: str, password: str = "", password_file: str = "") -> SigningKey | None:
    """The key configured by a deployment, or None when signing is not configured."""
    if not pkcs12:
        return None
    if password_file:
        try:
            password = Path(password_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise SigningUnavailable(
                f"无法读取签名证书密码文件：{password_file}（{exc}）"
            ) from None
    return SigningKey(Path(pkcs12), password.encode("utf-8"))


def _signer(key: SigningKey) -> signers.SimpleSigner:
    if not key.pkcs12_path.is_file():
        raise SigningUnavailable(f"签名证书文件不存在：{key.pkcs12_path}")
    signer = signers.SimpleSigner.load_pkcs12(
        pfx_file=str(key.pkcs12_path), passphrase=key.password or None
    )
    if signer is None:
        raise SigningUnavailable("无法读取签名证书（PKCS#12 文件损坏或密码错误）")
    return signer


def signature_reason(snapshot_hash: str | None, when: dt.datetime) -> str:
    stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    sealed = f"；快照哈希 SHA-256:{snapshot_hash}" if snapshot_hash else ""
    return f"预算绩效自评表；签署时间 {stamp}{sealed}"


def sign_pdf(
    pdf: bytes, *, key: SigningKey, snapshot_hash: str | None, location: str = ""
) -> bytes:
    """``pdf`` with a PAdES baseline signature appended (an incremental update)."""
    signer = _signer(key)
    meta = signers.PdfSignatureMetadata(
        field_name="JixiaoSeal",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=signature_reason(snapshot_hash, dt.datetime.now(dt.UTC)),
        location=location or None,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = signers.sign_pdf(writer, meta, signer=signer)
    return out.getvalue()


@dataclass(frozen=True)
class SignatureCheck:
    signed: bool
    intact: bool
    valid: bool
    trusted: bool
    signer: str = ""
    reason: str = ""
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.signed and self.intact and self.valid


def load_certificate(data: bytes) -> asn1_x509.Certificate:
    """A certificate from PEM or DER bytes."""
    if data.lstrip().startswith(b"-----BEGIN"):
        from asn1crypto import pem

        _, _, data = pem.unarmor(data)
    return asn1_x509.Certificate.load(data)


def validate_pdf(
    pdf: bytes, trust_roots: list[asn1_x509.Certificate] | None = None
) -> SignatureCheck:
    """Check every signature of ``pdf``: the bytes it covers are unchanged (intact), the
    cryptography holds (valid), and, given trust roots, the signer chains to one (trusted).
    The first failing signature decides."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, OSError) as exc:
        return SignatureCheck(False, False, False, False, problem=f"无法读取 PDF：{exc}")
    if not signatures:
        return SignatureCheck(False, False, False, False, problem="PDF 没有数字签名")
    context = ValidationContext(trust_roots=trust_roots or [], allow_fetching=False)
    result = SignatureCheck(False, False, False, False)
    for signature in signatures:
        try:
            status = validate_pdf_signature(signature, context, skip_diff=False)
        except Exception as exc:  # pyHanko raises several kinds for a damaged signature
            return SignatureCheck(True, False, False, False, problem=f"签名无法验证：{exc}")
        reason = str(signature.sig_object.get("/Reason", ""))
        result = SignatureCheck(
            signed=True,
            intact=bool(status.intact),
            valid=bool(status.valid),
            trusted=bool(status.trusted),
            signer=status.signing_cert.subject.human_friendly if status.signing_cert else "",
            reason=reason,
            problem="" if status.intact and status.valid else "签名后文件内容已被改动或签名无效",
        )
        if not result.ok:
            return result
    return result
