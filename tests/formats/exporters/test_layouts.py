"""The layout descriptions: each official form fills its grid, merges where the seed merges,
numbers its lists on output, and a variant is a new description, not new code."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.formats.layouts import (
    Layout,
    LayoutError,
    available_layouts,
    layout_for,
    load_layout,
    sheet_for,
)
from jixiao.formats.layouts.model import Numbering, Role
from jixiao.formats.layouts.text import chinese_number, line_count, numbered_lines
from tests.formats.exporters.conftest import full_department_form


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


# --- optional rows, variants and long values ---------------------------------------------------


def _row_texts(sheet, cell):  # type: ignore[no-untyped-def]
    return [c.text for c in sorted(sheet.rows[cell.row].cells, key=lambda c: c.col)]


def _labels(sheet):  # type: ignore[no-untyped-def]
    return [c.text for c in sheet.cells() if c.role is Role.LABEL]


def test_the_seed_prints_only_the_general_budget_source(seed_form: DepartmentForm) -> None:
    sheet = sheet_for(seed_form)
    assert [t for t in _labels(sheet) if t.startswith("其中")] == ["其中：一般公共预算"]
    assert _cell_with(sheet, "实际支出数").rowspan == 2
    assert "预算调整说明" not in _labels(sheet) and "预算调整明细" not in _labels(sheet)


def test_other_sources_of_spending_are_printed_when_stated(seed_form: DepartmentForm) -> None:
    form = seed_form.model_copy(deep=True)
    form.funds.spending_by_source.government_fund_budget = Decimal("120.5")
    form.funds.spending_by_source.other = Decimal("0")  # zero is stated, unlike absent
    sheet = sheet_for(form)
    sources = [t for t in _labels(sheet) if t.startswith("其中")]
    assert sources == ["其中：一般公共预算", "其中：政府性基金预算", "其中：其他"]
    assert _row_texts(sheet, _cell_with(sheet, "其中：政府性基金预算"))[-2:] == [
        "其中：政府性基金预算",
        "120.50",
    ]
    assert _row_texts(sheet, _cell_with(sheet, "其中：其他"))[-1] == "0.00"
    spent = _cell_with(sheet, "实际支出数")
    assert spent.rowspan == 4  # 调整数, 一般公共预算, 政府性基金预算, 其他
    assert next(c for c in sheet.cells() if c.key == "funds.actual_spending").rowspan == 4
    assert _cell_with(sheet, "部门资\n金情况").rowspan == 6


def test_the_adjustment_reason_and_items_are_printed_when_stated(
    seed_form: DepartmentForm,
) -> None:
    sheet = sheet_for(full_department_form(seed_form))
    reason = _cell_with(sheet, "预算调整说明")
    assert _row_texts(sheet, reason)[-1] == "年中追加来穗人员积分制服务经费，追减部分项目结余资金。"
    items = _cell_with(sheet, "预算调整明细")
    assert items.rowspan == 3  # its head row and two items
    rows = [_row_texts(sheet, items)[-3:]] + [
        [c.text for c in sheet.rows[items.row + i].cells] for i in (1, 2)
    ]
    assert rows == [
        ["预算调整明细", "调整金额", "调整原因"],
        ["300.00", "追加来穗人员积分制服务经费"],
        ["-50.25", "追减项目结余"],
    ]
    keys = {c.key for c in sheet.cells()}
    assert {"funds.adjustment_items[1].amount", "funds.adjustment_items[1].reason"} <= keys


def test_a_stated_indicator_target_selects_the_layout_with_its_column(
    seed_form: DepartmentForm,
) -> None:
    form = full_department_form(seed_form)
    assert layout_for(seed_form).id == "guangzhou_department"
    assert layout_for(form).id == "guangzhou_department_targets"
    sheet = sheet_for(form)
    head = _cell_with(sheet, "关键指标")
    assert _row_texts(sheet, head)[3:6] == ["关键指标", "指标值", "指标完成情况"]
    target = next(c for c in sheet.cells() if c.key == "tasks[0].indicators[0].target")
    assert target.text == "≥95%" and target.col == head.col + 1


def test_an_explicit_layout_is_used_as_given(seed_form: DepartmentForm) -> None:
    form = full_department_form(seed_form)
    sheet = sheet_for(form, load_layout("guangzhou_department"))
    assert sheet.layout.id == "guangzhou_department"


def test_project_variant_is_chosen_by_nature_unit_or_rating(
    project_form: ProjectForm, sample_project_form: ProjectForm
) -> None:
    assert layout_for(sample_project_form).id == "mof_project_extended"
    plain = project_form.model_copy(
        update={
            "indicators": [i.model_copy(update={"rating": None}) for i in project_form.indicators]
        }
    )
    assert layout_for(plain).id == "mof_project"
    assert layout_for(project_form).id == "mof_project_extended"  # two rows are rated
    unit_only = plain.model_copy(deep=True)
    unit_only.indicators[2].unit = "%"
    assert layout_for(unit_only).id == "mof_project_extended"


def test_the_sample_project_prints_nature_unit_rating_and_the_conclusion(
    sample_project_form: ProjectForm,
) -> None:
    sheet = sheet_for(sample_project_form)
    assert sheet.layout.page.orientation == "landscape"
    head = _row_texts(sheet, _cell_with(sheet, "三级指标"))
    assert head[3:9] == ["三级指标", "指标性质", "度量单位", "年度指标值", "实际完成值", "定性评价"]
    row = next(c for c in sheet.cells() if c.key == "indicators[6].name")
    texts = [c.text for c in sorted(sheet.rows[row.row].cells, key=lambda c: c.col)]
    assert texts[texts.index("网格化服务长效机制建立情况") :][:6] == [
        "网格化服务长效机制建立情况",
        "定性",
        "",
        "建立网格化服务长效工作机制",
        "已建立长效工作机制，部分街道配套制度尚未出台",
        "部分达成",
    ]
    for label, text in [
        ("评价等级", "优"),
        ("评价结论", sample_project_form.conclusion),
        ("存在问题", sample_project_form.problems),
        ("改进措施", sample_project_form.measures),
    ]:
        assert _row_texts(sheet, _cell_with(sheet, label))[-1] == text


def test_project_conclusion_rows_are_left_out_when_empty(project_form: ProjectForm) -> None:
    labels = _labels(sheet_for(project_form))
    assert "评价等级" in labels  # the MoF form's own row stays
    assert not {"评价结论", "存在问题", "改进措施"} & set(labels)


def test_long_values_are_justified_and_short_ones_stay_centred(
    seed_form: DepartmentForm,
) -> None:
    sheet = sheet_for(seed_form)
    cells = {c.key: c for c in sheet.cells() if c.key}
    law = next(i for i, x in enumerate(seed_form.tasks[2].indicators) if x.name == "法治政府建设")
    long = cells[f"tasks[2].indicators[{law}].actual"]
    assert len(long.text) > 100 and long.align == "justify"
    assert cells["tasks[0].indicators[0].actual"].align is None  # 99.10%
    assert cells["department"].align is None  # 14 characters: centred
    assert cells["overall_performance"].align is None  # narrative text is left-aligned anyway
    relaxed = load_layout("guangzhou_department").model_copy(update={"long_value_chars": None})
    assert sheet_for(seed_form, relaxed).by_key()[long.key or ""].align is None


@pytest.mark.parametrize(
    ("when", "printed"),
    [
        ("funds.adjustment_reason", False),
        (("funds.adjustment_reason", "department"), True),
        ("tasks[*].indicators[*].target", False),
        ("tasks[*].indicators[*].actual", True),
        ("key_projects[*].achievements", True),
        ("funds.adjustment_items", False),
    ],
)
def test_when_asks_whether_the_form_states_any_of_its_paths(
    seed_form: DepartmentForm, when: str | tuple[str, ...], printed: bool
) -> None:
    data = load_layout("guangzhou_department").model_dump(exclude_defaults=True)
    data["below"] = [*data["below"], {"when": when, "cells": [{"text": "条件行", "colspan": 6}]}]
    sheet = sheet_for(seed_form, Layout.model_validate(data))
    assert any(c.text == "条件行" for c in sheet.cells()) is printed
