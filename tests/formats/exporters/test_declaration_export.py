"""The 项目支出绩效目标申报表 exports through its layout (data) and reads back from its own
XLSX: nothing typed is lost."""

from __future__ import annotations

import json
import subprocess

from jixiao.core.model.declaration import TargetDeclarationForm
from jixiao.core.serialization import form_from_data
from jixiao.formats.layouts import layout_for, load_layout, sheet_for
from jixiao.formats.layouts.coverage import coverage_gaps
from jixiao.formats.registry import get_exporter, importers
from tests.conftest import FIXTURES


def _sample() -> TargetDeclarationForm:
    text = (FIXTURES / "sample_target_declaration.json").read_text(encoding="utf-8")
    form = form_from_data(json.loads(text))
    assert isinstance(form, TargetDeclarationForm)
    return form


def test_the_layout_prints_every_field() -> None:
    layout = layout_for(_sample())
    assert layout.id == "mof_project_target"
    assert coverage_gaps(layout, load_layout) == []


def test_the_sheet_holds_the_declared_values() -> None:
    cells = sheet_for(_sample()).by_key()
    assert cells["project_name"].text == "天河区法治宣传教育项目"
    assert cells["funds.total"].number == 200
    assert cells["funds.fiscal"].text == "180.00"
    assert cells["indicators[6].target"].text == "≥90%"


def test_the_pdf_reads_back_in_chinese() -> None:
    pdf = get_exporter("pdf").write(_sample())
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    for expected in ("项目支出绩效目标申报表", "中长期目标", "群众法治知识知晓率", "≥2000份"):
        assert expected in text


def test_its_own_xlsx_reads_back_as_the_same_form() -> None:
    form = _sample()
    data = get_exporter("xlsx").write(form)
    xlsx = next(i for i in importers() if i.name == "xlsx")
    [result] = xlsx.read(data, "申报表.xlsx")
    assert result.form == form
