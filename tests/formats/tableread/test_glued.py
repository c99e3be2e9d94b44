"""Rubric rows glued by an OCR that lost the cell borders: read by their ends and arithmetic."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.model.department import DepartmentForm
from jixiao.formats.tableread import read_published
from tests.formats.tableread import published


def _form() -> DepartmentForm:
    [parsed] = read_published(published.GLUED_COEFFICIENT)  # the file name is no second form
    form = parsed.form
    assert isinstance(form, DepartmentForm)
    return form


def test_glued_rows_are_split_by_their_ends_and_the_score_coefficient() -> None:
    rows = [(r.name, r.target, r.actual, r.weight, r.score) for r in _form().indicators]
    assert rows == [
        ("开放天数", "300天", "310天", Decimal(15), Decimal(15)),
        ("藏品完好率", "99%", "100%", Decimal(10), Decimal(10)),
        ("公众活动场次", "到0场", "25场", Decimal(5), Decimal(5)),
        ("服务规范性", "好", "好", Decimal(8), Decimal(8)),
        ("经费节约率", "5%", "0", Decimal(4), Decimal(4)),
        # 50% of weight 4 is 2: the run 42 splits as 4 and 2.
        ("读者满意度", "90%", "80%", Decimal(4), Decimal(2)),
    ]


def test_the_budget_line_and_the_total_are_read_and_no_year_is_invented() -> None:
    form = _form()
    assert form.year is None
    funds = form.funds
    assert (funds.completion_rate, funds.weight, funds.score) == (85, 10, Decimal("8.5"))
    assert form.funds.initial_budget is None  # the amounts are not printed
    assert form.total_score == Decimal("95.5")


def test_a_run_the_arithmetic_does_not_confirm_is_left_empty() -> None:
    text = published.GLUED_COEFFICIENT.replace("100%1010否", "100%1011否")
    [parsed] = read_published(text)
    row = next(r for r in parsed.form.indicators if r.name == "藏品完好率")
    assert (row.weight, row.score) == (None, None)
    assert any("藏品完好率" in w and "未读取" in w for w in parsed.report.warnings)


def test_a_borderless_project_rubric_is_read_row_by_row_where_its_parts_check() -> None:
    from jixiao.core.model.project import ProjectForm

    [parsed] = read_published(published.GLUED_PROJECT)
    form = parsed.form
    assert isinstance(form, ProjectForm)
    assert (form.year, form.project_name) == (2022, "校园安保经费")
    assert (form.department, form.implementing_unit) == ("北岗区教育局", "北岗区实验小学")
    total = form.funds.total
    # 43.2 / 45.0 = 96%: the only split of the glued run that the rate confirms.
    amounts = (total.initial_budget, total.annual_budget, total.executed)
    assert amounts == (Decimal("48.5"), Decimal("45.0"), Decimal("43.2"))
    assert form.funds.execution_rate == 96
    assert form.total_score == 93
    rows = [(i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators]
    assert rows == [
        ("目标明确性", "一", "目标清晰具体", 6, 6),
        ("依据充分性", None, "制度文件齐全", 4, 3),
        ("预算执行率", "一", "96%", 10, 9),
        ("安保设备数量", "120台", "120台", 10, 10),
        ("巡查完成时间", "2022年12月前", "2022年12月前", 12, 12),
        ("设备维护成本", "M.5万元", "6.5万元", 5, 5),  # the OCR'd target kept as printed
    ]


def test_a_borderless_row_whose_score_exceeds_its_weight_is_not_read() -> None:
    text = published.GLUED_PROJECT.replace("安保设备数量10120台", "安保设备数量8120台")
    [parsed] = read_published(text)
    names = [i.name for i in parsed.form.indicators]
    assert "安保设备数量" not in names and "巡查完成时间" in names
