"""What the core says about a form: derived figures, findings and (for projects) the score card.

The web layer never computes a figure itself: this module calls :mod:`jixiao.core` and shapes
the results for templates and the API. :func:`complete` writes the derived figures into the form
at the precision the rule set prints them, so a saved form is consistent with itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core import computations
from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.money import money_text, rate_text, round_money, round_rate
from jixiao.core.printed import FigureCheck, department_checks, project_checks
from jixiao.core.rulesets import RuleSet, default_ruleset_id, load_ruleset
from jixiao.core.scoring import ScoreCard, ScoreRule, score_project
from jixiao.core.serialization import Form
from jixiao.core.validation import Finding, Severity, validate


@dataclass(frozen=True)
class Figure:
    """A derived figure as the form prints it, next to the field ``path`` it belongs to."""

    path: str
    label: str
    text: str


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


def rules_named(ruleset_id: str | None, form_type: str) -> RuleSet:
    try:
        return load_ruleset(ruleset_id or default_ruleset_id(form_type))
    except KeyError:
        return load_ruleset(default_ruleset_id(form_type))


def _rate(value: Decimal | None, places: int) -> Decimal | None:
    return None if value is None else round_rate(value, places)


def complete(form: Form, rules: RuleSet) -> Form:
    """The form with its derived figures filled in as printed (inputs untouched)."""
    if isinstance(form, DepartmentForm):
        funds = form.funds
        adjustment = computations.budget_adjustment(funds, rules)
        precision = rules.rate_precision
        new_funds = funds.model_copy(
            update={
                "adjustment": None if adjustment is None else round_money(adjustment),
                "completion_rate": _rate(
                    computations.completion_rate(funds), precision.completion_rate
                ),
                "adjustment_rate": _rate(
                    computations.adjustment_rate(funds, rules), precision.adjustment_rate
                ),
            }
        )
        return form.model_copy(update={"funds": new_funds})
    card = score_project(form, rules)
    scores = {line.path: line.score for line in card.lines}
    indicators = [
        row.model_copy(update={"score": scores.get(f"indicators[{i}]")})
        for i, row in enumerate(form.indicators)
    ]
    project_funds = form.funds.model_copy(
        update={
            "execution_rate": _rate(
                computations.project_execution_rate(form), rules.rate_precision.execution_rate
            ),
            "score": scores.get("funds.total"),
        }
    )
    return form.model_copy(
        update={
            "funds": project_funds,
            "indicators": indicators,
            "total_score": card.total,
            "grade": card.grade,
        }
    )


def _department_figures(form: DepartmentForm, rules: RuleSet) -> list[Figure]:
    figures = computations.department_figures(
        form.funds, [task.funds for task in form.tasks], rules
    )
    precision = rules.rate_precision
    return [
        Figure("funds.adjustment", "年度预算调整数", money_text(figures.adjustment)),
        Figure(
            "funds.completion_rate",
            "预算完成率",
            rate_text(figures.completion_rate, precision.completion_rate),
        ),
        Figure(
            "funds.adjustment_rate",
            "预算调整率",
            rate_text(figures.adjustment_rate, precision.adjustment_rate),
        ),
        Figure(
            "funds.spending_by_source",
            "各来源合计",
            money_text(figures.spending_sources_total),
        ),
        Figure("tasks.funds_total", "任务涉及资金合计", money_text(figures.task_funds_total)),
    ]


def _project_figures(form: ProjectForm, card: ScoreCard, rules: RuleSet) -> list[Figure]:
    figures = [
        Figure(
            "funds.execution_rate",
            "执行率",
            rate_text(
                computations.project_execution_rate(form), rules.rate_precision.execution_rate
            ),
        )
    ]
    for line in card.lines:
        figures.append(Figure(f"{line.path}.points", "分值", money_text(line.points)))
        figures.append(Figure(f"{line.path}.score", "得分", money_text(line.score)))
    figures.append(Figure("total_score", "总分", money_text(card.total)))
    figures.append(Figure("grade", "评价等级", card.grade))
    return figures


def analyse(form: Form, rules: RuleSet) -> Analysis:
    findings = validate(form, rules)
    card = None
    if isinstance(form, DepartmentForm):
        figures = _department_figures(form, rules)
        checks = department_checks(form, rules)
    else:
        card = score_project(form, rules)
        figures = _project_figures(form, card, rules)
        checks = project_checks(form, rules, card)
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_path[finding.path].append(finding)
    return Analysis(figures, findings, card, rules.label, dict(by_path), checks, rules.name)
