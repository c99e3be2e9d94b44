"""Files the PDF, XLSX and image importers cannot read give one line of Chinese, and are
recognised by their content, not their name."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable

import pytest

from jixiao.core.model import DepartmentForm
from jixiao.core.serialization import Form
from jixiao.formats.importing import ImportFailure, import_bytes
from jixiao.formats.registry import importer_for


def tiny_pdf(encrypted: bool = False) -> bytes:
    """A one-page PDF written by hand. Encrypted, its /U entry matches no password, so a
    reader must ask for one (as for any PDF with a user password)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    if encrypted:
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /O <"
            + b"11" * 32
            + b"> /U <"
            + b"22" * 32
            + b"> /P -4 >>"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if encrypted:
        file_id = b"<00112233445566778899aabbccddeeff>"
        trailer += b" /Encrypt 4 0 R /ID [" + file_id + b" " + file_id + b"]"
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def failure_of(data: bytes, name: str) -> str:
    with pytest.raises(ImportFailure) as failure:
        import_bytes(data, name)
    message = failure.value.message
    assert message and "\n" not in message
    return message


def test_a_truncated_pdf_is_reported_as_damaged(
    seed_form_model: DepartmentForm, export: Callable[[str, Form], bytes]
) -> None:
    pdf = export("pdf", seed_form_model)
    assert "已损坏" in failure_of(pdf[: len(pdf) // 2], "seed.pdf")


def test_a_pdf_with_a_password_is_reported_as_encrypted() -> None:
    assert "已加密" in failure_of(tiny_pdf(encrypted=True), "secret.pdf")


def test_a_pdf_with_no_form_in_it_says_so() -> None:
    # One blank page: no text at all, so it is a scan, and there is nothing to recognise.
    message = failure_of(tiny_pdf(), "blank.pdf")
    assert "OCR" in message or "没有" in message


def test_random_bytes_named_pdf_are_not_a_pdf() -> None:
    noise = random.Random(7).randbytes(4096)
    assert importer_for(noise, "form.pdf") is None
    assert "不是PDF" in failure_of(noise, "form.pdf")


def test_a_zip_that_is_not_a_workbook_is_not_read_as_xlsx() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")  # an OpenDocument part
    data = buffer.getvalue()
    assert importer_for(data, "form.xlsx") is None
    assert "Excel" in failure_of(data, "form.xlsx")


def test_a_workbook_without_a_form_says_so() -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "采购清单"
    buffer = io.BytesIO()
    book.save(buffer)
    assert "没有找到" in failure_of(buffer.getvalue(), "list.xlsx")


def test_content_decides_the_importer_whatever_the_name(
    seed_form_model: DepartmentForm, export: Callable[[str, Form], bytes]
) -> None:
    pdf = export("pdf", seed_form_model)
    xlsx = export("xlsx", seed_form_model)
    for data, name, expected in ((pdf, "form.xlsx", "pdf"), (xlsx, "form.pdf", "xlsx")):
        importer = importer_for(data, name)
        assert importer is not None and importer.name == expected
