"""Opening a PDF with pdfium and taking out, per page, its characters (with advance boxes)
and the thin paths that rule its tables. pdfium reads a page in a few milliseconds, which
keeps the whole import within a small factor of ``pdftotext``."""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jixiao.formats.limits import current_limits
from jixiao.formats.pdfread.layout import PageLayout, layout_page

log = logging.getLogger(__name__)

# A path thinner than this (points) is a rule; thicker ones are boxes or shading.
RULE_THICKNESS = 2.5
# Reading stops at the import limits' page count (a form has a few dozen pages).


class PdfUnreadable(Exception):
    """The PDF cannot be opened. ``message`` is one line of Chinese for users."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# Not frozen: a frozen dataclass sets each field through ``object.__setattr__``, which made
# building a page's characters several times slower; nothing changes a Char once built.
@dataclass(slots=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    confidence: float = 1.0  # OCR: the recogniser's score for the text it belongs to


@dataclass(slots=True)  # not frozen, as Char
class Segment:
    """A ruling line: horizontal (``y0 == y1``) or vertical (``x0 == x1``), top-down."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return self.top == self.bottom


def _open(data: bytes):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    if b"%%EOF" not in data[-2048:]:
        raise PdfUnreadable("PDF 文件已损坏：文件不完整（可能在下载或复制时被截断）")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        log.info("pdfium cannot open the file: %s", exc)
        if code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY) or b"/Encrypt" in data:
            raise PdfUnreadable("PDF 文件已加密（需要密码），无法读取；请先解除密码保护") from exc
        raise PdfUnreadable("PDF 文件已损坏，无法读取") from exc


def read_pdf(data: bytes) -> list[PageLayout]:
    """Every page's characters, rulings and cells. Raises :class:`PdfUnreadable`."""
    pdf = _open(data)
    try:
        count = len(pdf)
        if count == 0:
            raise PdfUnreadable("PDF 文件中没有页面")
        most = current_limits().max_pdf_pages
        if count > most:
            raise PdfUnreadable(f"PDF 文件有 {count} 页，超出可导入的篇幅（最多 {most} 页）")
        pages = []
        with _collector_paused():
            for index in range(count):
                page = pdf[index]
                try:
                    width, height = page.get_size()
                    chars = _chars(page, height)
                    segments = _segments(page, height)
                finally:
                    page.close()
                pages.append(layout_page(index + 1, width, height, chars, segments))
        return pages
    finally:
        pdf.close()


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector held off while the pages are read. They are tens of thousands
    of small objects (characters, lines, cells) without reference cycles, and the collections
    their number sets off, each going over the objects already made, took about a tenth of an
    import. Memory is still freed by reference counting; the objects are looked at once, at
    the next collection after. A caller that had the collector off keeps it off."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _chars(page, height: float) -> list[Char]:  # type: ignore[no-untyped-def]
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        count = raw.FPDFText_CountChars(handle)
        # One ctypes call per character (its box); the text comes in one call.
        loose_box = _plain("FPDFText_GetLooseCharBox", _INT, _P, _INT, _P)
        address = _address(handle)
        box = raw.FS_RECTF()
        box_address = ctypes.addressof(box)
        chars: list[Char] = []
        append = chars.append
        for i, ch in enumerate(_text(handle, count)):
            # Characters pdfium generates (spaces and line breaks between text runs) are all
            # whitespace or controls: skipped here with the rest of them.
            if ch <= " " or ch.isspace() or ch in _NOT_CHARS:
                continue  # spaces come back from the gaps between characters
            if not loose_box(address, i, box_address):
                continue
            append(Char(ch, box.left, box.right, height - box.top, height - box.bottom))
        return chars
    finally:
        textpage.close()


_NOT_CHARS = "\ufffe\uffff"


