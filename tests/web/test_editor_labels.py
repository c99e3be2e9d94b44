"""Every input of the editor has its own accessible name: a screen reader (and a test) can tell
the second task's 预期目标 from the first's."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from jixiao.web.evaluations.editor.fields import item_label
from tests.web.conftest import make_form


@pytest.mark.parametrize(
    ("name", "label", "expected"),
    [
        ("tasks-1-expected_goal", "预期目标", "任务2 预期目标"),
        ("tasks-0-indicators-2-name", "关键指标", "任务1 指标3 关键指标"),
        ("key_projects-1-achievements-0", "主要绩效", "项目2 条目1 主要绩效"),
        ("funds-actual_spending", "实际支出数", "实际支出数"),
    ],
)
def test_an_item_label_says_which_item(name, label, expected):
    assert item_label(name, label) == expected


def _labels(page: str) -> Counter[str]:
    return Counter(re.findall(r'<(?:input|textarea|select)[^>]*aria-label="([^"]+)"', page))


def test_no_two_inputs_of_the_department_editor_share_a_name(world, client_for):
    page = client_for(world.unit_user).get(f"/evaluations/{world.unit_form.pk}/edit/")
    labels = _labels(page.content.decode())
    assert "任务2 预期目标" in labels and "任务1 指标1 关键指标" in labels
    assert [name for name, n in labels.items() if n > 1] == []


def test_no_two_inputs_of_the_project_editor_share_a_name(world, client_for):
    from jixiao.web.evaluations import demo

    form = make_form(world.unit, demo.centre_project_form(2022, world.department.name))
    page = client_for(world.unit_user).get(f"/evaluations/{form.pk}/edit/")
    labels = _labels(page.content.decode())
    assert "指标2 三级指标" in labels
    assert [name for name, n in labels.items() if n > 1] == []


def test_the_project_editor_offers_the_mof_categories_and_keeps_an_odd_one(world, client_for):
    from jixiao.web.evaluations import demo

    form = demo.centre_project_form(2022, world.department.name)
    form.indicators[0].level2 = "社会效益"  # not one of the layout's names
    saved = make_form(world.unit, form)
    page = client_for(world.unit_user).get(f"/evaluations/{saved.pk}/edit/").content.decode()
    select = page[page.index('name="indicators-1-level1"') :]
    select = select[: select.index("</select>")]
    assert '<option value="产出指标"' in select and '<option value="满意度指标"' in select
    level2 = page[page.index('name="indicators-0-level2"') :]
    level2 = level2[: level2.index("</select>")]
    assert '<option value="可持续影响指标"' in level2
    assert '<option value="社会效益" selected>社会效益（不在规定类别中）</option>' in level2
