"""The figures a form derives from its inputs: adjustment, rates, execution rate.

Each function returns the exact value (Decimal) or None when an input is missing or the
denominator is zero; rounding for print is the caller's, through :mod:`jixiao.core.money`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.model import DepartmentFunds, FundsRow, ProjectForm, SpendingBySource
from jixiao.core.model.declaration import DeclarationFunds
from jixiao.core.money import ZERO, percent
from jixiao.core.rulesets import AdjustmentMode, RuleSet


def budget_adjustment(funds: DepartmentFunds, rules: RuleSet) -> Decimal | None:
    """年度预算调整数: net |adjusted − initial| by default; gross sums every item's size."""
    if rules.adjustment_mode is AdjustmentMode.GROSS and funds.adjustment_items:
        return sum((abs(item.amount) for item in funds.adjustment_items), ZERO)
    if funds.initial_budget is None or funds.adjusted_budget is None:
        return None
    change = funds.adjusted_budget - funds.initial_budget
    return change if rules.adjustment_signed else abs(change)


def completion_rate(funds: DepartmentFunds) -> Decimal | None:
    """预算完成率 = 实际支出数 / 部门调整预算收入, in percent."""
    if funds.actual_spending is None or funds.adjusted_budget is None:
        return None
    return percent(funds.actual_spending, funds.adjusted_budget)


def adjustment_rate(funds: DepartmentFunds, rules: RuleSet) -> Decimal | None:
    """预算调整率 = 年度预算调整数 / 部门年初预算收入 (the initial budget, not the adjusted)."""
    adjustment = budget_adjustment(funds, rules)
    if adjustment is None or funds.initial_budget is None:
        return None
    return percent(adjustment, funds.initial_budget)


def spending_sources_total(sources: SpendingBySource) -> Decimal | None:
    """Sum of the stated sources; None when no source is stated at all."""
    values = [
        v
        for v in (
            sources.general_public_budget,
            sources.government_fund_budget,
            sources.state_capital_budget,
            sources.other,
        )
        if v is not None
    ]
    return sum(values, ZERO) if values else None


def declaration_sources_total(funds: DeclarationFunds) -> Decimal | None:
    """其中：财政拨款 + 其他资金 of a target declaration; None when neither is stated."""
    values = [v for v in (funds.fiscal, funds.other) if v is not None]
    return sum(values, ZERO) if values else None


def execution_rate(row: FundsRow) -> Decimal | None:
    """执行率 = 全年执行数 (B) / 全年预算数 (A), in percent."""
    if row.executed is None or row.annual_budget is None:
        return None
    return percent(row.executed, row.annual_budget)


def project_execution_rate(form: ProjectForm) -> Decimal | None:
    return execution_rate(form.funds.total)


@dataclass(frozen=True)
class DepartmentFigures:
    """Every derived figure of a department form, exact, with the rule set that made them."""

    adjustment: Decimal | None
    completion_rate: Decimal | None
    adjustment_rate: Decimal | None
    spending_sources_total: Decimal | None
    task_funds_total: Decimal | None
    ruleset: str


def department_figures(
    funds: DepartmentFunds, task_funds: list[Decimal | None], rules: RuleSet
) -> DepartmentFigures:
    stated = [f for f in task_funds if f is not None]
    return DepartmentFigures(
        adjustment=budget_adjustment(funds, rules),
        completion_rate=completion_rate(funds),
        adjustment_rate=adjustment_rate(funds, rules),
        spending_sources_total=spending_sources_total(funds.spending_by_source),
        task_funds_total=sum(stated, ZERO) if stated else None,
        ruleset=rules.label,
    )
