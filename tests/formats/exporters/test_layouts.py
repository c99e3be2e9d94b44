"""The layout descriptions: each official form fills its grid, merges where the seed merges,
numbers its lists on output, and a variant is a new description, not new code."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.formats.layouts import (
    Layout,
    LayoutError,
    available_layouts,
    load_layout,
    sheet_for,
)
from jixiao.formats.layouts.model import Numbering, Role
from jixiao.formats.layouts.text import chinese_number, line_count, numbered_lines


def _cell_with(sheet, text):  # type: ignore[no-untyped-def]
    return next(c for c in sheet.cells() if c.text == text)


def test_both_official_layouts_are_bundled() -> None:
    assert {"guangzhou_department", "mof_project"} <= set(available_layouts())


def test_every_row_of_the_seed_layout_covers_all_columns(seed_form: DepartmentForm) -> None:
    sheet = sheet_for(seed_form)
    width = sheet.width
    covered: dict[int, set[int]] = {}
    for cell in sheet.cells():
        for r in range(cell.row, cell.row + cell.rowspan):
            cols = set(range(cell.col, cell.col + cell.colspan))
            assert not covered.setdefault(r, set()) & cols, f"overlap at row {r}"
            covered[r] |= cols
    assert all(len(cols) == width for cols in covered.values())


def test_task_label_goal_and_funds_span_the_tasks_indicator_rows(
    seed_form: DepartmentForm,
) -> None:
    sheet = sheet_for(seed_form)
    # The seed's 任务2 has six key indicators (来穗随迁子女 … 人口数据治理) and 113.12 万元.
    task2 = _cell_with(sheet, "任务2")
    funds = _cell_with(sheet, "113.12")
    goal = next(c for c in sheet.cells() if c.key == "tasks[1].expected_goal")
    assert task2.rowspan == funds.rowspan == goal.rowspan == 6
    assert task2.row == funds.row == goal.row
    first = next(c for c in sheet.cells() if c.key == "tasks[1].indicators[0].name")
    last = next(c for c in sheet.cells() if c.key == "tasks[1].indicators[5].actual")
    assert first.row == task2.row and last.row == task2.row + 5


def test_funds_block_reads_like_the_seed(seed_form: DepartmentForm) -> None:
    sheet = sheet_for(seed_form)
    rows = {}
    for cell in sheet.cells():
        rows.setdefault(cell.row, []).append(cell)
    label = _cell_with(sheet, "部门调整预算收入")
    line = [c.text for c in sorted(rows[label.row], key=lambda c: c.col)]
    assert line == ["部门资\n金情况", "部门调整预算收入", "1985.28", "部门年初预算收入", "2803.45"]
    completion = _cell_with(sheet, "预算完成率")
    line = [c.text for c in sorted(rows[completion.row], key=lambda c: c.col)]
    assert line == ["预算完成率", "98.82%", "预算调整率", "29%"]


def test_expected_goals_are_numbered_on_output_only(seed_form: DepartmentForm) -> None:
    goals = next(c for c in sheet_for(seed_form).cells() if c.key == "annual_goals.expected")
    lines = goals.text.split("\n")
    assert [line[:2] for line in lines] == ["一、", "二、", "三、", "四、"]
    assert lines[3] == "四、" + seed_form.annual_goals.expected[3]
    assert not seed_form.annual_goals.expected[0].startswith("一")


def test_key_project_achievements_and_notes_are_numbered(seed_form: DepartmentForm) -> None:
    sheet = sheet_for(seed_form)
    project = next(c for c in sheet.cells() if c.text.startswith(seed_form.key_projects[0].name))
    assert "\n主要绩效：1、在广州市天河区" in project.text
    assert "\n5、依托现天河区" in project.text
    notes = next(c for c in sheet.cells() if c.key == "notes")
    assert notes.text.startswith("注：1.每个部门至少开展一个重点项目绩效评价")
    assert "\n    2.各预算主管部门" in notes.text


def test_title_falls_back_to_year_and_department(bare_department_form: DepartmentForm) -> None:
    title = next(c for c in sheet_for(bare_department_form).cells() if c.role is Role.TITLE)
    assert title.text == "2023年度某区某局部门整体支出绩效自评表"


def test_a_form_with_missing_parts_keeps_the_forms_shape(
    bare_department_form: DepartmentForm, seed_form: DepartmentForm
) -> None:
    bare = sheet_for(bare_department_form)
    assert next(c for c in bare.cells() if c.key == "funds.adjusted_budget").text == ""
    assert next(c for c in bare.cells() if c.key == "funds.completion_rate").formula is None
    labels = {c.text for c in bare.cells() if c.role in (Role.LABEL, Role.HEADER)}
    seed_labels = {c.text for c in sheet_for(seed_form).cells() if c.role is Role.HEADER}
    assert seed_labels <= labels | {c.text for c in bare.cells()}
    assert "部门名称" in labels  # not consolidated: no （汇总）


def test_project_levels_merge_over_equal_neighbours(project_form: ProjectForm) -> None:
    sheet = sheet_for(project_form)
    output = _cell_with(sheet, "产出指标")
    assert output.rowspan == 4  # 数量 ×2, 质量, 时效
    quantity = _cell_with(sheet, "数量指标")
    assert quantity.rowspan == 2 and quantity.row == output.row
    assert _cell_with(sheet, "效益指标").rowspan == 1


def test_same_level2_under_another_level1_is_not_merged() -> None:
    rows = [("产出指标", "数量指标", "a"), ("效益指标", "数量指标", "b")]
    form = ProjectForm(
        year=2022,
        project_name="p",
        indicators=[{"level1": a, "level2": b, "name": n} for a, b, n in rows],  # type: ignore[misc]
    )
    cells = [c for c in sheet_for(form).cells() if c.text == "数量指标"]
    assert [c.rowspan for c in cells] == [1, 1]


def test_a_layout_whose_row_is_short_of_columns_is_refused(seed_form: DepartmentForm) -> None:
    broken = Layout.model_validate(
        {
            "id": "broken",
            "version": "1",
            "name": "x",
            "form_type": "department_overall",
            "columns_mm": [20, 20, 20],
            "sections": [{"body": [{"cells": [{"text": "a"}, {"text": "b"}]}]}],
        }
    )
    with pytest.raises(LayoutError, match="covers 2 of 3"):
        sheet_for(seed_form, broken)


def test_a_province_variant_is_a_new_description(seed_form: DepartmentForm) -> None:
    """Another region's layout: same data, a renamed label and an extra source row; rendered
    by the same code."""
    data = json.loads(
        (resources.files("jixiao.formats.layouts") / "data" / "guangzhou_department.json")
        .read_text("utf-8")
        .replace("部门调整预算收入", "部门全年预算数")
    )
    data["id"] = "variant"
    funds_rows = data["sections"][0]["body"][1]["body"]
    funds_rows.insert(
        3,
        {
            "cells": [
                {"text": "政府性基金预算", "role": "label", "colspan": 2},
                {"path": "funds.spending_by_source.government_fund_budget", "role": "money"},
                {"text": "", "colspan": 2},
            ]
        },
    )
    variant = Layout.model_validate(data)
    sheet = sheet_for(seed_form, variant)
    assert _cell_with(sheet, "部门全年预算数")
    assert _cell_with(sheet, "政府性基金预算").colspan == 2

    from jixiao.formats.exporters.html import sheet_to_html_table
    from jixiao.formats.exporters.xlsx import sheet_to_xlsx

    assert "部门全年预算数" in sheet_to_html_table(sheet)
    assert sheet_to_xlsx(sheet)[:2] == b"PK"


def test_layout_json_refuses_unknown_keys() -> None:
    data = load_layout("mof_project").model_dump()
    data["colums_mm"] = data.pop("columns_mm")
    with pytest.raises(ValueError, match="colums_mm"):
        Layout.model_validate(data)


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (4, "四"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (35, "三十五"),
        (105, "一百零五"),
        (110, "一百一十"),
        (200, "二百"),
    ],
)
def test_chinese_numbers(n: int, text: str) -> None:
    assert chinese_number(n) == text


@given(st.integers(min_value=1, max_value=998))
def test_chinese_numbers_are_distinct_and_use_numerals_only(n: int) -> None:
    text = chinese_number(n)
    assert set(text) <= set("零一二三四五六七八九十百")
    assert text != chinese_number(n + 1)


def test_numbering_styles() -> None:
    assert numbered_lines(["a", "b"], Numbering.ARABIC, "主要绩效：") == "主要绩效：1、a\n2、b"
    assert numbered_lines(["a", "b"], Numbering.DOTTED, "注：", "  ") == "注：1.a\n  2.b"


@given(st.text(alphabet="天河区法治ab1", min_size=1, max_size=400))
def test_more_text_never_needs_fewer_lines(text: str) -> None:
    assert line_count(text + "治", 40, 11) >= line_count(text, 40, 11)


def test_five_hundred_characters_wrap_to_many_lines() -> None:
    assert line_count("指" * 500, 35, 11) >= 500 * 3.88 / 35
