"""Year-end hand-off: the self-evaluation form starts from the targets and the monitoring data.

A unit set its targets at the start of the year and reported progress during it; at year end
it should not type them again. The department form gets its goals, tasks, task funds and
indicators (with their targets) from the targets, the latest actual of each indicator and the
money from the latest monitoring form; the project form likewise, with each indicator's weight
and the deviation reason the unit gave while monitoring. Derived figures (adjustment, rates)
are computed by :mod:`jixiao.core.computations` under the form's rule set; the narratives are
left for the unit to write.

The latest monitoring form is the one with the highest month among those of the same year,
kind and name as the targets; forms about other units or projects are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.core.analysis import complete
from jixiao.core.model import (
    DepartmentForm,
    DepartmentFunds,
    FundsRow,
    KeyProject,
    ProjectForm,
    ProjectFunds,
    ProjectIndicator,
    Task,
    TaskIndicator,
)
from jixiao.core.monitoring.models import ExecutionKind, IndicatorMonitoring, MonitoringForm
from jixiao.core.quality import normalise_name
from jixiao.core.rulesets import RuleSet, default_ruleset_id, load_ruleset
from jixiao.core.targets import DepartmentTargets, ProjectTargets, TargetIndicator

Monitoring = MonitoringForm | Iterable[MonitoringForm] | None


class HandoffError(ValueError):
    """Targets that cannot start a self-evaluation form. ``message`` is for users (Chinese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def latest_monitoring(
    monitoring: Monitoring, *, kind: ExecutionKind, name: str, year: int | None
) -> MonitoringForm | None:
    """The most recent monitoring form of one unit or project."""
    if monitoring is None:
        return None
    forms = [monitoring] if isinstance(monitoring, MonitoringForm) else list(monitoring)
    mine = [
        f for f in forms if f.kind is kind and f.name == name and (year is None or f.year == year)
    ]
    return max(mine, key=lambda f: f.month, default=None)


class _Progress:
    """Monitoring rows found by task and name, or by name alone when that is unambiguous."""

    def __init__(self, form: MonitoringForm | None) -> None:
        rows = form.indicators if form is not None else []
        self.by_task = {(r.task_number, normalise_name(r.name)): r for r in rows}
        by_name: dict[str, list[IndicatorMonitoring]] = {}
        for row in rows:
            by_name.setdefault(normalise_name(row.name), []).append(row)
        self.by_name = {k: v[0] for k, v in by_name.items() if len(v) == 1}

    def of(self, indicator: TargetIndicator, task: int | None = None) -> IndicatorMonitoring | None:
        key = normalise_name(indicator.name)
        return self.by_task.get((task, key)) or self.by_name.get(key)


def _spent(form: MonitoringForm | None) -> Decimal | None:
    if form is None or form.execution is None:
        return None
    return form.execution.spent_to(form.month)


def self_evaluation_from_targets(
    targets: DepartmentTargets, monitoring: Monitoring = None, *, rules: RuleSet | None = None
) -> DepartmentForm:
    """A 部门整体支出绩效自评表 pre-filled from the department's targets and its latest
    monitoring form (matched by the department's name)."""
    latest = latest_monitoring(
        monitoring, kind=ExecutionKind.UNIT, name=targets.department, year=targets.year
    )
    rules = rules or load_ruleset(default_ruleset_id("department_overall"))
    progress = _Progress(latest)
    execution = latest.execution if latest is not None else None
    funds = DepartmentFunds(
        initial_budget=(
            execution.initial_budget
            if execution is not None and execution.initial_budget is not None
            else targets.budget
        ),
        adjusted_budget=execution.annual_budget if execution is not None else None,
        actual_spending=_spent(latest),
    )
    form = DepartmentForm(
        title=f"{targets.year}年度{targets.department}部门整体支出绩效自评表",
        department=targets.department,
        year=targets.year,
        money_unit=targets.money_unit,
        funds=funds,
        tasks=[
            Task(
                number=task.number,
                expected_goal=task.goal or task.name,
                funds=task.funds,
                indicators=[
                    TaskIndicator(
                        name=indicator.name,
                        target=indicator.target_text,
                        actual=_actual(progress.of(indicator, task.number)),
                    )
                    for indicator in task.indicators
                ],
            )
            for task in targets.tasks
        ],
        key_projects=[KeyProject(name=p.project_name) for p in targets.projects if p.key],
    )
    form.annual_goals.expected = list(targets.annual_goals)
    # The derived figures as the one analysis fills them (no second computation here).
    completed: DepartmentForm = complete(form, rules)
    return completed


def _actual(row: IndicatorMonitoring | None) -> str | None:
    return None if row is None else row.actual_to_date


def _deviation(row: IndicatorMonitoring | None) -> str:
    if row is None:
        return ""
    category = f"【{row.deviation_reason.value}】" if row.deviation_reason is not None else ""
    return f"{category}{row.deviation_analysis}".strip()


def project_self_evaluation_from_targets(
    targets: ProjectTargets,
    monitoring: Monitoring = None,
    *,
    year: int | None = None,
    rules: RuleSet | None = None,
) -> ProjectForm:
    """A 项目支出绩效自评表 pre-filled from a project's targets and its latest monitoring form
    (matched by the project's name)."""
    year = year or targets.year
    latest = latest_monitoring(
        monitoring, kind=ExecutionKind.PROJECT, name=targets.project_name, year=year
    )
    if year is None and latest is not None:
        year = latest.year
    if year is None:
        raise HandoffError(f"项目“{targets.project_name}”的绩效目标没有年度，无法生成自评表。")
    rules = rules or load_ruleset(default_ruleset_id("project"))
    execution = latest.execution if latest is not None else None
    total = FundsRow(
        initial_budget=targets.budget,
        annual_budget=(
            execution.annual_budget
            if execution is not None and execution.annual_budget is not None
            else targets.budget
        ),
        executed=_spent(latest),
    )
    funds = ProjectFunds(
        total=total,
        current_year_appropriation=FundsRow(initial_budget=targets.current_year_appropriation),
        carried_over=FundsRow(initial_budget=targets.carried_over),
        other=FundsRow(initial_budget=targets.other_funds),
        weight=rules.weights.execution,
    )
    progress = _Progress(latest)
    form = ProjectForm(
        year=year,
        project_name=targets.project_name,
        department=targets.department,
        implementing_unit=targets.implementing_unit,
        funds=funds,
        goal_expected=targets.goal,
        indicators=[
            ProjectIndicator(
                level1=indicator.level1,
                level2=indicator.level2,
                name=indicator.name,
                nature=indicator.nature,
                unit=indicator.unit,
                target=indicator.target_text,
                actual=_actual(progress.of(indicator)),
                weight=indicator.weight,
                deviation_reason=_deviation(progress.of(indicator)),
            )
            for indicator in targets.indicators
        ],
    )
    completed: ProjectForm = complete(form, rules)
    return completed
