"""Word, legacy office, HTML and flattened-text files, each imported through the registry
with a report that names the importer, the reader and how sure it is."""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.model.project import ProjectForm
from jixiao.formats.importing import ImportFailure, import_bytes
from jixiao.formats.registry import importer_for
from tests.formats.tableread import published

ROWS = [
    ["2024年度项目支出绩效自评表", "", "", "", "", "", ""],
    ["项目名称", "社区养老服务补助", "", "", "", "", ""],
    ["主管部门", "南湖区民政局", "", "实施单位", "南湖区养老服务中心", "", ""],
    ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "200", "180", "171", "10", "95%", "9.5"],
    ["其中：本年财政拨款", "200", "180", "171", "", "", ""],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "服务老人人次", "≥1200人次", "1260人次", "40", "40"],
    ["产出指标", "质量指标", "服务投诉率", "≤2%", "1.5%", "20", "20"],
    ["满意度指标", "服务对象满意度指标", "老人满意度", "≥90%", "94%", "30", "29"],
]


def _check(form: ProjectForm) -> None:
    assert (form.year, form.project_name, form.department) == (
        2024,
        "社区养老服务补助",
        "南湖区民政局",
    )
    assert form.funds.total.executed == 171
    assert form.funds.execution_rate == 95
    assert [i.name for i in form.indicators] == ["服务老人人次", "服务投诉率", "老人满意度"]
    assert form.indicators[1].level1 == "产出指标"  # a merged cell read once, kept for its rows
    assert form.indicators[2].score == 29


def _html() -> bytes:
    rows = []
    for n, row in enumerate(ROWS):
        if n == 8:  # 产出指标 spans two rows: the second prints no cell for it
            row = row[1:]
            cells = "".join(f"<td>{c}</td>" for c in row)
        elif n == 7:
            cells = '<td rowspan="2">产出指标</td>' + "".join(f"<td>{c}</td>" for c in row[1:])
        else:
            cells = "".join(f"<td>{c}</td>" for c in row if c or n > 3)
        rows.append(f"<tr>{cells}</tr>")
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>公开</title>"
        "<script>var a='|';</script></head><body><p>发布日期：2025-03-01</p>"
        f"<table>{''.join(rows)}</table></body></html>"
    ).encode()


@functools.cache
def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("附件2")
    table = document.add_table(rows=len(ROWS), cols=7)
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 0).merge(table.cell(0, 6))
    table.cell(0, 0).text = ROWS[0][0]
    table.cell(1, 1).merge(table.cell(1, 6))
    table.cell(7, 0).merge(table.cell(8, 0))
    table.cell(7, 0).text = "产出指标"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_an_html_page_with_the_form_as_a_table() -> None:
    [result] = import_bytes(_html(), "page.html")
    assert isinstance(result.form, ProjectForm)
    _check(result.form)
    assert result.report.importer == "html"
    assert result.report.reader == "表格版式读取"
    assert result.report.summary_lines()[0].startswith("读取器：html/表格版式读取")


def test_an_html_page_in_gbk_without_a_suffix_is_recognised() -> None:
    data = _html().decode().replace("charset='utf-8'", "charset='gbk'").encode("gb18030")
    assert importer_for(data, "download").name == "html"
    _check(import_bytes(data, "download")[0].form)  # type: ignore[arg-type]


def test_a_docx_with_merged_cells() -> None:
    [result] = import_bytes(_docx(), "自评表.docx")
    assert result.report.importer == "docx"
    _check(result.form)  # type: ignore[arg-type]
    assert 0 < result.report.confidence < 1


