"""A department form's figures printed outside its grid: the year in the narrative, the basic
data table's budgets (invented fixtures in the shapes publishers print)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.model.department import DepartmentForm
from jixiao.formats.tableread import read_published
from jixiao.formats.tableread.basedata import base_funds, year_in_text
from jixiao.formats.tableread.cells import cells_of
from tests.formats.tableread import published


def _department(text: str) -> tuple[DepartmentForm, list[str]]:
    forms = read_published(text)
    assert len(forms) == 1
    form = forms[0].form
    assert isinstance(form, DepartmentForm)
    return form, forms[0].report.warnings


def test_a_basic_data_table_gives_its_budgets_confirmed_by_the_printed_adjustment() -> None:
    form, _ = _department(published.BASEDATA_FLAT)
    funds = form.funds
    assert (funds.initial_budget, funds.adjusted_budget) == (Decimal("640.50"), Decimal("702.30"))
    assert funds.adjustment == Decimal("61.80")
    assert funds.completion_rate == Decimal("97.45")
    assert funds.actual_spending is None  # not printed, never filled in
    assert form.year == 2021  # the latest year whose 决算 the table prints


def test_a_blank_unit_field_is_not_filled_with_the_unit_note_beside_it() -> None:
    form, warnings = _department(published.BASEDATA_FLAT)
    assert form.department == ""
    assert "表中没有印出单位名称，请补填" in warnings


def test_an_adjustment_row_that_disagrees_with_the_printed_adjustment_is_not_placed() -> None:
    reading = base_funds(cells_of(published.BASEDATA_DISAGREES))
    assert reading is not None
    assert (reading.initial_budget, reading.adjusted_budget, reading.adjustment) == (
        None,
        None,
        None,
    )
    assert reading.completion_rate == Decimal("97.45")


def test_the_one_year_a_narrative_names_is_read_and_flagged() -> None:
    form, warnings = _department(published.YEAR_IN_NARRATIVE)
    assert form.year == 2023  # the filing date's 2024 is a date, not the form's year
    assert any("按正文中的“2023年”读取" in w for w in warnings)


def test_two_years_in_the_narrative_leave_the_year_missing() -> None:
    assert year_in_text(cells_of(published.YEARS_AMBIGUOUS)) is None
    form, warnings = _department(published.YEARS_AMBIGUOUS)
    assert form.year is None
    assert any("未识别年度" in w for w in warnings)


def test_rows_that_explain_themselves_are_read_with_their_groups_points_and_scores() -> None:
    form, warnings = _department(published.EXPLAINED_RUBRIC)
    assert form.department == "南溪县文化馆"
    rows = [(r.level1, r.level2, r.name, r.weight, r.score) for r in form.indicators]
    assert rows == [
        ("投入(20分)", "目标设定(20分)", "绩效目标合理性", 10, 10),
        ("投入(20分)", "目标设定(20分)", "绩效指标明确性", 10, 6),
        ("过程(30分)", "资金管理(30分)", "资金使用合规性", 15, 15),
        ("过程(30分)", "资金管理(30分)", "政府采购执行率", 15, None),  # cut off: no score
    ]
    assert any("政府采购执行率" in w and "未读取" in w for w in warnings)


def test_an_explained_score_above_its_points_is_refused() -> None:
    text = published.EXPLAINED_RUBRIC.replace("未发现违规.\n\n15 政府", "未发现违规.\n\n18 政府")
    form, _ = _department(text)
    assert [r.score for r in form.indicators][2] is None