@functools.cache
def _plain(name: str, restype: Any, *argtypes: Any) -> Any:
    """pdfium's function ``name`` declared with plain pointers and ints. pypdfium2's binding
    checks and converts its typed handles on every call; for the calls made once per
    character or path object that was a good part of the time (a character's box: 0.74 µs
    a call through the binding, 0.45 µs this way)."""
    import pypdfium2.raw as raw

    bound = getattr(raw, name)
    address = ctypes.cast(bound, ctypes.c_void_p).value
    if not address:
        raise RuntimeError(f"pdfium has no function {name}")
    # The binding's own function-pointer class, so that the calling convention is pdfium's.
    plain = type(bound)(address)
    plain.restype, plain.argtypes = restype, argtypes
    return plain


def _address(handle: Any) -> int | None:
    return ctypes.cast(handle, ctypes.c_void_p).value


_P, _INT = ctypes.c_void_p, ctypes.c_int


def _text(handle, count: int) -> str | list[str]:  # type: ignore[no-untyped-def]
    """Every character of the text page, one per index, read in one call (UTF-16 from
    pdfium); one by one when the page holds characters outside the BMP (surrogate pairs
    shift the indexes)."""
    import pypdfium2.raw as raw

    if count <= 0:
        return ""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = raw.FPDFText_GetText(
        handle, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
    )
    text = buffer.raw[: max(0, written - 1) * 2].decode("utf-16-le", errors="surrogatepass")
    if len(text) == count and not _SURROGATE.search(text):
        return text
    return [chr(raw.FPDFText_GetUnicode(handle, i)) for i in range(count)]


_SURROGATE = re.compile("[\ud800-\udfff]")


def _segments(page, height: float) -> list[Segment]:  # type: ignore[no-untyped-def]
    segments: list[Segment] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    corners = [ctypes.addressof(value) for value in (left, bottom, right, top)]
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    get_bounds = _plain("FPDFPageObj_GetBounds", _INT, _P, _P, _P, _P, _P)
    draw_mode = _plain("FPDFPath_GetDrawMode", _INT, _P, _P, _P)
    for obj in _paths(page):
        get_bounds(obj, *corners)
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        w, h = x1 - x0, y1 - y0
        if w <= RULE_THICKNESS and h <= RULE_THICKNESS:
            continue
        y_top, y_bottom = height - y1, height - y0
        if h <= RULE_THICKNESS:
            y = (y_top + y_bottom) / 2
            segments.append(Segment(x0, y, x1, y))
        elif w <= RULE_THICKNESS:
            x = (x0 + x1) / 2
            segments.append(Segment(x, y_top, x, y_bottom))
        else:
            draw_mode(obj, ctypes.addressof(fill), ctypes.addressof(stroke))
            if stroke.value:  # a stroked rectangle: its four sides
                segments += [
                    Segment(x0, y_top, x1, y_top),
                    Segment(x0, y_bottom, x1, y_bottom),
                    Segment(x0, y_top, x0, y_bottom),
                    Segment(x1, y_top, x1, y_bottom),
                ]
    return segments


def _paths(page) -> list[int]:  # type: ignore[no-untyped-def]
    """The addresses of the page's path objects, and of those inside form XObjects one level
    down (what ``get_objects(filter=[PATH], max_depth=2)`` yields), without a Python wrapper
    per object."""
    import pypdfium2.raw as raw

    path, form = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
    get_type = _plain("FPDFPageObj_GetType", _INT, _P)
    get_object = _plain("FPDFPage_GetObject", _P, _P, _INT)
    handle = _address(page.raw)
    out = []
    for i in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = get_object(handle, i)
        kind = get_type(obj)
        if kind == path:
            out.append(obj)
        elif kind == form:
            inner_object = _plain("FPDFFormObj_GetObject", _P, _P, ctypes.c_ulong)
            for k in range(_plain("FPDFFormObj_CountObjects", _INT, _P)(obj)):
                inner = inner_object(obj, k)
                if get_type(inner) == path:
                    out.append(inner)
    return out
