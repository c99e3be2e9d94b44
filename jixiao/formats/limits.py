"""How much an import may read before it says no: file size, PDF pages, workbook cells.

A form is a few pages or a few hundred cells; a file far past that is a mistake or an attack
(a 5 KB workbook whose one merged range covers the whole sheet, a deflate bomb). The limits are
checked before anything big is built, so a refused file costs little memory and time. The
command line reads a publisher's whole PDF (hundreds of pages); the web application sets
tighter limits for its requests (``JIXIAO_IMPORT_*`` settings).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ImportLimits:
    max_bytes: int = 200 * MB
    max_pdf_pages: int = 500
    max_xlsx_cells: int = 200_000
    # The workbook's parts once unzipped (sheets, shared strings): a form's are well under 1 MB.
    max_xlsx_unpacked: int = 20 * MB
    # An uploaded ZIP (or a ZIP-based document: DOCX, XLSX, OFD) once unpacked, how many
    # members it may hold, and how much it may expand: a deflate bomb says no before storing.
    max_zip_unpacked: int = 500 * MB
    max_zip_members: int = 10_000
    max_zip_ratio: int = 200


DEFAULT_LIMITS = ImportLimits()
_current: ContextVar[ImportLimits] = ContextVar("jixiao_import_limits", default=DEFAULT_LIMITS)


def current_limits() -> ImportLimits:
    return _current.get()


@contextmanager
def limits_applied(limits: ImportLimits) -> Iterator[None]:
    token = _current.set(limits)
    try:
        yield
    finally:
        _current.reset(token)


def size_text(size: int) -> str:
    """``20971520`` → ``20 MB``; small sizes in KB."""
    if size >= MB:
        return f"{size / MB:.0f} MB"
    return f"{max(1, round(size / 1024))} KB"


class FileRefused(Exception):
    """A file refused before it is read: too big, a bomb, a DTD. ``message`` is for users."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_MERGE = re.compile(
    rb'<(?:\w+:)?mergeCell\s[^>]*?ref="\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?"'
)
# A DTD can declare entities that expand without bound; no spreadsheet program writes one into
# a workbook, so any part carrying one (in UTF-8 or UTF-16) is refused rather than parsed.
_DTD = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"), "<!ENTITY".encode("utf-16-le"))
TOO_BIG = "Excel 工作表过大，不像一张绩效表格"
CORRUPT = "Excel 文件已损坏或不是有效的 XLSX 文件"


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def check_xlsx(data: bytes, limits: ImportLimits | None = None) -> None:
    """Refuse a workbook before openpyxl builds it in memory: a file over the size limit, parts
    that unzip past the limit, too many cells or merged cells (openpyxl makes an object for
    each), or a DTD in any XML part. Sizes are those the archive declares; reading never goes
    past them. Every upload of a workbook (forms, monitoring figures) goes through here."""
    limits = limits or current_limits()
    if len(data) > limits.max_bytes:
        raise FileRefused(
            f"文件过大（{size_text(len(data))}），最多可导入 {size_text(limits.max_bytes)}"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            unpacked = sum(info.file_size for info in infos)
            if unpacked > limits.max_xlsx_unpacked:
                raise FileRefused(
                    f"Excel 文件解压后有 {size_text(unpacked)}，超出可导入的大小"
                    f"（最多 {size_text(limits.max_xlsx_unpacked)}）"
                )
            cells = covered = 0
            for info in infos:
                name = info.filename
                if not name.endswith((".xml", ".rels", ".vml")):
                    continue
                xml = archive.read(info)
                if any(marker in xml for marker in _DTD):
                    raise FileRefused(
                        "Excel 文件含有文档类型定义（DTD），出于安全原因不予读取；"
                        "请用 Excel 或 WPS 另存为新的 .xlsx 文件后再导入"
                    )
                if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                    continue
                cells += sum(1 for _ in _CELL.finditer(xml))
                for match in _MERGE.finditer(xml):
                    col0, row0, col1, row1 = match.groups()
                    if col1 is None:
                        continue
                    width = abs(_column(col1) - _column(col0)) + 1
                    covered += width * (abs(int(row1) - int(row0)) + 1)
                if cells > limits.max_xlsx_cells or covered > limits.max_xlsx_cells:
                    raise FileRefused(TOO_BIG)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise FileRefused(CORRUPT) from exc
