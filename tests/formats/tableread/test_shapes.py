"""Unseen shapes of issue 16's list, each an invented form read figure by figure: tabs and no
分值/得分 columns, a value on the line after its label, two 元 forms flattened in one file,
traditional characters between pipes."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.model.project import ProjectForm
from jixiao.formats.tableread import read_published
from tests.formats.tableread import published


def _forms(text: str) -> list[ProjectForm]:
    forms = [parsed.form for parsed in read_published(text)]
    assert all(isinstance(f, ProjectForm) for f in forms)
    return forms  # type: ignore[return-value]


def _rows(form: ProjectForm) -> list[tuple[str, str, str, str | None, str | None]]:
    return [(i.level1, i.level2, i.name, i.target, i.actual) for i in form.indicators]


def test_tabs_without_points_columns_read_the_adjusted_budget_and_no_points() -> None:
    (form,) = _forms(published.TAB_NO_POINTS)
    assert (form.year, form.project_name, form.money_unit) == (2024, "河湾社区养老服务补助", "万元")
    assert (form.department, form.implementing_unit) == ("河湾县民政局", "河湾县养老服务中心")
    total = form.funds.total
    assert (total.initial_budget, total.annual_budget, total.executed) == (
        Decimal("80"),
        Decimal("96"),
        Decimal("91.2"),
    )
    assert form.funds.execution_rate == Decimal("95")
    # No 分值/得分 column is printed: none is filled in.
    assert (form.funds.weight, form.funds.score, form.total_score) == (None, None, None)
    assert all(i.weight is None and i.score is None for i in form.indicators)
    assert form.funds.carried_over.executed is None
    assert _rows(form) == [
        ("产出指标", "数量指标", "助餐服务人次", "≥12000人次", "12800人次"),
        ("产出指标", "质量指标", "服务对象投诉率", "≤2%", "1%"),
        ("效益指标", "社会效益指标", "老人生活质量", "有所提高", "明显提高"),
    ]


def test_values_on_the_line_after_their_labels_keep_every_row() -> None:
    (form,) = _forms(published.VALUE_NEXT_LINE)
    assert (form.year, form.project_name, form.department) == (
        2023,
        "西岭镇农村饮水安全巩固",
        "西岭县水利局",
    )
    total = form.funds.total
    assert (total.initial_budget, total.annual_budget, total.executed) == (200, 220, 209)
    assert (form.funds.weight, form.funds.execution_rate, form.funds.score) == (
        Decimal("10"),
        Decimal("95"),
        Decimal("9.5"),
    )
    assert _rows(form) == [
        ("产出指标", "数量指标", "改造供水管网长度", "≥15公里", "16公里"),
        ("效益指标", "社会效益指标", "受益人口", "≥5000人", "5300人"),
    ]
    assert [(i.weight, i.score) for i in form.indicators] == [(50, 50), (40, 38)]
    assert form.total_score == Decimal("97.5")


def test_two_flattened_forms_in_yuan_are_split_each_with_its_own_total() -> None:
    first, second = _forms(published.FLAT_YUAN_TWO_FORMS)
    assert (first.project_name, second.project_name) == ("东坪村道路亮化", "东坪村垃圾清运")
    assert {first.money_unit, second.money_unit} == {"元"}  # never read as 万元
    assert first.funds.total.annual_budget == Decimal("50000")
    assert (second.funds.total.initial_budget, second.funds.total.annual_budget) == (30000, 36000)
    assert second.implementing_unit == "东坪镇环卫站"
    # The first form's 总分 printed just before the second title stays with the first form.
    assert (first.total_score, second.total_score) == (Decimal("97"), Decimal("100"))
    assert [i.name for i in second.indicators] == ["清运垃圾量", "村容整洁度"]


def test_traditional_characters_between_pipes_with_the_year_in_its_own_row() -> None:
    (form,) = _forms(published.TRADITIONAL_PIPES)
    assert (form.year, form.money_unit, form.project_name) == (2021, "万元", "北岸碼頭維修")
    total = form.funds.total
    assert (total.initial_budget, total.annual_budget, total.executed) == (45, 45, Decimal("40.5"))
    assert (form.funds.weight, form.funds.execution_rate, form.funds.score) == (10, 90, 9)
    assert [(i.name, i.weight, i.score) for i in form.indicators] == [
        ("維修泊位數", 50, 50),
        ("碼頭吞吐能力", 40, 36),
    ]
    assert form.total_score == Decimal("95")


def test_the_year_beside_the_title_is_not_flagged_as_read_from_the_narrative() -> None:
    for text in (published.TAB_NO_POINTS, published.TRADITIONAL_PIPES):
        (parsed,) = read_published(text)
        assert not any("按正文" in w for w in parsed.report.warnings)
        assert parsed.report.provenance["year"].confidence == 0.9
