"""The one analysis of a form: fill its derived figures and judge it, under a named rule set.

The editor, the API, exports, import recompute, the year-end hand-off and aggregation all call
:func:`complete` and :func:`analyse` here; what differs by form type comes from the registry
(:mod:`jixiao.core.formtypes`). A stored form names the rule set (id and version) that judged
it, and :func:`rules_for` gives that very version back, so a newer version of a rule set never
re-judges a past year.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from jixiao.core.formtypes import Figure, form_type, form_type_of
from jixiao.core.money import money_text
from jixiao.core.printed import FigureCheck
from jixiao.core.rulesets import RuleSet, RuleSetDirs, load_ruleset
from jixiao.core.scoring import ScoreCard, ScoreRule
from jixiao.core.validation.findings import Finding, Severity

RULE_LABELS: dict[ScoreRule, str] = {
    ScoreRule.EXECUTION_RATE: "执行率×分值",
    ScoreRule.POSITIVE_RATIO: "正向指标：实际值/目标值×分值",
    ScoreRule.REVERSE_RATIO: "反向指标：目标值/实际值×分值",
    ScoreRule.REVERSE_LINEAR: "反向指标：按超出比例扣分",
    ScoreRule.EQUAL: "等于型指标：按实际值与目标值之比计分",
    ScoreRule.RANGE: "区间指标：区间内满分，区间外按比值计分",
    ScoreRule.QUALITATIVE_BAND: "定性指标：按评价档次计分",
    ScoreRule.NO_DATA: "无可比数据：不得分",
}


@dataclass(frozen=True)
class ScoreRow:
    """A score card line as the page prints it."""

    name: str
    group: str
    points: str
    score: str
    rule: str
    explanation: str


@dataclass
class Analysis:
    figures: list[Figure]
    findings: list[Finding]
    scorecard: ScoreCard | None = None
    ruleset: str = ""
    by_path: dict[str, list[Finding]] = field(default_factory=dict)
    checks: list[FigureCheck] = field(default_factory=list)
    ruleset_name: str = ""

    @property
    def score_rows(self) -> list[ScoreRow]:
        if self.scorecard is None:
            return []
        return [
            ScoreRow(
                line.name,
                line.group,
                money_text(line.points),
                money_text(line.score),
                RULE_LABELS.get(line.rule, str(line.rule)),
                line.explanation,
            )
            for line in self.scorecard.lines
        ]

    @property
    def disagreements(self) -> int:
        return sum(1 for check in self.checks if check.agrees is False)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def figure(self, path: str) -> str:
        return next((f.text for f in self.figures if f.path == path), "")


def rules_for(
    form_type_key: str,
    ruleset_id: str | None = None,
    version: str | None = None,
    dirs: RuleSetDirs = (),
) -> RuleSet:
    """The rule set a form is judged by: the one it names (at the version it names), else its
    type's default. An id no longer known falls back to the default; a known id at a version
    no longer known is refused (KeyError) rather than silently re-judged by another version."""
    default = form_type(form_type_key).default_ruleset
    if ruleset_id and _known(ruleset_id, dirs):
        return load_ruleset(ruleset_id, version or None, dirs)
    return load_ruleset(default, None, dirs)


def _known(ruleset_id: str, dirs: RuleSetDirs) -> bool:
    try:
        load_ruleset(ruleset_id, None, dirs)
    except KeyError:
        return False
    return True


def complete(form: Any, rules: RuleSet) -> Any:
    """The form with its derived figures filled in as printed (inputs untouched)."""
    return form_type_of(form).complete(form, rules)


def validate(form: Any, rules: RuleSet) -> list[Finding]:
    """Every finding of the form's type's rules, in rule order."""
    findings: list[Finding] = []
    for rule in form_type_of(form).rules:
        findings.extend(rule(form, rules))
    return findings


def analyse(form: Any, rules: RuleSet) -> Analysis:
    """Findings, printed figures, score card (for a scored type) and printed-vs-computed
    checks of ``form`` under ``rules``."""
    findings = validate(form, rules)
    judged = form_type_of(form).judge(form, rules)
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_path[finding.path].append(finding)
    return Analysis(
        judged.figures,
        findings,
        judged.scorecard,
        rules.label,
        dict(by_path),
        judged.checks,
        rules.name,
    )