def test_a_damaged_docx_is_refused_in_chinese() -> None:
    data = _docx()
    with pytest.raises(ImportFailure) as raised:
        import_bytes(data[: len(data) // 2], "自评表.docx")
    assert "Word" in raised.value.message or "损坏" in raised.value.message


def test_flattened_text_is_read_by_the_text_importer_naming_its_reader() -> None:
    [result] = import_bytes(published.FLAT_MOF.encode(), "form.txt")
    assert result.report.importer == "text" and result.report.reader == "表格版式读取"
    assert result.report.to_data()["reader"] == "表格版式读取"


def test_a_report_is_imported_saying_it_is_a_report() -> None:
    text = "东岭县水利局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n我局……"
    [result] = import_bytes(text.encode(), "report.txt")
    assert result.form.department == "东岭县水利局"
    assert any("不是自评表" in w for w in result.report.warnings)


needs_writer = pytest.mark.skipif(
    not shutil.which("soffice") or not Path("/usr/lib/libreoffice/program/libswlo.so").exists(),
    reason="LibreOffice Writer is not installed (scripts/bootstrap test installs it)",
)


def _soffice_convert(source: Path, target: str, tmp_path: Path) -> bytes:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    [made] = (tmp_path / "out").iterdir()
    return made.read_bytes()


@needs_writer
@pytest.mark.slow
def test_a_legacy_doc_is_converted_by_libreoffice(tmp_path: Path) -> None:
    source = tmp_path / "form.html"
    source.write_bytes(_html())
    data = _soffice_convert(source, "doc:MS Word 97", tmp_path)
    assert importer_for(data, "自评表.doc").name == "office"
    [result] = import_bytes(data, "自评表.doc")
    assert result.report.importer == "office"
    _check(result.form)  # type: ignore[arg-type]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
@pytest.mark.slow
def test_a_legacy_xls_is_converted_by_libreoffice(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in ROWS:
        sheet.append([int(c) if c.isdigit() else c for c in row])
    source = tmp_path / "form.xlsx"
    book.save(source)
    data = _soffice_convert(source, "xls", tmp_path)
    [result] = import_bytes(data, "自评表.xls")
    assert result.report.importer == "office"
    form = result.form
    assert isinstance(form, ProjectForm)
    assert form.funds.total.executed == 171 and len(form.indicators) == 3


def test_a_legacy_file_that_is_not_one_is_refused_in_chinese() -> None:
    junk = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    with pytest.raises(ImportFailure) as raised:
        import_bytes(junk, "form.xls")
    assert raised.value.message and "\n" not in raised.value.message


def test_a_published_xlsx_is_read_by_the_table_reader() -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    start = published.PIPE_SICHUAN.index("部门预算项目支出绩效自评表")
    for line in published.PIPE_SICHUAN[start:].splitlines():
        cells = [c.strip() for c in line.split("|")]
        sheet.append([float(c) if c.replace(".", "").isdigit() else c for c in cells])
    sheet["F8"] = 0.95  # 预算执行率 typed as a number formatted as a percentage
    sheet["F8"].number_format = "0.00%"
    out = io.BytesIO()
    book.save(out)
    [result] = import_bytes(out.getvalue(), "published.xlsx")
    assert result.report.importer == "xlsx" and result.report.reader == "表格版式读取"
    form = result.form
    assert isinstance(form, ProjectForm)
    assert form.funds.total.executed == Decimal("34.2")
    assert form.funds.execution_rate == Decimal("95.00")
    assert form.indicators[0].name == "数字化档案卷数"


def test_an_xlsx_whose_year_has_ascii_brackets_is_not_rejected() -> None:
    import openpyxl

    from jixiao.core.serialization import form_from_json
    from jixiao.formats.registry import get_exporter
    from tests.conftest import REPO

    form = form_from_json((REPO / "tests/fixtures/sample_project_form.json").read_text("utf-8"))
    book = openpyxl.load_workbook(io.BytesIO(get_exporter("xlsx").write(form)))
    sheet = book.worksheets[0]
    sheet["A1"], sheet["A2"] = "项目支出绩效自评表", f"({form.year}年度)"
    out = io.BytesIO()
    book.save(out)
    [result] = import_bytes(out.getvalue(), "ascii.xlsx")
    assert result.form.year == form.year
