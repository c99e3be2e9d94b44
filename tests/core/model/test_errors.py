"""pydantic's errors said in Chinese at the findings' path convention."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.core.model.errors import error_path
from jixiao.core.serialization import FormReadError, form_from_data

SEED = Path(__file__).parents[2] / "fixtures" / "seed_form.json"


def seed() -> dict:
    return json.loads(SEED.read_text(encoding="utf-8"))


def details_of(data: object) -> list[str]:
    with pytest.raises(FormReadError) as info:
        form_from_data(data)
    return info.value.details


def test_paths_drop_the_form_type_and_index_lists_like_findings() -> None:
    assert error_path(("department_overall", "tasks", 0, "indicators", 2, "actual")) == (
        "tasks[0].indicators[2].actual"
    )
    assert error_path(("project", "funds", "total", "executed")) == "funds.total.executed"
    assert error_path(()) == ""


def test_each_kind_of_mistake_is_said_in_chinese() -> None:
    data = seed()
    data["year"] = "去年"
    data["funds"]["actual_spending"] = "很多"
    data["funds"]["initial_budget"] = "1" * 20
    data["funds"]["adjusted_budget"] = 1985.28
    data["tasks"][0]["indicators"] = "none"
    data["notes"] = [1]
    data["unknown"] = "x"
    del data["department"]
    assert sorted(details_of(data)) == sorted(
        [
            "year：请填写整数",
            "funds.actual_spending：请填写数字，如 1985.28",
            "funds.initial_budget：数值过大（整数部分最多 15 位）",
            'funds.adjusted_budget：金额和比率须写成文本形式的数字（如 "1985.28"），不接受浮点数',
            "tasks[0].indicators：应为列表",
            "notes[0]：请填写文字",
            "unknown：表单中没有这一项",
            "department：此项必填",
        ]
    )


def test_an_unknown_form_type_names_the_two_there_are() -> None:
    (detail,) = details_of({"form_type": "budget"})
    assert "department_overall 或 project" in detail


def test_no_english_from_pydantic_reaches_the_user() -> None:
    data = seed()
    data["consolidated"] = "maybe"
    data["key_projects"] = {"a": 1}
    details = details_of(data)
    assert len(details) == 2
    for detail in details:
        message = detail.split("：", 1)[1]
        assert "should" not in message and "valid" not in message, detail
        assert any("\u4e00" <= ch <= "\u9fff" for ch in message), detail
