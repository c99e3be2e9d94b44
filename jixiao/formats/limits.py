"""How much an import may read before it says no: file size, PDF pages, workbook cells.

A form is a few pages or a few hundred cells; a file far past that is a mistake or an attack
(a 5 KB workbook whose one merged range covers the whole sheet, a deflate bomb). The limits are
checked before anything big is built, so a refused file costs little memory and time. The
command line reads a publisher's whole PDF (hundreds of pages); the web application sets
tighter limits for its requests (``JIXIAO_IMPORT_*`` settings).
"""

from __future__ import annotations

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
