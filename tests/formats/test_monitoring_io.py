"""Monitoring files: monthly figures from CSV/XLSX with an error per bad row, merged into the
monitoring forms they name; the 绩效运行监控表 printed to XLSX and PDF from its layout."""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from jixiao.core.monitoring import BudgetExecution, IndicatorMonitoring, MonitoringForm
from jixiao.core.monitoring.models import ExecutionKind
from jixiao.formats.monitoring_io import (
    MonitoringImportFailure,
    apply_rows,
    monitoring_sheet,
    read_monthly_figures,
    template_csv,
    write_monitoring_pdf,
    write_monitoring_xlsx,
)

HEADER = (
    "类别,单位或项目名称,月份,当月支出数（万元）,当月用款计划数（万元）,指标名称,1—N月实际完成值"
)


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    return "\n".join((HEADER, *lines)).encode(encoding)


def unit_form(**changes: object) -> MonitoringForm:
    form = MonitoringForm(
        kind=ExecutionKind.UNIT,
        name="甲单位",
        year=2023,
        month=1,
        execution=BudgetExecution(
            kind=ExecutionKind.UNIT, name="甲单位", year=2023, annual_budget=Decimal("100")
        ),
        indicators=[
            IndicatorMonitoring(
                level1="产出指标", level2="数量指标", name="受理报名人次", target="≥3000人次"
            )
        ],
    )
    return form.model_copy(update=changes)


# --- reading ------------------------------------------------------------------------------------


def test_good_rows_are_read_with_money_as_decimal_and_months_as_numbers():
    result = read_monthly_figures(
        csv_bytes("单位,甲单位,1,12.50,15,,", '单位,甲单位,2月,"1,002.30",,受理报名人次,320人次'),
        "figures.csv",
    )
    assert result.ok
    first, second = result.rows
    assert (first.line, first.month, first.spending, first.plan) == (
        2,
        1,
        Decimal("12.50"),
        Decimal("15"),
    )
    assert first.kind is ExecutionKind.UNIT
    assert (second.month, second.spending, second.indicator, second.actual) == (
        2,
        Decimal("1002.30"),
        "受理报名人次",
        "320人次",
    )


def test_every_bad_row_gets_its_own_chinese_error_and_good_rows_are_still_read():
    result = read_monthly_figures(
        csv_bytes(
            "单位,甲单位,13,1,,,",
            "单位,,2,1,,,",
            "单位,甲单位,3,十二万,,,",
            "机构,甲单位,4,1,,,",
            "单位,甲单位,5,,,,320人次",
            "单位,甲单位,6,-3,,,",
            "单位,甲单位,7,2.00,,,",
        ),
        "figures.csv",
    )
    messages = {e.line: e.message for e in result.errors}
    assert sorted(messages) == [2, 3, 4, 5, 6, 7]
    assert "第2行" in messages[2] and "月份“13”应为1至12之间的整数" in messages[2]
    assert "没有填写单位或项目名称" in messages[3]
    assert "当月支出数（万元）“十二万”不是数字" in messages[4]
    assert "类别“机构”无法识别" in messages[5]
    assert "没有填写指标名称" in messages[6]
    assert "不能为负数" in messages[7]
    assert [r.line for r in result.rows] == [8]


def test_the_same_month_twice_is_an_error_pointing_at_the_first_row():
    result = read_monthly_figures(csv_bytes("单位,甲单位,1,1,,,", "单位,甲单位,1,2,,,"), "a.csv")
    assert [e.message for e in result.errors] == [
        "第3行：“甲单位”1月的金额在第2行已经填写过，请合并为一行。"
    ]


def test_a_gbk_csv_from_chinese_excel_is_read():
    result = read_monthly_figures(csv_bytes("单位,甲单位,1,3,,,", encoding="gb18030"), "a.csv")
    assert result.rows[0].name == "甲单位"


def test_headings_are_matched_in_any_order_and_without_their_units():
    data = "月份,名称,支出数(万元)\n3,甲单位,4.5\n".encode()
    (row,) = read_monthly_figures(data, "a.csv").rows
    assert (row.name, row.month, row.spending) == ("甲单位", 3, Decimal("4.5"))


def test_an_xlsx_file_is_read_like_a_csv_with_numbers_kept_exact():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["单位或项目名称", "月份", "当月支出数"])
    sheet.append(["甲单位", 1, 12.3])
    sheet.append(["甲单位", 2, "abc"])
    out = io.BytesIO()
    workbook.save(out)
    result = read_monthly_figures(out.getvalue(), "figures.xlsx")
    assert result.rows[0].spending == Decimal("12.3")
    assert result.errors[0].line == 3


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"", "a.csv", "文件是空的"),
        ("甲,乙\n1,2\n".encode(), "a.csv", "缺少“单位或项目名称”“月份”列"),
        (b"PK\x03\x04 broken", "a.xlsx", "不是有效的 Excel"),
        (HEADER.encode(), "a.csv", "表头下面没有数据"),
    ],
)
def test_a_file_that_cannot_be_read_fails_with_one_chinese_line(data, name, expected):
    with pytest.raises(MonitoringImportFailure) as caught:
        read_monthly_figures(data, name)
    assert expected in caught.value.message
    assert "\n" not in caught.value.message


