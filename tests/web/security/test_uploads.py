"""Uploads found unsafe in review: every upload path reads workbooks within the same limits as
the form importer, and a workbook with a DTD is refused with a clear message, never a 500."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from jixiao.formats.importing import ImportFailure, import_bytes
from jixiao.formats.monitoring_io import MonitoringImportFailure, read_monthly_figures

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(rewrite) -> bytes:
    """A small monitoring workbook whose sheet XML is rewritten by ``rewrite``."""
    book = Workbook()
    sheet = book.active
    sheet.append(["单位或项目名称", "月份", "当月支出数"])
    sheet.append(["某单位", 8, 9.5])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = rewrite(content)
            target.writestr(info.filename, content)
    return out.getvalue()


def bomb() -> bytes:
    """Under 100 KB zipped, 40 MB unzipped: padding the parser would read in full."""
    return workbook(lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b" " * 40_000_000))


def with_dtd() -> bytes:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    return workbook(lambda xml: laughs + xml.split(b"?>", 1)[-1])


def test_a_monitoring_workbook_bomb_is_refused_before_it_is_unpacked():
    data = bomb()
    assert len(data) < 200_000
    with pytest.raises(MonitoringImportFailure) as failure:
        read_monthly_figures(data, "bomb.xlsx")
    assert "解压后有 38 MB，超出可导入的大小" in failure.value.message


def test_a_workbook_with_a_dtd_is_refused_by_both_importers():
    with pytest.raises(MonitoringImportFailure) as failure:
        read_monthly_figures(with_dtd(), "dtd.xlsx")
    assert "文档类型定义（DTD）" in failure.value.message
    with pytest.raises(ImportFailure) as refused:
        import_bytes(with_dtd(), "dtd.xlsx")
    assert "文档类型定义（DTD）" in refused.value.message


def test_the_monitoring_import_page_refuses_a_bomb_with_a_chinese_message(world, client_for):
    upload = SimpleUploadedFile("八月.xlsx", bomb(), content_type=XLSX)
    response = client_for(world.unit_user).post(
        reverse("monitoring:import"), {"organisation": world.unit.pk, "year": 2023, "file": upload}
    )
    assert response.status_code == 400
    assert "超出可导入的大小" in response.content.decode()


def test_the_monitoring_import_page_refuses_a_dtd_with_a_chinese_message(world, client_for):
    upload = SimpleUploadedFile("八月.xlsx", with_dtd(), content_type=XLSX)
    response = client_for(world.unit_user).post(
        reverse("monitoring:import"), {"organisation": world.unit.pk, "year": 2023, "file": upload}
    )
    assert response.status_code == 400
    assert "文档类型定义（DTD）" in response.content.decode()


def test_the_monitoring_import_obeys_the_size_setting(world, client_for, settings):
    settings.IMPORT_MAX_BYTES = 1024
    content = "单位或项目名称,月份,当月支出数\n" + f"{world.unit.name},8,9.5\n" * 100
    upload = SimpleUploadedFile("八月.csv", content.encode(), content_type="text/csv")
    response = client_for(world.unit_user).post(
        reverse("monitoring:import"), {"organisation": world.unit.pk, "year": 2023, "file": upload}
    )
    assert response.status_code == 400
    assert "文件过大" in response.content.decode()
