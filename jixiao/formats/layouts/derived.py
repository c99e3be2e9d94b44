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
from functools import cache
from typing import Any

from jixiao.core import computations
from jixiao.core.model import DepartmentForm, FundsRow, ProjectForm
from jixiao.core.money import HUNDRED, ZERO
from jixiao.core.rulesets import AdjustmentMode, RuleSet
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
        return Derived(value)  # the items are not on the printed form
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


@cache
def _score_card(form_json: str, rules_json: str) -> Any:
    """The core's score card, or None while the scoring module is not available."""
    try:
        from jixiao.core.scoring import score_project
    except ImportError:
        return None
    from jixiao.core.model import ProjectForm as _Form
    from jixiao.core.rulesets import RuleSet as _Rules

    form = _Form.model_validate_json(form_json)
    return score_project(form, _Rules.model_validate_json(rules_json))


def score_card(form: ProjectForm, rules: RuleSet) -> Any:
    return _score_card(form.model_dump_json(), rules.model_dump_json())


def _card_line(scope: Scope, path: str) -> Any:
    card = score_card(_project(scope), scope.rules)
    if card is None:
        return None
    return next((line for line in card.lines if line.path == path), None)


def execution_weight(form: ProjectForm, rules: RuleSet) -> Decimal:
    return form.funds.weight if form.funds.weight is not None else rules.weights.execution


def execution_score(form: ProjectForm, rules: RuleSet) -> Decimal | None:
    """执行率 × 分值, capped at 分值: exactly what the sheet's formula computes."""
    rate = computations.execution_rate(form.funds.total)
    if rate is None:
        return form.funds.score
    return min(rate / HUNDRED, Decimal(1)) * execution_weight(form, rules)


def _execution_score(scope: Scope) -> Derived:
    form = _project(scope)
    value = execution_score(form, scope.rules)
    if computations.execution_rate(form.funds.total) is None:
        return Derived(value)
    return Derived(value, "MIN({funds.execution_rate},1)*{funds.weight}")


def indicator_points(scope: Scope, which: str) -> Decimal | None:
    """An indicator's stated 分值 or 得分, else the core's score card's."""
    stated = getattr(scope.obj, which)
    if stated is not None:
        return stated  # type: ignore[no-any-return]
    line = _card_line(scope, scope.path)
    if line is None:
        return None
    return line.points if which == "weight" else line.score  # type: ignore[no-any-return]


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
    form = _project(scope)
    total = _sum_over_indicators(scope, "score") + (execution_score(form, scope.rules) or ZERO)
    return Derived(total, "SUM({indicators[*].score})+{funds.score}")


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
