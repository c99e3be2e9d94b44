"""A quantitative indicator marked met needs evidence before submit, as the rule set says."""

from __future__ import annotations

import json
from pathlib import Path

from jixiao.core.rulesets import load_ruleset
from jixiao.core.serialization import form_from_data
from jixiao.core.validation.evidence import check_evidence
from jixiao.core.validation.findings import Severity

SAMPLE = Path(__file__).parents[2] / "fixtures" / "sample_project_form.json"


def _rules(level: str):  # type: ignore[no-untyped-def]
    rules = load_ruleset("national")
    return rules.model_copy(
        update={"evidence": rules.evidence.model_copy(update={"met_quantitative": level})}
    )


def test_bundled_rule_sets_leave_the_rule_off() -> None:
    form = form_from_data(json.loads(SAMPLE.read_text(encoding="utf-8")))
    assert check_evidence(form, load_ruleset("national"), evidenced=set()) == []


def test_each_met_quantitative_indicator_without_evidence_is_named() -> None:
    form = form_from_data(json.loads(SAMPLE.read_text(encoding="utf-8")))
    findings = check_evidence(form, _rules("warning"), evidenced={"indicators[0]"})
    # 126人 ≥ 120人 has evidence; 27000 < 30000 and 1.6 > 1.5 are not met; 定性 is not counted.
    assert [f.path for f in findings] == [
        "indicators[2]",
        "indicators[4]",
        "indicators[5]",
        "indicators[7]",
    ]
    assert all(f.severity is Severity.WARNING for f in findings)
    assert "网格事件按期办结率" in findings[0].message and "佐证材料" in findings[0].message


def test_the_rule_set_can_make_it_an_error() -> None:
    form = form_from_data(json.loads(SAMPLE.read_text(encoding="utf-8")))
    findings = check_evidence(form, _rules("error"), evidenced=set())
    assert findings and all(f.severity is Severity.ERROR for f in findings)
