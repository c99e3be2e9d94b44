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
from jixiao.core.money import HUNDRED
from jixiao.core.rulesets import AdjustmentMode
from jixiao.core.scoring import ScoreCard, ScoreLine, ScoreRule, score_project
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


def _line(scope: Scope, path: str) -> ScoreLine | None:
    return next((ln for ln in score_card(scope).lines if ln.path == path), None)


def _execution_score(scope: Scope) -> Derived:
    """The score card's 预算执行率 line. Where the rate exists the sheet gets the formula the
    line follows (the rate clamped to 0…100 % × points, to cents) so an edit recomputes it;
    without a rate the line scores 0 and the cell holds that value."""
    line = _line(scope, "funds.total")
    value = None if line is None else line.score
    if line is None or line.rule is not ScoreRule.EXECUTION_RATE:
        return Derived(value)
    return Derived(value, "ROUND(MAX(0,MIN({funds.execution_rate},1))*{funds.weight},2)")


def indicator_points(scope: Scope, which: str) -> Decimal | None:
    """An indicator's 分值 or 得分 as the core's score card has it, else as stated (a row
    that is not scored)."""
    line = _line(scope, scope.path)
    if line is not None:
        return line.points if which == "weight" else line.score
    stated: Decimal | None = getattr(scope.obj, which)
    return stated


def _indicator_score(scope: Scope) -> Derived:
    return Derived(indicator_points(scope, "score"))


def _indicator_weight(scope: Scope) -> Derived:
    return Derived(indicator_points(scope, "weight"))


def _total_score(scope: Scope) -> Derived:
    """The score card's total. The formula adds the line cells and applies the cap the score
    card applied (a constant of the formula), so the cached value and a recomputation agree."""
    card = score_card(scope)
    limit = min((cap.limit for cap in card.caps_applied), default=HUNDRED)
    return Derived(card.total, f"MIN(SUM({{indicators[*].score}})+{{funds.score}},{limit})")


def _weight_total(scope: Scope) -> Derived:
    return Derived(score_card(scope).points, "SUM({indicators[*].weight})+{funds.weight}")


def _grade(scope: Scope) -> Derived:
    """The score card's grade; the formula walks the rule set's thresholds from the top."""
    card = score_card(scope)
    grades = sorted(scope.rules.grades, key=lambda g: g.min_score, reverse=True)
    if not grades:
        return Derived(card.grade or None)
    # Nested IFs from the highest threshold down: a formula WPS and LibreOffice both read.
    formula = f'"{grades[-1].name}"'
    for grade in reversed(grades[:-1]):
        formula = f'IF({{total_score}}>={grade.min_score},"{grade.name}",{formula})'
    return Derived(card.grade, formula)


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
