"""Field-level differences between two versions of a form."""

from __future__ import annotations

import copy

from hypothesis import given
from hypothesis import strategies as st

from jixiao.core.diff import FieldChange, Piece, diff_forms, field_label, inline_diff
from jixiao.core.serialization import form_to_data


def test_identical_forms_have_no_differences(seed_form) -> None:
    data = form_to_data(seed_form)
    assert diff_forms(data, copy.deepcopy(data)) == []


def test_a_changed_amount_is_reported_with_its_chinese_label(seed_form) -> None:
    before = form_to_data(seed_form)
    after = copy.deepcopy(before)
    after["funds"]["actual_spending"] = "1900.00"
    assert diff_forms(before, after) == [
        FieldChange("funds.actual_spending", "部门资金情况 › 实际支出数", "1961.88", "1900.00")
    ]


def test_a_changed_indicator_names_its_task_and_position(seed_form) -> None:
    before = form_to_data(seed_form)
    after = copy.deepcopy(before)
    after["tasks"][1]["indicators"][3]["actual"] = "3000处"
    (change,) = diff_forms(before, after)
    assert change.path == "tasks[1].indicators[3].actual"
    assert change.label == "主要任务 第2项 › 关键指标 第4项 › 指标完成情况"
    assert (change.before, change.after) == ("2900处", "3000处")


def test_an_added_goal_goes_from_empty_to_its_text(seed_form) -> None:
    before = form_to_data(seed_form)
    after = copy.deepcopy(before)
    after["annual_goals"]["expected"].append("五、加强队伍建设")
    (change,) = diff_forms(before, after)
    assert change.path == "annual_goals.expected[4]"
    assert (change.before, change.after) == (None, "五、加强队伍建设")


def test_a_removed_key_project_shows_its_fields_emptied(seed_form) -> None:
    before = form_to_data(seed_form)
    after = copy.deepcopy(before)
    removed = after["key_projects"].pop()
    changes = diff_forms(before, after)
    assert {c.after for c in changes} == {None}
    assert removed["name"] in {c.before for c in changes}


def test_empty_text_and_missing_value_are_the_same(seed_form) -> None:
    before = form_to_data(seed_form)
    after = copy.deepcopy(before)
    after["funds"]["adjustment_reason"] = ""
    before["funds"]["adjustment_reason"] = ""
    after["tasks"][0]["indicators"][0]["target"] = ""
    assert before["tasks"][0]["indicators"][0]["target"] is None
    assert diff_forms(before, after) == []


def test_booleans_read_as_yes_and_no(seed_form) -> None:
    before = form_to_data(seed_form)
    after = copy.deepcopy(before)
    after["consolidated"] = not before["consolidated"]
    (change,) = diff_forms(before, after)
    assert change.label == "汇总"
    assert {change.before, change.after} == {"是", "否"}


def test_a_first_version_lists_every_filled_field(seed_form) -> None:
    data = form_to_data(seed_form)
    changes = diff_forms(None, data)
    assert all(c.before is None for c in changes)
    assert FieldChange("department", "部门名称", None, data["department"]) in changes


def test_project_labels_come_from_the_project_model() -> None:
    assert field_label("project", "indicators[0].actual") == "绩效指标 第1项 › 实际完成值"
    assert field_label("project", "funds.total.executed") == "项目资金 › 年度资金总额 › 全年执行数"


def test_unknown_fields_keep_their_path_words() -> None:
    assert field_label("department_overall", "extra.thing") == "extra › thing"


@given(st.text(max_size=20), st.text(max_size=20))
def test_a_change_is_reported_exactly_when_the_text_differs(old: str, new: str) -> None:
    base = {"form_type": "department_overall", "problems": old}
    changes = diff_forms(base, {**base, "problems": new})
    assert bool(changes) == ((old or None) != (new or None))


def test_the_form_type_is_not_reported_as_a_change() -> None:
    changes = diff_forms(None, {"form_type": "project", "project_name": "甲"})
    assert [c.path for c in changes] == ["project_name"]


def test_inside_a_changed_field_only_the_changed_characters_are_marked():
    before = "支出集中在下半年。"
    after = "支出集中在下半年：两个项目合同在9月后签订。"
    was, now = inline_diff(before, after)
    assert "".join(p.text for p in was) == before
    assert "".join(p.text for p in now) == after
    assert [p.text for p in now if p.changed] == ["：两个项目合同在9月后签订"]
    assert not any(p.changed for p in was)  # nothing was removed
    assert Piece("支出集中在下半年", False) in now


def test_a_replaced_figure_is_marked_whole_and_an_emptied_field_is_all_removed():
    was, now = inline_diff("398.72", "300.00")
    assert was == [Piece("398.72", True)] and now == [Piece("300.00", True)]
    was, now = inline_diff("有内容", None)
    assert was == [Piece("有内容", True)] and now == []


def test_a_field_change_offers_its_marked_pieces():
    change = FieldChange("self_evaluation.problems", "存在问题", "原因不明", "原因已查明")
    assert [p.text for p in change.after_pieces if p.changed] == ["已查"]
    assert [p.text for p in change.before_pieces if p.changed] == ["不"]
