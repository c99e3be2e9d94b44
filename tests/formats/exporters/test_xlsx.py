"""XLSX export: the seed's cells, merges, styles and page set-up, and derived figures that are
live formulas whose cached results are the core's values."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.core import computations
from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.money import quantize, round_money, round_rate
from jixiao.core.rulesets import load_ruleset
from jixiao.core.scoring import score_project
from jixiao.formats.exporters.xlsx import write_xlsx
from jixiao.formats.registry import get_exporter
from tests.formats.exporters.conftest import (
    long_department_form,
    without_ratings,
)


def _sheets(form: Any) -> tuple[Worksheet, Worksheet]:
    data = write_xlsx(form)
    formulas = load_workbook(io.BytesIO(data)).active
    values = load_workbook(io.BytesIO(data), data_only=True).active
    assert formulas is not None and values is not None
    return formulas, values


def _find(ws: Worksheet, value: object) -> str:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == value:
                return str(cell.coordinate)
    raise AssertionError(f"{value!r} not in sheet")


def _right_of(ws: Worksheet, label: str) -> str:
    cell = ws[_find(ws, label)]
    for merged in ws.merged_cells.ranges:
        if cell.coordinate in merged:
            return str(ws.cell(row=cell.row, column=merged.max_col + 1).coordinate)
    return str(ws.cell(row=cell.row, column=cell.column + 1).coordinate)


def _merge_of(ws: Worksheet, coordinate: str) -> str:
    return next(str(m) for m in ws.merged_cells.ranges if coordinate in m)


def evaluate(formula: str, ws: Worksheet) -> Any:
    """Evaluate the few functions the layouts use (ABS, MIN, MAX, SUM, IF, ROUND), cell values
    substituted, in Decimal."""
    assert formula.startswith("=")

    def value(match: re.Match[str]) -> str:
        v = ws[match.group(0)].value
        if isinstance(v, str) and v.startswith("="):
            return f"({evaluate(v, ws)!r})"
        return f"Decimal({str(v or 0)!r})"

    expr = re.sub(r"(?<![A-Z\"])[A-Z]{1,2}[0-9]+\b", value, formula[1:])
    expr = expr.replace("<>", "!=")
    names = {
        "Decimal": Decimal,
        "ABS": abs,
        "MIN": min,
        "MAX": max,
        "SUM": lambda *a: sum(a, Decimal(0)),
        "IF": lambda c, a, b: a if c else b,
        "ROUND": lambda x, n: quantize(x, n),
    }
    return eval(expr, {"__builtins__": {}}, names)


# --- the seed ---------------------------------------------------------------------------------


def test_the_seed_exports_through_the_registry(seed_form: DepartmentForm) -> None:
    data = get_exporter("xlsx").write(seed_form)
    assert data[:2] == b"PK"


def test_seed_cells_hold_the_forms_values(seed_form: DepartmentForm) -> None:
    ws, values = _sheets(seed_form)
    assert ws["A1"].value == "附件2"
    assert ws["A2"].value == seed_form.title
    assert ws["A3"].value == "单位：万元"
    assert ws[_right_of(ws, "部门名称（汇总）")].value == "中国共产党广州市天河区委员会政法委员会"
    assert ws[_right_of(ws, "被评价年度")].value == "2022年"
    assert ws[_right_of(ws, "部门调整预算收入")].value == pytest.approx(1985.28)
    assert ws[_right_of(ws, "部门年初预算收入")].value == pytest.approx(2803.45)
    assert ws[_right_of(ws, "实际支出数")].value == pytest.approx(1961.88)
    assert ws[_right_of(ws, "其中：一般公共预算")].value == pytest.approx(1961.88)
    assert values[_right_of(ws, "年度预算调整数")].value == pytest.approx(818.17)
    for task in seed_form.tasks:
        label = _find(ws, f"任务{task.number}")
        assert ws[label].offset(column=1).value == task.expected_goal
        assert ws[label].offset(column=2).value == task.achievement
        assert ws[label].offset(column=5).value == pytest.approx(float(task.funds or 0))
        for i, indicator in enumerate(task.indicators):
            assert ws[label].offset(row=i, column=3).value == indicator.name
            assert ws[label].offset(row=i, column=4).value == indicator.actual
    assert ws[_right_of(ws, "存在问题")].value == seed_form.problems
    assert ws[_right_of(ws, "改进措施或下一步计划")].value == seed_form.improvements


def test_seed_merges_follow_the_form(seed_form: DepartmentForm) -> None:
    ws, _ = _sheets(seed_form)
    # 部门资金情况 spans the four funds rows; 实际支出数 and its value span two.
    funds = ws[_find(ws, "部门资\n金情况")]
    assert _merge_of(ws, funds.coordinate) == f"A{funds.row}:A{funds.row + 3}"
    spending = ws[_find(ws, "实际支出数")]
    assert _merge_of(ws, spending.coordinate).endswith(str(spending.row + 1))
    # Each task's label, goal, achievement and funds span its indicator rows.
    for task in seed_form.tasks:
        cell = ws[_find(ws, f"任务{task.number}")]
        last = cell.row + len(task.indicators) - 1
        for column in "ABCF":
            assert _merge_of(ws, f"{column}{cell.row}") == f"{column}{cell.row}:{column}{last}"


def test_derived_figures_are_live_formulas_over_the_right_cells(seed_form: DepartmentForm) -> None:
    ws, _ = _sheets(seed_form)
    adjusted = _right_of(ws, "部门调整预算收入")
    initial = _right_of(ws, "部门年初预算收入")
    spending = _right_of(ws, "实际支出数")
    adjustment = _right_of(ws, "年度预算调整数")
    assert ws[adjustment].value == f"=ABS({adjusted}-{initial})"
    assert ws[_right_of(ws, "预算完成率")].value == f"={spending}/{adjusted}"
    assert ws[_right_of(ws, "预算调整率")].value == f"={adjustment}/{initial}"


def test_cached_results_equal_the_formula_and_the_core(seed_form: DepartmentForm) -> None:
    ws, values = _sheets(seed_form)
    rules = load_ruleset("guangzhou")
    funds = seed_form.funds
    expected = {
        "年度预算调整数": computations.budget_adjustment(funds, rules),
        "预算完成率": computations.completion_rate(funds) / 100,  # type: ignore[operator]
        "预算调整率": computations.adjustment_rate(funds, rules) / 100,  # type: ignore[operator]
    }
    for label, core in expected.items():
        coordinate = _right_of(ws, label)
        by_formula = evaluate(ws[coordinate].value, ws)
        assert by_formula == core
        assert values[coordinate].value == pytest.approx(float(core))
    # …and printed at the rule set's precision they are what the seed prints.
    assert round_rate(computations.completion_rate(funds), 2) == Decimal("98.82")  # type: ignore[arg-type]
    assert round_rate(computations.adjustment_rate(funds, rules), 0) == Decimal("29")  # type: ignore[arg-type]


def test_number_formats_follow_the_rule_sets_precision(seed_form: DepartmentForm) -> None:
    ws, _ = _sheets(seed_form)
    assert ws[_right_of(ws, "部门调整预算收入")].number_format == "0.00"
    assert ws[_find(ws, 10.0)].number_format == "0.00"  # 任务1 funds 10.00
    assert ws[_right_of(ws, "预算完成率")].number_format == "0.00%"
    assert ws[_right_of(ws, "预算调整率")].number_format == "0%"  # guangzhou: 29%


def test_fonts_borders_and_wrapping(seed_form: DepartmentForm) -> None:
    ws, _ = _sheets(seed_form)
    title = ws["A2"]
    assert title.font.name == "SimSun" and title.font.b and title.font.sz == 16
    body = ws[_right_of(ws, "存在问题")]
    assert body.font.name == "SimSun" and body.font.sz == 11
    assert body.alignment.wrap_text
    assert body.border.top.style == body.border.left.style == "thin"
    assert ws["A1"].border.top.style is None  # 附件2 sits outside the table


def test_page_setup_is_a4_fitted_to_width_with_the_task_head_repeated(
    seed_form: DepartmentForm,
) -> None:
    ws, _ = _sheets(seed_form)
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    head = ws[_find(ws, "关键指标")].row
    assert ws.print_title_rows == f"${head}:${head}"
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text


def test_every_row_has_a_height_and_long_text_gets_more(seed_form: DepartmentForm) -> None:
    ws, _ = _sheets(seed_form)
    heights = {r: ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)}
    assert all(h and h > 0 for h in heights.values())
    short = heights[ws[_find(ws, "预算完成率")].row]
    long = heights[ws[_right_of(ws, "部门整体绩效")].row]
    assert long > 8 * short  # about 600 characters in a 132 mm cell


def test_a_five_hundred_character_indicator_name_grows_its_row(seed_form: DepartmentForm) -> None:
    form = seed_form.model_copy(deep=True)
    name = "超长指标名称" * 84  # 504 characters
    form.tasks[0].indicators[1] = form.tasks[0].indicators[1].model_copy(update={"name": name})
    ws, _ = _sheets(form)
    cell = ws[_find(ws, name)]
    assert cell.alignment.wrap_text
    # 35 mm at 11 pt holds about 8 characters a line: 63 lines of ~15 pt.
    assert ws.row_dimensions[cell.row].height > 60 * 11


def test_sixty_indicators_keep_one_merged_task(seed_form: DepartmentForm) -> None:
    ws, _ = _sheets(long_department_form(seed_form, 60))
    cell = ws[_find(ws, "任务1")]
    assert _merge_of(ws, cell.coordinate) == f"A{cell.row}:A{cell.row + 59}"


def test_a_form_with_missing_parts_still_exports(bare_department_form: DepartmentForm) -> None:
    ws, values = _sheets(bare_department_form)
    assert ws[_right_of(ws, "部门调整预算收入")].value is None
    assert ws[_right_of(ws, "预算完成率")].value is None  # no inputs: no formula
    assert values[_right_of(ws, "年度预算调整数")].value is None
    assert _find(ws, "关键指标")


# --- the project form -------------------------------------------------------------------------


@pytest.mark.parametrize("plain", [True, False], ids=["mof_layout", "extended_layout"])
def test_project_form_cells_and_formulas(project_form: ProjectForm, plain: bool) -> None:
    ws, values = _sheets(without_ratings(project_form) if plain else project_form)
    assert ws[_right_of(ws, "项目名称")].value == "天河区法治宣传教育项目"
    assert ws[_right_of(ws, "实施单位")].value == "天河区法治宣传中心"
    row = ws[_find(ws, "年度资金总额")].row
    # The funds head row names the columns (分值 and 得分 first appear there).
    headers = ("全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分")
    annual, executed, weight, rate, score = (f"{_find(ws, h)[0]}{row}" for h in headers)
    assert (annual, score) == (("E6", "I6") if plain else ("E6", "L6"))
    assert ws[annual].value == 90 and ws[executed].value == 85.5 and ws[weight].value == 10
    assert ws[rate].value == f"={executed}/{annual}"
    assert ws[score].value == f"=ROUND(MAX(0,MIN({rate},1))*{weight},2)"
    assert evaluate(ws[score].value, ws) == Decimal("9.5")
    assert values[score].value == pytest.approx(9.5)
    assert ws[rate].number_format == "0.00%"


def test_project_total_and_grade_are_formulas_agreeing_with_the_core(
    project_form: ProjectForm,
) -> None:
    ws, values = _sheets(project_form)
    card = score_project(project_form)
    total = _right_of(ws, "总分")  # 分值 total, then 得分 total
    score_total = ws[total].offset(column=1).coordinate
    assert ws[score_total].value.startswith("=MIN(SUM(")
    by_formula = evaluate(ws[score_total].value, ws)
    # 20 + 9 (1800 of 2000 × 10) + 10 + 10 + 24 + 10 = 83, plus 9.5 for executing 95%.
    assert by_formula == Decimal("92.5")
    assert round_money(by_formula) == card.total
    assert values[score_total].value == pytest.approx(92.5)
    assert evaluate(ws[total].value, ws) == Decimal(100)
    grade = _right_of(ws, "评价等级")
    assert ws[grade].value.startswith("=IF(")
    assert evaluate(ws[grade].value, ws) == card.grade == values[grade].value == "优"


def test_project_levels_are_merged(project_form: ProjectForm) -> None:
    ws, _ = _sheets(project_form)
    output = ws[_find(ws, "产出指标")]
    assert _merge_of(ws, output.coordinate) == f"B{output.row}:B{output.row + 3}"


def test_the_sample_project_form_total_matches_its_score_card(
    sample_project_form: ProjectForm,
) -> None:
    ws, values = _sheets(sample_project_form)
    total = ws[_right_of(ws, "总分")].offset(column=1).coordinate
    card = score_project(sample_project_form)
    assert round_money(evaluate(ws[total].value, ws)) == card.total
    assert values[total].value == pytest.approx(float(card.total))


# --- recalculation by a real spreadsheet ------------------------------------------------------


def _libreoffice_csv(data: bytes, tmp_path: Path) -> str:
    """The sheet as LibreOffice shows it after recalculating every formula."""
    source = tmp_path / "form.xlsx"
    source.write_bytes(data)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",  # no clash with another soffice
            "--headless",
            # Comma, quote, UTF-8 (76), first line 1, …, cells saved as shown (the 9th token).
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (tmp_path / "form.csv").read_text(encoding="utf-8")


needs_libreoffice = pytest.mark.skipif(
    not shutil.which("soffice"), reason="LibreOffice is not installed"
)


@needs_libreoffice
def test_libreoffice_recalculates_to_the_same_values(
    seed_form: DepartmentForm, tmp_path: Path
) -> None:  # pragma: no cover - needs LibreOffice
    text = _libreoffice_csv(write_xlsx(seed_form), tmp_path)
    assert "818.17" in text and "98.82%" in text and "29%" in text


@needs_libreoffice
def test_libreoffice_recalculates_the_wide_project_sheet(
    sample_project_form: ProjectForm, tmp_path: Path
) -> None:  # pragma: no cover - needs LibreOffice
    lines = _libreoffice_csv(write_xlsx(sample_project_form), tmp_path).splitlines()
    assert next(ln for ln in lines if ln.startswith("总分")).split(",")[-3:] == ["100", "94.38", ""]
    assert next(ln for ln in lines if ln.startswith("评价等级")).split(",")[9] == "优"
    assert next(ln for ln in lines if ln.startswith(",年度资金总额")).count("95.00%") == 1


def test_a_value_written_with_an_equals_sign_stays_text(seed_form: DepartmentForm) -> None:
    seed_form.tasks[0].indicators[0].actual = "=100%"
    ws = load_workbook(io.BytesIO(write_xlsx(seed_form))).active
    assert ws is not None
    cells = [c for row in ws.iter_rows() for c in row if c.value == "=100%"]
    assert len(cells) == 1
    assert cells[0].data_type == "s"
