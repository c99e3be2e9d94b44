"""Figures a layout prints that the core derives from other cells.

Each derived figure has the core's exact value and, where the spreadsheet can compute it, a
formula template over absolute keys (``ABS({funds.adjusted_budget}-{funds.initial_budget})``;
``{indicators[*].score}`` stands for every indicator's score cell). The XLSX writer turns keys
into cell references and stores the value as the formula's cached result, so Excel, WPS and
LibreOffice show the core's figure and recompute it after an edit. Rates are percentages here
(``98.82``); a spreadsheet cell holds the fraction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core import computations
from jixiao.core.model import DepartmentForm, FundsRow, ProjectForm
from jixiao.core.money import HUNDRED, ZERO, round_money
from jixiao.core.rulesets import AdjustmentMode, RuleSet
from jixiao.core.scoring import ScoreCard, score_project
from jixiao.formats.layouts.scope import LayoutError, Scope


@dataclass(frozen=True)
class Derived:
    value: Decimal | str | None
    formula: str | None = None  # None: the cell holds a plain value


def _department(scope: Scope) -> DepartmentForm:
    form = scope.root
    if not isinstance(form, DepartmentForm):
        raise LayoutError("this figure needs a department form")
    return form


def _project(scope: Scope) -> ProjectForm:
    form = scope.root
    if not isinstance(form, ProjectForm):
        raise LayoutError("this figure needs a project form")
    return form


def _adjustment(scope: Scope) -> Derived:
    funds = _department(scope).funds
    value = computations.budget_adjustment(funds, scope.rules)
    if value is None:
        return Derived(None)
    if scope.rules.adjustment_mode is AdjustmentMode.GROSS and funds.adjustment_items:
        return Derived(value)  # a gross sum over the item rows: kept as a plain value
    change = "{funds.adjusted_budget}-{funds.initial_budget}"
    return Derived(value, change if scope.rules.adjustment_signed else f"ABS({change})")


def _completion_rate(scope: Scope) -> Derived:
    value = computations.completion_rate(_department(scope).funds)
    return Derived(value, "{funds.actual_spending}/{funds.adjusted_budget}")


def _adjustment_rate(scope: Scope) -> Derived:
    value = computations.adjustment_rate(_department(scope).funds, scope.rules)
    return Derived(value, "{funds.adjustment}/{funds.initial_budget}")


def _execution_rate(scope: Scope) -> Derived:
    row = scope.obj
    if not isinstance(row, FundsRow):
        raise LayoutError("execution_rate belongs in a funds row")
    value = computations.execution_rate(row)
    p = scope.path
    return Derived(value, f"{{{p}.executed}}/{{{p}.annual_budget}}")


def score_card(scope: Scope) -> ScoreCard:
    """The core's score card of the form, computed once per layout."""
    if "score_card" not in scope.memo:
        scope.memo["score_card"] = score_project(_project(scope), scope.rules)
    card: ScoreCard = scope.memo["score_card"]
    return card


def execution_weight(form: ProjectForm, rules: RuleSet) -> Decimal:
    return form.funds.weight if form.funds.weight is not None else rules.weights.execution


def execution_score(form: ProjectForm, rules: RuleSet) -> Decimal | None:
    """执行率 × 分值, capped at 分值, rounded to cents as the score card rounds every line:
    exactly what the sheet's ``ROUND(MIN(rate,1)*points,2)`` computes."""
    rate = computations.execution_rate(form.funds.total)
    if rate is None:
        return form.funds.score
    return round_money(min(rate / HUNDRED, Decimal(1)) * execution_weight(form, rules))


def _execution_score(scope: Scope) -> Derived:
    form = _project(scope)
    value = execution_score(form, scope.rules)
    if computations.execution_rate(form.funds.total) is None:
        return Derived(value)
    return Derived(value, "ROUND(MIN({funds.execution_rate},1)*{funds.weight},2)")


def indicator_points(scope: Scope, which: str) -> Decimal | None:
    """An indicator's 分值 or 得分 as the core's score card has it (its rule, the stated
    points and the evaluator's score within a qualitative band), else as stated."""
    line = next((ln for ln in score_card(scope).lines if ln.path == scope.path), None)
    if line is not None:
        return line.points if which == "weight" else line.score
    stated: Decimal | None = getattr(scope.obj, which)
    return stated


def _indicator_score(scope: Scope) -> Derived:
    return Derived(indicator_points(scope, "score"))


def _indicator_weight(scope: Scope) -> Derived:
    return Derived(indicator_points(scope, "weight"))


def _sum_over_indicators(scope: Scope, which: str) -> Decimal:
    form = _project(scope)
    total = ZERO
    for i, indicator in enumerate(form.indicators):
        item = scope.child(indicator, f"indicators[{i}]")
        total += indicator_points(item, which) or ZERO
    return total


def _total_score(scope: Scope) -> Derived:
    """The lines' sum, capped: at 100, or lower when the score card applied a rule-set cap
    (the cap is then a constant of the formula)."""
    form = _project(scope)
    total = _sum_over_indicators(scope, "score") + (execution_score(form, scope.rules) or ZERO)
    limit = min((cap.limit for cap in score_card(scope).caps_applied), default=HUNDRED)
    return Derived(min(total, limit), f"MIN(SUM({{indicators[*].score}})+{{funds.score}},{limit})")


def _weight_total(scope: Scope) -> Derived:
    form = _project(scope)
    total = _sum_over_indicators(scope, "weight") + execution_weight(form, scope.rules)
    return Derived(total, "SUM({indicators[*].weight})+{funds.weight}")


def _grade(scope: Scope) -> Derived:
    total = _total_score(scope).value
    assert isinstance(total, Decimal)
    grades = sorted(scope.rules.grades, key=lambda g: g.min_score, reverse=True)
    if not grades:
        return Derived(None)
    name = next((g.name for g in grades if total >= g.min_score), grades[-1].name)
    # Nested IFs from the highest threshold down: a formula WPS and LibreOffice both read.
    formula = f'"{grades[-1].name}"'
    for grade in reversed(grades[:-1]):
        formula = f'IF({{total_score}}>={grade.min_score},"{grade.name}",{formula})'
    return Derived(name, formula)


DERIVED: dict[str, Callable[[Scope], Derived]] = {
    "adjustment": _adjustment,
    "completion_rate": _completion_rate,
    "adjustment_rate": _adjustment_rate,
    "execution_rate": _execution_rate,
    "execution_score": _execution_score,
    "indicator_score": _indicator_score,
    "indicator_weight": _indicator_weight,
    "total_score": _total_score,
    "weight_total": _weight_total,
    "grade": _grade,
}


def derive(name: str, scope: Scope) -> Derived:
    try:
        figure = DERIVED[name]
    except KeyError:
        raise LayoutError(f"unknown derived figure: {name}") from None
    return figure(scope)
