"""Import limits: a file too big to be a form is refused with one line of Chinese before it is
built in memory — a big file, a PDF of hundreds of pages, a workbook that unzips to a gigabyte
or whose one merged range covers the whole sheet."""

from __future__ import annotations

import io
import resource
import time
import zipfile
from collections.abc import Callable

import pypdfium2 as pdfium
import pytest
from openpyxl import Workbook

from jixiao.core.serialization import Form
from jixiao.formats.importing import ImportFailure, import_bytes
from jixiao.formats.limits import ImportLimits, current_limits, limits_applied
from tests.conftest import SEED_TEXT
from tests.formats.importers.conftest import exported, load_fixture


def failure_of(data: bytes, name: str, limits: ImportLimits | None = None) -> str:
    with pytest.raises(ImportFailure) as failure:
        import_bytes(data, name, limits)
    message = failure.value.message
    assert message and "\n" not in message
    return message


def blank_pdf(pages: int) -> bytes:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def workbook(sheet_xml: Callable[[bytes], bytes]) -> bytes:
    """A small workbook whose sheet XML is rewritten by ``sheet_xml``."""
    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"] = "部门名称", "某单位"
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = sheet_xml(content)
            target.writestr(info.filename, content)
    return out.getvalue()


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read() -> None:
    message = failure_of(SEED_TEXT.read_bytes(), "seed.txt", ImportLimits(max_bytes=2048))
    assert message.startswith("文件过大（") and "最多可导入 2 KB" in message


def test_a_pdf_of_more_pages_than_allowed_says_how_many_are() -> None:
    message = failure_of(blank_pdf(501), "publication.pdf")
    assert message == "PDF 文件有 501 页，超出可导入的篇幅（最多 500 页）"


def test_a_tighter_page_limit_applies_to_a_real_export() -> None:
    seed_pdf = exported("pdf", load_fixture("seed_form.json"))  # three pages
    assert "最多 2 页" in failure_of(seed_pdf, "seed.pdf", ImportLimits(max_pdf_pages=2))
    assert len(import_bytes(seed_pdf, "seed.pdf", ImportLimits(max_pdf_pages=3))) == 1


def test_a_merged_range_over_the_whole_sheet_is_refused_at_once() -> None:
    bomb = workbook(
        lambda xml: xml.replace(
            b"</sheetData>",
            b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
        )
    )
    assert len(bomb) < 10_000
    before, started = peak_memory_mb(), time.monotonic()
    assert failure_of(bomb, "bomb.xlsx") == "Excel 工作表过大，不像一张绩效自评表"
    # openpyxl would make an object for each of its 17 billion cells.
    assert time.monotonic() - started < 2
    assert peak_memory_mb() - before < 100


def test_a_workbook_that_unzips_far_beyond_a_form_is_refused_unopened() -> None:
    padded = workbook(lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b" " * 3_000_000))
    limits = ImportLimits(max_xlsx_unpacked=1024 * 1024)
    message = failure_of(padded, "padded.xlsx", limits)
    assert message.startswith("Excel 文件解压后有 3 MB，超出可导入的大小（最多 1 MB）")


def test_a_workbook_with_more_cells_than_allowed_is_refused_unopened() -> None:
    rows = b"".join(
        b'<row r="%d"><c r="A%d"><v>1</v></c><c r="B%d"><v>2</v></c></row>' % (r, r, r)
        for r in range(2, 60)
    )
    many = workbook(lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>"))
    assert failure_of(many, "many.xlsx", ImportLimits(max_xlsx_cells=100)) == (
        "Excel 工作表过大，不像一张绩效自评表"
    )


def test_jixiaos_own_workbooks_are_well_within_the_default_limits() -> None:
    for name in ("seed_form.json", "sample_project_form.json"):
        form: Form = load_fixture(name)
        assert import_bytes(exported("xlsx", form), "form.xlsx")[0].form == form


def test_limits_apply_only_inside_their_block() -> None:
    tight = ImportLimits(max_pdf_pages=1)
    with limits_applied(tight):
        assert current_limits() is tight
    assert current_limits().max_pdf_pages == 500
