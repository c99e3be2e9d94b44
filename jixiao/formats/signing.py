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
from PIL import Image, ImageDraw, ImageFont
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext

FIELD_NAME = "JixiaoSeal"


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


# The stamp box on the last page, in PDF points from its lower left corner: bottom right, above
# the page number, where a paper form takes the bureau's seal.
STAMP_SIZE = (200, 84)
STAMP_MARGIN = (36, 40)  # from the right edge, from the bottom edge
STAMP_RED = (192, 0, 0)
_STAMP_SCALE = 4  # pixels per point of the stamp image (sharp when printed)
_CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)


def _cjk_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A font that draws Chinese (Noto Sans CJK SC, which the bootstrap installs); Pillow's own
    font otherwise, so that a missing font never stops a signature."""
    for path in _CJK_FONTS:
        if not Path(path).is_file():
            continue
        for index in range(5):  # the collection's faces: prefer Simplified Chinese
            try:
                font = ImageFont.truetype(path, size, index=index)
            except OSError:
                break
            if "SC" in (font.getname()[0] or ""):
                return font
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def stamp_lines(signer_name: str, snapshot_hash: str | None, when: dt.datetime) -> list[str]:
    """What the visible stamp says: who signed (the certificate's organisation), when (UTC,
    as in the signature's reason) and the first 16 hex digits of the sealed snapshot's hash."""
    stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    lines = [signer_name or "电子签章", "电子签章 · 已数字签名", f"签署时间 {stamp}"]
    if snapshot_hash:
        lines.append(f"快照 SHA-256 {snapshot_hash[:16]}…")
    return lines


def stamp_image(lines: list[str]) -> Image.Image:
    """The stamp's appearance, drawn here (no seal image is copied): a red double frame with
    the lines inside, the first one large."""
    width, height = (side * _STAMP_SCALE for side in STAMP_SIZE)
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((4, 4, width - 5, height - 5), outline=STAMP_RED, width=10)
    draw.rectangle((22, 22, width - 23, height - 23), outline=STAMP_RED, width=3)
    y = 44
    for number, line in enumerate(lines):
        size = 58 if number == 0 else 34
        font = _cjk_font(size)
        left, _top, right, _bottom = draw.textbbox((0, 0), line, font=font)
        if number == 0 and right - left > width - 80:  # a long name: smaller, still one line
            font = _cjk_font(max(28, int(size * (width - 80) // (right - left))))
            left, _top, right, _bottom = draw.textbbox((0, 0), line, font=font)
        draw.text(((width - (right - left)) // 2 - left, y), line, font=font, fill=STAMP_RED)
        y += (size if number == 0 else 34) + 14
    return image


def _subject_organisation(signer: signers.SimpleSigner) -> str:
    subject = signer.signing_cert.subject.native if signer.signing_cert else {}
    return str(subject.get("organization_name") or subject.get("common_name") or "")


def _stamp_box(writer: IncrementalPdfFileWriter) -> tuple[int, int, int, int]:
    """The stamp's box on the last page (A4 when the page does not say its size)."""
    page_width = 595.0
    try:
        page_ref, _ = writer.find_page_for_modification(-1)
        box = page_ref.get_object()["/MediaBox"]
        page_width = float(box[2]) - float(box[0])
    except (KeyError, IndexError, TypeError, ValueError, PdfError):
        pass
    right = int(page_width) - STAMP_MARGIN[0]
    bottom = STAMP_MARGIN[1]
    return (right - STAMP_SIZE[0], bottom, right, bottom + STAMP_SIZE[1])


def sign_pdf(
    pdf: bytes,
    *,
    key: SigningKey,
    snapshot_hash: str | None,
    location: str = "",
    visible: bool = True,
) -> bytes:
    """``pdf`` with a PAdES baseline signature appended (an incremental update). ``visible``:
    the signature field has a stamp on the last page (:func:`stamp_image`)."""
    signer = _signer(key)
    when = dt.datetime.now(dt.UTC)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=signature_reason(snapshot_hash, when),
        location=location or None,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    if not visible:
        return signers.sign_pdf(writer, meta, signer=signer).getvalue()
    image = stamp_image(stamp_lines(_subject_organisation(signer), snapshot_hash, when))
    style = TextStampStyle(
        stamp_text="",
        border_width=0,
        background=PdfImage(image),
        background_opacity=1.0,
        background_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MID,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins(0, 0, 0, 0),
        ),
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(
            sig_field_name=FIELD_NAME, on_page=-1, box=_stamp_box(writer)
        ),
    )
    return pdf_signer.sign_pdf(writer).getvalue()


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
