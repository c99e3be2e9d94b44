"""Whole texts: the hand-written variants of the department form, the project form, several
forms in one text, and text that is no form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.serialization import form_to_data
from jixiao.formats.textparse import NotAForm, parse_text
from tests.conftest import SEED_TEXT

DATA = Path(__file__).parents[1] / "data"
VARIANTS = ["dept_culture_2023", "dept_archive_2021", "dept_water_2024", "project_grid_2022"]


@pytest.mark.parametrize("name", VARIANTS)
def test_each_variant_text_reads_as_its_hand_written_form(name: str) -> None:
    parsed = parse_text((DATA / f"{name}.txt").read_text(encoding="utf-8"))
    assert len(parsed) == 1
    expected = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    assert form_to_data(parsed[0].form) == expected
    assert parsed[0].report.unplaced == []


def test_a_form_without_huizong_is_not_consolidated_and_separators_are_dropped() -> None:
    form = parse_text((DATA / "dept_culture_2023.txt").read_text(encoding="utf-8"))[0].form
    assert isinstance(form, DepartmentForm)
    assert form.consolidated is False
    assert str(form.funds.adjusted_budget) == "12480.50"  # printed "12,480.50"
    assert str(form.funds.spending_by_source.government_fund_budget) == "2300.00"
    assert [p.name for p in form.key_projects] == ["文化惠民演出项目", "社区体育公园建设项目"]


def test_a_task_repeated_after_a_form_feed_is_one_task_read_from_two_pages() -> None:
    parsed = parse_text((DATA / "dept_archive_2021.txt").read_text(encoding="utf-8"))[0]
    form = parsed.form
    assert isinstance(form, DepartmentForm)
    assert len(form.tasks) == 1
    assert str(form.tasks[0].funds) == "85.60"
    assert [i.name for i in form.tasks[0].indicators] == [
        "档案数字化扫描页数",
        "档案查阅利用服务人次",
    ]
    assert parsed.report.provenance["tasks[0].indicators[1].name"].source.page == 2


def test_missing_blocks_stay_empty_and_are_reported() -> None:
    parsed = parse_text((DATA / "dept_archive_2021.txt").read_text(encoding="utf-8"))[0]
    assert isinstance(parsed.form, DepartmentForm)
    assert parsed.form.key_projects == []
    assert parsed.form.notes == []
    assert parsed.form.attachment_label == ""
    assert "未找到“重点项目绩效情况”栏" in parsed.report.warnings


def test_spending_by_every_source_is_read_and_sums_to_the_spending() -> None:
    form = parse_text((DATA / "dept_water_2024.txt").read_text(encoding="utf-8"))[0].form
    assert isinstance(form, DepartmentForm)
    sources = form.funds.spending_by_source
    parts = [
        sources.general_public_budget,
        sources.government_fund_budget,
        sources.state_capital_budget,
        sources.other,
    ]
    assert sum(p for p in parts if p is not None) == form.funds.actual_spending
    assert len(form.tasks) == 4


def test_the_project_form_keeps_its_printed_figures() -> None:
    form = parse_text((DATA / "project_grid_2022.txt").read_text(encoding="utf-8"))[0].form
    assert isinstance(form, ProjectForm)
    # 117.30 / 118.50 = 98.987…% printed 98.99%; its score 9.90 of 10.
    assert (str(form.funds.execution_rate), str(form.funds.score)) == ("98.99", "9.90")
    assert form.funds.carried_over.annual_budget is None  # printed "—": absent, not zero
    weights = sum(i.weight for i in form.indicators if i.weight is not None)
    assert weights + (form.funds.weight or 0) == 100
    scores = sum(i.score for i in form.indicators if i.score is not None)
    assert scores + (form.funds.score or 0) == form.total_score
    assert form.indicators[4].deviation_reason == "事件分拨流程仍需优化"
    assert {i.level1 for i in form.indicators} == {"产出指标", "效益指标", "满意度指标"}


def test_several_forms_in_one_text_are_each_read() -> None:
    text = (
        SEED_TEXT.read_text(encoding="utf-8")
        + "\f"
        + (DATA / "project_grid_2022.txt").read_text(encoding="utf-8")
    )
    parsed = parse_text(text)
    assert [p.form.form_type for p in parsed] == ["department_overall", "project"]
    assert isinstance(parsed[0].form, DepartmentForm)
    assert len(parsed[0].form.tasks) == 3


@pytest.mark.parametrize(
    "text",
    ["", "尊敬的领导：\n现将情况报告如下。", "部门名称 某局\n主要任务\n任务1"],
)
def test_text_that_is_no_form_is_refused(text: str) -> None:
    with pytest.raises(NotAForm):
        parse_text(text)
