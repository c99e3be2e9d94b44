"""What an evidence file (佐证材料) is, judged by its content, never by its name.

Accepted: PDF, OFD, images (PNG, JPEG, GIF, WebP, BMP, TIFF), Word/Excel/WPS documents (the
ZIP-based DOCX/XLSX/PPTX and the older OLE2 DOC/XLS/WPS/ET) and ZIP archives. The family comes
from the leading bytes (puremagic); a ZIP is then opened to tell OFD, DOCX, XLSX and plain ZIP
apart, and to refuse a deflate bomb or a member whose name would climb out of a folder when
unpacked. Refusals are :class:`EvidenceRefused` with a Chinese message; nothing is stored.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

import puremagic

from jixiao.formats.limits import ImportLimits, current_limits, size_text

MAX_NAME_LENGTH = 200
ACCEPTED_TEXT = "PDF、OFD、图片（PNG/JPEG/GIF/WebP/BMP/TIFF）、Word/Excel/WPS 文档或 ZIP 压缩包"


class EvidenceRefused(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class EvidenceType:
    kind: str  # pdf, ofd, image, office, zip
    media_type: str
    label: str
    extension: str

    @property
    def previewable(self) -> bool:
        """Shown in the browser (PDF viewer or <img>) rather than only downloaded."""
        return self.kind in {"pdf", "image"}


PDF = EvidenceType("pdf", "application/pdf", "PDF", ".pdf")
OFD = EvidenceType("ofd", "application/ofd", "OFD 版式文件", ".ofd")
ZIP = EvidenceType("zip", "application/zip", "ZIP 压缩包", ".zip")
_IMAGES = {
    "image/png": EvidenceType("image", "image/png", "PNG 图片", ".png"),
    "image/jpeg": EvidenceType("image", "image/jpeg", "JPEG 图片", ".jpg"),
    "image/gif": EvidenceType("image", "image/gif", "GIF 图片", ".gif"),
    "image/webp": EvidenceType("image", "image/webp", "WebP 图片", ".webp"),
    "image/bmp": EvidenceType("image", "image/bmp", "BMP 图片", ".bmp"),
    "image/tiff": EvidenceType("image", "image/tiff", "TIFF 图片", ".tif"),
}
_OOXML = {
    "word/": EvidenceType(
        "office",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word 文档",
        ".docx",
    ),
    "xl/": EvidenceType(
        "office",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel 工作簿",
        ".xlsx",
    ),
    "ppt/": EvidenceType(
        "office",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint 演示文稿",
        ".pptx",
    ),
}
OLE2 = EvidenceType(
    "office", "application/x-ole-storage", "Office/WPS 文档（DOC/XLS/WPS/ET）", ".doc"
)
_OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def clean_name(name: str) -> str:
    """The name as kept (shown and offered on download): trimmed, U+0000 dropped. A name with a
    folder in it (``/``, ``\\``, ``..``) or control characters is refused."""
    name = name.replace("\x00", "").strip()
    if not name:
        raise EvidenceRefused("文件名为空，请重新选择文件。")
    if "/" in name or "\\" in name or name in {".", ".."}:
        raise EvidenceRefused(f"文件名“{name}”含有路径分隔符（/ 或 \\），请改名后再上传。")
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise EvidenceRefused("文件名含有控制字符，请改名后再上传。")
    if len(name) > MAX_NAME_LENGTH:
        raise EvidenceRefused(f"文件名过长（超过 {MAX_NAME_LENGTH} 个字符），请改名后再上传。")
    return name


def _unsafe_member(name: str) -> bool:
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    return (
        posix.is_absolute()
        or windows.is_absolute()
        or bool(windows.drive)
        or ".." in posix.parts
        or ".." in windows.parts
    )


def _read_zip(content: bytes, limits: ImportLimits) -> list[str]:
    """Member names of a ZIP after unpacking it in a stream with a budget: refused when its
    members, their names or their unpacked size are beyond the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise EvidenceRefused("压缩文件已损坏，无法打开，请检查文件。") from None
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_zip_members:
            raise EvidenceRefused(
                f"压缩包内文件过多（{len(members)} 个，上限 {limits.max_zip_members} 个）。"
            )
        for member in members:
            if _unsafe_member(member.filename):
                raise EvidenceRefused(
                    f"压缩包内的文件名“{member.filename}”会越出解压目录，不能上传。"
                )
        budget = min(limits.max_zip_unpacked, max(len(content), 1) * limits.max_zip_ratio)
        declared = sum(m.file_size for m in members)
        if declared > budget:
            raise _bomb(declared, len(content))
        unpacked = 0
        try:
            for member in members:
                if member.is_dir():
                    continue
                with archive.open(member) as stream:
                    while chunk := stream.read(1024 * 1024):
                        unpacked += len(chunk)
                        if unpacked > budget:
                            raise _bomb(unpacked, len(content))
        except EvidenceRefused:
            raise
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            raise EvidenceRefused("压缩文件已损坏或已加密，无法检查其内容，不能上传。") from None
        return [m.filename for m in members]


def _bomb(unpacked: int, packed: int) -> EvidenceRefused:
    return EvidenceRefused(
        f"压缩文件解压后过大（至少 {size_text(unpacked)}，压缩后仅 {size_text(packed)}），"
        "疑似“压缩炸弹”，不能上传。"
    )


def _zip_type(names: list[str]) -> EvidenceType:
    if any(n.upper() == "OFD.XML" for n in names):
        return OFD
    if "[Content_Types].xml" in names:
        for prefix, found in _OOXML.items():
            if any(n.startswith(prefix) for n in names):
                return found
    return ZIP


def identify(content: bytes, limits: ImportLimits | None = None) -> EvidenceType:
    """The type of an evidence file from its bytes, or :class:`EvidenceRefused`."""
    limits = limits or current_limits()
    if not content:
        raise EvidenceRefused("文件是空的（0 字节），请重新选择文件。")
    if content.startswith(_ZIP_MAGIC):
        return _zip_type(_read_zip(content, limits))
    if content.startswith(_OLE2_MAGIC):
        return OLE2
    try:
        matches = puremagic.magic_string(content[:8192])
    except (puremagic.PureError, ValueError):
        matches = []
    for match in matches:
        if match.mime_type == "application/pdf":
            return PDF
        if match.mime_type in _IMAGES:
            return _IMAGES[match.mime_type]
    raise EvidenceRefused(
        f"文件内容不是允许的类型。只能上传{ACCEPTED_TEXT}（按文件内容判断，与扩展名无关）。"
    )


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise EvidenceRefused(
            f"文件过大（{size_text(size)}），每个佐证材料不能超过 {size_text(max_bytes)}。"
        )