def test_the_template_reads_back_as_valid_rows():
    result = read_monthly_figures(template_csv(), "模板.csv")
    assert result.ok and len(result.rows) == 2


# --- merging ------------------------------------------------------------------------------------


def test_rows_fill_the_months_and_the_indicator_of_the_form_they_name():
    rows = read_monthly_figures(
        csv_bytes("单位,甲单位,1,2,3,,", "单位,甲单位,2,4,,受理报名人次,600人次"), "a.csv"
    ).rows
    outcome = apply_rows([unit_form()], rows)
    form = outcome.forms["甲单位"]
    assert form.execution is not None
    assert form.execution.monthly_spending == {1: Decimal("2"), 2: Decimal("4")}
    assert form.execution.monthly_plan == {1: Decimal("3")}
    assert form.indicators[0].actual_to_date == "600人次"
    assert form.month == 2
    assert outcome.errors == []


def test_a_reimported_month_replaces_the_old_figure_and_the_input_form_is_untouched():
    original = unit_form()
    first = apply_rows([original], read_monthly_figures(csv_bytes("单位,甲单位,1,2,,,"), "a").rows)
    again = apply_rows(
        [first.forms["甲单位"]], read_monthly_figures(csv_bytes("单位,甲单位,1,5,,,"), "a").rows
    )
    assert again.forms["甲单位"].execution.monthly_spending == {1: Decimal("5")}
    assert original.execution.monthly_spending == {}


def test_rows_about_unknown_subjects_or_indicators_are_errors_not_dropped():
    rows = read_monthly_figures(
        csv_bytes("单位,乙单位,1,2,,,", "项目,甲单位,1,2,,,", "单位,甲单位,1,,,满意度,90%"), "a"
    ).rows
    outcome = apply_rows([unit_form()], rows)
    assert [e.line for e in outcome.errors] == [2, 3, 4]
    assert "没有“乙单位”的监控表" in outcome.errors[0].message
    assert "没有名为“满意度”的指标" in outcome.errors[2].message
    assert "受理报名人次" in outcome.errors[2].message
    assert outcome.forms == {}


# --- the printed form ---------------------------------------------------------------------------


def printed_form() -> MonitoringForm:
    spending = {m: Decimal("2") for m in range(1, 8)}
    execution = BudgetExecution(
        kind=ExecutionKind.UNIT,
        name="甲单位",
        year=2023,
        initial_budget=Decimal("100"),
        annual_budget=Decimal("100"),
        monthly_spending=spending,
    )
    return unit_form(
        month=7,
        execution=execution,
        indicators=[
            IndicatorMonitoring(
                level1="产出指标",
                level2="数量指标",
                name="受理报名人次",
                target="≥3000人次",
                actual_to_date="1400人次",
            )
        ],
    )


def test_the_sheet_shows_execution_to_date_and_the_explained_projection():
    texts = [c.text for c in monitoring_sheet(printed_form()).cells()]
    # 7 months × 2.00 = 14.00 spent, 14% of 100; 14 / 7 × 12 = 24 expected for the year.
    assert "1—7月执行数" in texts
    assert "14.00" in texts and "14.00%" in texts and "24.00" in texts
    assert any("平均每月2.00万元" in t for t in texts)
    # 1400 in 7 months → 2400 by the same pace, marked as a projection.
    assert "2400人次（推算）" in texts


def test_a_form_without_indicators_keeps_its_shape():
    texts = [c.text for c in monitoring_sheet(unit_form(indicators=[])).cells()]
    assert "尚未设置绩效指标" in texts


def test_the_xlsx_holds_the_figures_as_numbers():
    workbook = load_workbook(io.BytesIO(write_monitoring_xlsx(printed_form())))
    values = [c.value for row in workbook.active.iter_rows() for c in row]
    assert "2023年度绩效运行监控表" in values
    assert 14 in values and 24 in values
    assert pytest.approx(0.14) in values


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_the_pdf_embeds_a_cjk_font_and_reads_back_in_chinese(tmp_path):
    path = tmp_path / "monitoring.pdf"
    path.write_bytes(write_monitoring_pdf(printed_form()))
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
    assert "绩效运行监控表" in text and "受理报名人次" in text
