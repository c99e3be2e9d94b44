"""PDF with a text layer: the ruled table read cell by cell, by labels (jixiao's own export
and the same layout drawn by other programs); a PDF without rules goes to the text parser,
and one without text (a scan) to OCR."""

from __future__ import annotations

import logging

from jixiao.formats.gridread import read_grid
from jixiao.formats.importing import ImportFailure
from jixiao.formats.pdfread import PdfUnreadable, read_pdf
from jixiao.formats.pdfread.grid import pages_to_grid, split_forms, text_lines
from jixiao.formats.registry import Importer, register_importer
from jixiao.formats.report import ImportResult
from jixiao.formats.textparse import NotAForm, parse_lines

log = logging.getLogger(__name__)

# Fewer characters than this on every page: the PDF is a scan (images only).
MIN_TEXT_CHARS = 20


def sniff_pdf(data: bytes, filename: str) -> bool:
    # The PDF header may follow a little junk (some servers prepend a BOM or whitespace).
    return b"%PDF-" in data[:1024]


def _read(data: bytes, filename: str) -> list[ImportResult]:
    try:
        pages = read_pdf(data)
    except PdfUnreadable as exc:
        raise ImportFailure(exc.message) from exc
    if all(page.char_count < MIN_TEXT_CHARS for page in pages):
        from jixiao.formats.importers.ocr import read_scanned_pdf

        return read_scanned_pdf(data, filename)
    results: list[ImportResult] = []
    reasons: list[str] = []
    for group in split_forms(pages):
        try:
            results.append(read_grid(pages_to_grid(group), "pdf", filename))
            continue
        except NotAForm as exc:
            log.info("no ruled form on pages %s of %s: %s", group[0].number, filename, exc)
            reasons.append(exc.message)
        try:
            parsed = parse_lines(text_lines(group), "pdf", filename)
        except NotAForm as exc:
            reasons.append(exc.message)
            continue
        results += [ImportResult(p.form, p.report) for p in parsed]
    if not results:
        raise ImportFailure(f"PDF 中没有找到可识别的绩效自评表：{reasons[0]}")
    return results


IMPORTER = register_importer(
    Importer(name="pdf", label="PDF 文件", suffixes=(".pdf",), sniff=sniff_pdf, read=_read)
)
