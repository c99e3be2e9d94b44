"""Text as ``pdftotext`` writes it without ``-layout`` (UTF-8, with or without BOM, or
GB18030/GBK as Chinese Windows saves it)."""

from __future__ import annotations

import codecs
from collections.abc import Callable

from jixiao.formats.importing import ImportFailure
from jixiao.formats.registry import Importer, register_importer
from jixiao.formats.report import ImportReport, ImportResult
from jixiao.formats.tableread import looks_like_published_form, read_published
from jixiao.formats.textparse import NotAForm, ParsedForm, lines_from_text, parse_lines
from jixiao.formats.textparse.department import looks_like_department_form
from jixiao.formats.textparse.project import looks_like_project_form

_ENCODINGS = ("utf-8-sig", "gb18030")
_ALLOWED_CONTROLS = frozenset("\n\r\t\f")
_SNIFF_BYTES = 64 * 1024


def decode_text(data: bytes) -> str | None:
    """The text in ``data``, or None when it is not text (binary, or no encoding fits)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    else:
        for encoding in _ENCODINGS:
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            return None
    controls = sum(1 for ch in text if ch < " " and ch not in _ALLOWED_CONTROLS)
    if "\x00" in text or controls > max(2, len(text) // 200):
        return None
    return text


def _sniff(data: bytes, filename: str) -> bool:
    head = data[:_SNIFF_BYTES]
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        return False  # a form saved as JSON names the same labels: the JSON importer's
    from jixiao.formats.importers.html import sniff_html

    if sniff_html(data, filename):
        return False  # a web page names them too: the HTML importer's
    text = decode_text(head)
    if text is None:
        # The cut may fall inside a character: try dropping up to three trailing bytes.
        for cut in range(1, 4):
            text = decode_text(head[:-cut])
            if text is not None:
                break
    if text is None:
        return False
    lines = lines_from_text(text)
    return (
        looks_like_project_form(lines)
        or looks_like_department_form(lines)
        or looks_like_published_form(text)
    )


def _read(data: bytes, filename: str) -> list[ImportResult]:
    text = decode_text(data)
    if text is None:
        raise ImportFailure("无法识别文本编码（支持 UTF-8 与 GB18030/GBK）")
    return [ImportResult(p.form, p.report) for p in read_forms(text, "text", filename)]


def read_forms(text: str, importer: str, filename: str) -> list[ParsedForm]:
    """The forms in ``text``, read by whichever reader reads more of them: the label parser
    (jixiao's own exports and forms laid out like them) or the published-table reader (tables
    as units and publishers flatten them). Raises :class:`ImportFailure` when neither finds a
    form, with the reason of the reader that got further."""
    readings: list[list[ParsedForm]] = []
    reasons: list[str] = []
    readers: list[tuple[Callable[[], list[ParsedForm]], str]] = [
        (lambda: parse_lines(lines_from_text(text), importer, filename), "标签读取"),
        (lambda: read_published(text, importer, filename), "表格版式读取"),
    ]
    for read, name in readers:
        try:
            parsed = read()
        except NotAForm as exc:
            reasons.append(exc.message)
            continue
        for p in parsed:
            p.report.reader = name
        readings.append(parsed)
    if not readings:
        reason = next((r for r in reasons if "报告" in r), reasons[0])
        raise ImportFailure(f"不是可识别的绩效自评表：{reason}")
    return max(readings, key=lambda parsed: fields_read([p.report for p in parsed]))


def fields_read(reports: list[ImportReport]) -> tuple[int, int]:
    """Figures first (funds and indicator rows), then every field: a label parser that took
    a whole table row for a name has read less than a reader that placed its figures."""
    figures = sum(
        1
        for report in reports
        for path in report.provenance
        if path.startswith(("funds.", "indicators[", "tasks["))
    )
    return figures, sum(len(report.provenance) for report in reports)


IMPORTER = register_importer(
    Importer(
        name="text",
        label="文本文件",
        suffixes=(".txt", ".text"),
        sniff=_sniff,
        read=_read,
    )
)
