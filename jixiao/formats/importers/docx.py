"""Word documents (.docx) as units file them, read with python-docx.

Paragraphs and tables in document order; each table row becomes one line of ``|``-separated
cells, a merged cell given once where it starts (as a web page prints it), and the text goes to
the same readers as a text file."""

from __future__ import annotations

import io
import zipfile

from jixiao.formats.importing import ImportFailure
from jixiao.formats.registry import Importer, register_importer
from jixiao.formats.report import ImportResult


def sniff_docx(data: bytes, filename: str) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def docx_text(data: bytes) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds on a broken package
        raise ImportFailure("Word 文件已损坏或不是有效的 DOCX 文件") from exc
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text.strip()
            if text:
                lines.append(text)
        elif tag == "tbl":
            lines += _table_lines(Table(child, document))
    return "\n".join(lines)


def _table_lines(table: object) -> list[str]:
    from docx.table import Table

    assert isinstance(table, Table)
    lines: list[str] = []
    seen: set[object] = set()  # the cell elements themselves: an id() could be reused
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            if cell._tc in seen:
                continue  # the rest of a merged cell
            seen.add(cell._tc)
            cells.append(" ".join(cell.text.replace("|", "｜").split()))
        if any(cells):
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def read_docx(data: bytes, filename: str, importer: str = "docx") -> list[ImportResult]:
    from jixiao.formats.importers.text import read_forms

    text = docx_text(data)
    if not text.strip():
        raise ImportFailure("Word 文件中没有文字")
    return [ImportResult(p.form, p.report) for p in read_forms(text, importer, filename)]


IMPORTER = register_importer(
    Importer(
        name="docx",
        label="Word 文件（DOCX）",
        suffixes=(".docx",),
        sniff=sniff_docx,
        read=read_docx,
    )
)
