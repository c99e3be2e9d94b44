"""The monthly form's POST names: rows added and removed as typed, blank rows ignored, a row
without a name refused, and every field error named as the page labels it."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.model.project import IndicatorNature
from jixiao.web.monitoring.demo import december_spender
from jixiao.web.monitoring.editing import (
    add_row,
    label_of,
    raw_of,
    read_post,
    remove_row,
    row_count,
)

STORED = december_spender("某单位", "某部门", month=7)


def test_a_stored_form_reads_back_as_itself():
    typed = read_post(raw_of(STORED), STORED)
    assert typed.errors == {} and typed.form == STORED


def test_an_added_row_is_blank_and_ignored_when_left_blank():
    raw = add_row(raw_of(STORED))
    assert row_count(raw) == 3 and raw["ind-2-name"] == ""
    typed = read_post(raw, STORED)
    assert typed.form is not None and len(typed.form.indicators) == 2


def test_an_added_row_filled_in_becomes_an_indicator():
    raw = add_row(raw_of(STORED)) | {"ind-2-name": "培训场次", "ind-2-target": "≥12场"}
    typed = read_post(raw, STORED)
    assert typed.form is not None
    added = typed.form.indicators[2]
    assert (added.name, added.target, added.task_number) == ("培训场次", "≥12场", None)


def test_a_row_with_figures_but_no_name_is_refused_beside_its_name():
    raw = add_row(raw_of(STORED)) | {"ind-2-target": "≥12场"}
    typed = read_post(raw, STORED)
    assert typed.form is None
    assert "请填写三级指标名称" in typed.errors["ind-2-name"]
    assert label_of("ind-2-name") == "第3行指标"


def test_removing_a_row_moves_the_next_one_up_with_its_hidden_task_and_nature():
    raw = raw_of(STORED) | {"ind-1-task_number": "2", "ind-1-nature": "≥"}
    kept = remove_row(raw, 0)
    assert row_count(kept) == 1 and kept["ind-0-name"] == "规范化建设综治中心数量"
    typed = read_post(kept, STORED)
    assert typed.form is not None
    [only] = typed.form.indicators
    assert only.task_number == 2 and only.nature is IndicatorNature.AT_LEAST


def test_a_bad_hidden_value_is_refused_in_chinese():
    typed = read_post(raw_of(STORED) | {"ind-1-nature": "大约"}, STORED)
    assert typed.form is None
    assert "Input" not in typed.errors["ind-1-nature"]


def test_money_errors_name_the_month_and_keep_what_was_typed():
    raw = raw_of(STORED) | {"spend-3": "三十", "plan-12": "-1"}
    typed = read_post(raw, STORED)
    assert typed.form is None and typed.raw["spend-3"] == "三十"
    assert set(typed.errors) == {"spend-3", "plan-12"}
    assert label_of("spend-3") == "3月支出数" and label_of("plan-12") == "12月用款计划数"
    assert typed.errors["plan-12"] == "金额不能为负数"


def test_the_month_and_the_amounts_are_read_as_typed():
    raw = raw_of(STORED) | {"month": "8", "spend-8": "4.2"}
    typed = read_post(raw, STORED)
    assert typed.form is not None and typed.form.month == 8
    assert typed.form.execution.monthly_spending[8] == Decimal("4.2")
    assert read_post(raw | {"month": "13"}, STORED).errors["month"] == "监控截至月份应为1至12"
