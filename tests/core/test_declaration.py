"""The third form type, 项目支出绩效目标申报表, through the registry: model, JSON, validation
and its one derived figure. Persona: 项目实施单位 declaring next year's targets."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from jixiao.core.analysis import analyse, complete
from jixiao.core.formtypes import form_type, form_type_of
from jixiao.core.model.declaration import TargetDeclarationForm
from jixiao.core.rulesets import load_ruleset
from jixiao.core.serialization import form_from_data, form_from_json, form_to_json
from tests.conftest import FIXTURES

SAMPLE = FIXTURES / "sample_target_declaration.json"
RULES = load_ruleset("national")


def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data


def _codes(data: dict[str, Any]) -> set[str]:
    return {f.code for f in analyse(form_from_data(data), RULES).findings}


def test_the_sample_round_trips_and_is_found_in_the_registry() -> None:
    form = form_from_json(SAMPLE.read_text(encoding="utf-8"))
    assert isinstance(form, TargetDeclarationForm)
    assert form_type_of(form) is form_type("project_target")
    assert form_from_json(form_to_json(form)) == form
    assert form.funds.total == Decimal("200.00")


def test_the_sample_is_clean_and_shows_the_sources_total() -> None:
    form = form_from_data(_data())
    result = analyse(form, RULES)
    assert result.findings == []
    assert result.scorecard is None
    assert result.figure("funds.sources_total") == "200.00"
    assert complete(form, RULES) == form  # a declaration states its figures


def test_sources_that_do_not_add_up_are_an_error_naming_both_sums() -> None:
    data = _data()
    data["funds"]["other"] = "30.00"
    findings = analyse(form_from_data(data), RULES).findings
    mismatch = next(f for f in findings if f.code == "funds_sources_mismatch")
    assert mismatch.path == "funds.total"
    assert "210.00" in mismatch.message and "200.00" in mismatch.message


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda d: d.update(project_name=" "), "project_name_missing"),
        (lambda d: d.update(goal_annual=""), "goal_annual_missing"),
        (lambda d: d["funds"].update(total=None), "funds_total_missing"),
        (lambda d: d["funds"].update(fiscal="-1.00"), "negative_amount"),
        (lambda d: d.update(indicators=[]), "indicators_missing"),
        (lambda d: d["indicators"][0].update(target=""), "indicator_target_missing"),
        (lambda d: d["indicators"][0].update(target="较多"), "indicator_target_vague"),
        (lambda d: d["indicators"][1].update(level1="其他"), "indicator_level1_unknown"),
    ],
)
def test_each_rule_names_what_is_missing(change: Any, code: str) -> None:
    data = _data()
    change(data)
    assert code in _codes(data)


def test_a_blank_declaration_lists_the_mof_groups() -> None:
    blank = form_type("project_target").blank(year=2025, title="新项目", department="某部门")
    assert isinstance(blank, TargetDeclarationForm)
    assert blank.project_name == "新项目"
    assert [i.level1 for i in blank.indicators][:1] == ["产出指标"]
    assert {i.level1 for i in blank.indicators} >= {"产出指标", "效益指标", "满意度指标"}
