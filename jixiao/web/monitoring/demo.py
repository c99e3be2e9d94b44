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


def december_spender(name: str, department: str, month: int = 7) -> MonitoringForm:
    """2% of the budget a month so far, and a plan with 72.5% of it in December."""
    spent = (BUDGET * Decimal("0.02")).quantize(Decimal("0.01"))
    plan = {m: Decimal("10.50") for m in range(1, 12)} | {12: Decimal("304.50")}
    execution = BudgetExecution(
        kind=ExecutionKind.UNIT,
        name=name,
        year=YEAR,
        initial_budget=BUDGET,
        annual_budget=BUDGET,
        monthly_spending={m: spent for m in range(1, month + 1)},
        monthly_plan=plan,
    )
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
                name="矛盾纠纷调处成功率",
                target="≥95%",
                actual_to_date="96.2%",
                likelihood="确定能",
            ),
            IndicatorMonitoring(
                task_number=1,
                name="规范化建设综治中心数量",
                target="≥10个",
                actual_to_date="3个",
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
