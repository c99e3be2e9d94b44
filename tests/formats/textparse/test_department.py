"""The department form's header and funds block, read by their labels."""

from __future__ import annotations

from jixiao.core.model import DepartmentForm
from jixiao.formats.textparse import parse_text

HEADER = (
    "2022年度某某局部门整体支出绩效自评表\n\n单位：万元\n\n部门名称 某某局 被评价年度 2022年\n\n"
)
TAIL = "\n主要\n任务\n\n任务1\n\n目标\n\n完成。\n\n指标 1个\n\n1.00 \n"


def read(funds: str, header: str = HEADER) -> tuple[DepartmentForm, list[str], list[str]]:
    parsed = parse_text(header + "部门资\n金情况\n\n" + funds + TAIL)[0]
    assert isinstance(parsed.form, DepartmentForm)
    return parsed.form, parsed.report.warnings, [f.text for f in parsed.report.unplaced]


def test_each_value_follows_its_label() -> None:
    form, warnings, unplaced = read(
        "部门调整预算收入 1985.28 部门年初预算收入 2803.45\n实际支出数 1961.88\n"
        "年度预算调整数 818.17\n其中：一般公共预算 1961.88\n预算完成率 98.82% 预算调整率 29%\n"
    )
    assert str(form.funds.initial_budget) == "2803.45"
    assert str(form.funds.adjusted_budget) == "1985.28"
    assert str(form.funds.adjustment_rate) == "29"
    assert [w for w in warnings if "数值" in w] == []
    assert unplaced == []


def test_a_row_of_labels_then_a_row_of_values_pair_in_order() -> None:
    form, _, _ = read("部门调整预算收入 部门年初预算收入\n320.00 300.00\n")
    assert (str(form.funds.adjusted_budget), str(form.funds.initial_budget)) == ("320.00", "300.00")


def test_a_label_with_an_empty_cell_stays_absent() -> None:
    form, warnings, _ = read("部门年初预算收入 实际支出数 304.00\n其中：一般公共预算 —\n")
    assert form.funds.initial_budget is None
    assert str(form.funds.actual_spending) == "304.00"
    assert form.funds.spending_by_source.general_public_budget is None
    assert "未找到“部门年初预算收入”的数值" in warnings


def test_stray_text_among_the_funds_is_reported_not_guessed() -> None:
    _, _, unplaced = read("实际支出数 304.00 备注见附件\n")
    assert unplaced == ["备注见附件"]


def test_a_consolidated_form_is_marked_and_the_year_comes_from_its_label() -> None:
    header = "2023年度某某局部门整体支出绩效自评表\n\n部门名称（汇总） 某某局 被评价年度 2022年\n\n"
    form, _, _ = read("实际支出数 1.00\n", header)
    assert form.consolidated is True
    assert (form.department, form.year) == ("某某局", 2022)


def test_without_the_department_label_name_and_year_come_from_the_title() -> None:
    form, warnings, _ = read("实际支出数 1.00\n", "2021年度某某局部门整体支出绩效自评表\n\n")
    assert (form.department, form.year) == ("某某局", 2021)
    assert "部门名称取自表名" in warnings
