"""Demo data of targets and monitoring: the seed department's 2023 targets drafted from its
2022 self-evaluation (so the quality check has the seed's unmeasurable indicators to flag), and
2023 monthly figures of a unit that leaves most of its money to December."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.monitoring import BudgetExecution, IndicatorMonitoring, MonitoringForm
from jixiao.core.monitoring.models import ExecutionKind
from jixiao.web.monitoring.models import MonitoringRecord
from jixiao.web.monitoring.services import monitoring_create
from jixiao.web.organisations.models import Organisation
from jixiao.web.targets.models import TargetSet
from jixiao.web.targets.services import targets_create

YEAR = 2023
BUDGET = Decimal("420.00")


# 7% of the budget a month in the first half keeps pace with time (lag under 10 points); the
# big contract then slips, spending drops to 1% a month and the rest is paid in December.
FIRST_HALF_SHARE = Decimal("0.07")
SLOW_SHARE = Decimal("0.01")
# The plan as filed in January: 40% in the last quarter, under the 50% warning line, so the
# plan itself raises nothing; the warnings come from what is actually spent.
PLAN_SHARES = [Decimal("0.07")] * 6 + [Decimal("0.06")] * 3 + [Decimal("0.05")] * 2


def _share(share: Decimal) -> Decimal:
    return (BUDGET * share).quantize(Decimal("0.01"))


def december_monthly_spending(month: int) -> dict[int, Decimal]:
    """Spending of months 1..``month``: on pace to June, 1% a month from July, and in December
    whatever is left (222.60 of 420, 53% of the year's spending)."""
    spending = {m: _share(FIRST_HALF_SHARE if m <= 6 else SLOW_SHARE) for m in range(1, 12)}
    spending[12] = BUDGET - sum(spending.values(), Decimal("0"))
    return {m: v for m, v in spending.items() if m <= month}


def december_plan() -> dict[int, Decimal]:
    plan = {m: _share(share) for m, share in enumerate(PLAN_SHARES, start=1)}
    return plan | {12: BUDGET - sum(plan.values(), Decimal("0"))}


def december_spender(name: str, department: str, month: int = 7) -> MonitoringForm:
    """A unit that keeps pace until June and then leaves most of its money to December: green
    for months 1–6, warned from July on (see :func:`december_monthly_spending`). Its count
    indicator follows the same story: on pace to May, stuck at 5 of 10 until December."""
    execution = BudgetExecution(
        kind=ExecutionKind.UNIT,
        name=name,
        year=YEAR,
        initial_budget=BUDGET,
        annual_budget=BUDGET,
        monthly_spending=december_monthly_spending(month),
        monthly_plan=december_plan(),
    )
    centres = 10 if month == 12 else min(month, 5)
    return MonitoringForm(
        kind=ExecutionKind.UNIT,
        name=name,
        department=department,
        year=YEAR,
        month=month,
        execution=execution,
        indicators=[
            IndicatorMonitoring(
                task_number=1,
                level1="产出指标",
                level2="质量指标",
                name="矛盾纠纷调处成功率",
                target="≥95%",
                actual_to_date="96.2%",
                likelihood="确定能",
            ),
            IndicatorMonitoring(
                task_number=1,
                level1="产出指标",
                level2="数量指标",
                name="规范化建设综治中心数量",
                target="≥10个",
                actual_to_date=f"{centres}个",
            ),
        ],
    )


def load_targets_and_monitoring_demo(department: Organisation, unit: Organisation) -> None:
    """Add the demo targets and monitoring data once (existing rows are kept)."""
    if not TargetSet.objects.filter(organisation=department, year=YEAR).exists():
        targets_create(organisation=department, year=YEAR, user=None, reason="演示数据")
    if not MonitoringRecord.objects.filter(organisation=unit, year=YEAR).exists():
        monitoring_create(
            organisation=unit,
            year=YEAR,
            kind=ExecutionKind.UNIT,
            name=unit.name,
            user=None,
            form=december_spender(unit.name, department.name),
        )
