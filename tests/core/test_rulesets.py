"""Rule sets as versioned data: bundled files plus a bureau's own directory, by id and version.

Persona: 财政局规则管理员 adds ``national`` 2026.1 (a stricter grade scale) as a file; forms
judged under 2020.1 keep that version, new forms get the latest.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.analysis import analyse, rules_for
from jixiao.core.model import ProjectForm
from jixiao.core.rulesets import (
    RuleSetError,
    available_rulesets,
    load_ruleset,
    ruleset_versions,
)
from jixiao.core.serialization import form_from_data
from tests.conftest import FIXTURES


def _stricter_national(directory: Path) -> Path:
    """national 2026.1: 优 only from 95 points."""
    data = json.loads(load_ruleset("national").model_dump_json())
    data["version"] = "2026.1"
    data["grades"][0]["min_score"] = "95"
    path = directory / "national-2026.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _sample() -> ProjectForm:
    text = (FIXTURES / "sample_project_form.json").read_text(encoding="utf-8")
    form = form_from_data(json.loads(text))
    assert isinstance(form, ProjectForm)
    return form


def test_the_bundled_sets_load_by_id_at_their_only_version() -> None:
    assert load_ruleset("national").label == "national@2020.1"
    assert load_ruleset("guangzhou", "2022.1").label == "guangzhou@2022.1"
    assert set(available_rulesets()) == {"national", "national-strict", "guangzhou"}


def test_a_new_version_from_a_directory_is_the_latest_but_the_old_one_stays(
    tmp_path: Path,
) -> None:
    _stricter_national(tmp_path)
    dirs = (str(tmp_path),)
    assert ruleset_versions("national", dirs) == ["2020.1", "2026.1"]
    assert load_ruleset("national", dirs=dirs).version == "2026.1"
    assert load_ruleset("national", "2020.1", dirs).grades[0].min_score == Decimal("90")
    # Without the directory nothing changed: the bundled files are untouched.
    assert load_ruleset("national").version == "2020.1"


def test_a_stored_version_judges_the_form_it_judged(tmp_path: Path) -> None:
    """The sample scores between 90 and 95: 优 under 2020.1, 良 under 2026.1."""
    _stricter_national(tmp_path)
    dirs = (str(tmp_path),)
    form = _sample()
    past = analyse(form, rules_for("project", "national", "2020.1", dirs))
    new = analyse(form, rules_for("project", "national", None, dirs))
    assert past.scorecard is not None and new.scorecard is not None
    assert Decimal("90") <= past.scorecard.total < Decimal("95")
    assert (past.ruleset, past.scorecard.grade) == ("national@2020.1", "优")
    assert (new.ruleset, new.scorecard.grade) == ("national@2026.1", "良")


def test_a_version_no_longer_known_is_refused_not_replaced() -> None:
    with pytest.raises(KeyError):
        rules_for("project", "national", "1999.1")


def test_an_unknown_id_falls_back_to_the_form_types_default() -> None:
    assert rules_for("department_overall", "gone").id == "guangzhou"
    assert rules_for("project", None).id == "national"


def test_one_version_defined_twice_differently_is_refused(tmp_path: Path) -> None:
    data = json.loads(load_ruleset("national").model_dump_json())
    data["grades"][0]["min_score"] = "99"  # same id and version as the bundled file
    (tmp_path / "clash.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RuleSetError) as refused:
        load_ruleset("national", dirs=(str(tmp_path),))
    assert "national@2020.1" in refused.value.message


def test_a_broken_file_and_a_missing_directory_are_named_in_chinese(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(RuleSetError) as broken:
        load_ruleset("national", dirs=(str(tmp_path),))
    assert "无法读取" in broken.value.message and "broken.json" in broken.value.message
    with pytest.raises(RuleSetError) as missing:
        load_ruleset("national", dirs=(str(tmp_path / "nowhere"),))
    assert "不存在" in missing.value.message


def test_every_rule_set_fixes_the_mof_indicator_categories():
    from jixiao.core.rulesets import MOF_CATEGORIES, available_rulesets, load_ruleset

    for ruleset_id in available_rulesets():
        rules = load_ruleset(ruleset_id)
        assert [(c.level1, tuple(c.level2)) for c in rules.indicator_categories] == list(
            MOF_CATEGORIES
        )
        assert rules.level2_of("产出指标") == ["数量指标", "质量指标", "时效指标", "成本指标"]
        assert rules.is_category("效益指标", "可持续影响指标")
        assert not rules.is_category("效益指标", "数量指标")
        assert rules.level2_of("其他") == []
