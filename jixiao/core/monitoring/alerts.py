"""Early warnings (预警) of in-year monitoring, as traffic lights.

Each rule is a small function over one monitoring form (a unit or a project, as of a month)
that returns warnings as data: ``code``, ``level`` (红/黄; 绿 is the absence of warnings),
``subject``, ``path`` and a Chinese message saying what is off, by how much, and what to do.
Thresholds come from the rule set's ``monitoring`` part, so a region can tune them.

The rules catch what the seed's 存在问题 reports after the fact: spending behind time, big
projects stalling, money planned for the last quarter, indicators heading for a miss, budgets
being adjusted close to the limit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jixiao.core.computations import adjustment_rate
from jixiao.core.indicators import Attainment, judge, parse_value
from jixiao.core.model import DepartmentFunds
from jixiao.core.money import HUNDRED, ZERO, money_text, percent, rate_text
from jixiao.core.monitoring.models import (
    KIND_LABELS,
    BudgetExecution,
    ExecutionKind,
    Likelihood,
    MonitoringForm,
)
from jixiao.core.monitoring.progress import time_elapsed
from jixiao.core.monitoring.projection import project_indicator, project_spending
from jixiao.core.rulesets import RuleSet, load_ruleset

LAST_QUARTER = (10, 11, 12)
REASON_CATEGORIES = "经费保障、制度保障、人员保障、硬件条件保障、其他"


class Light(StrEnum):
    RED = "红"
    YELLOW = "黄"
    GREEN = "绿"


LIGHT_SEVERITY = {Light.GREEN: 0, Light.YELLOW: 1, Light.RED: 2}


@dataclass(frozen=True)
class EarlyWarning:
    code: str
    level: Light
    subject: str  # the unit or project the warning is about
    path: str  # ``execution.monthly_spending``, ``indicators[2].expected_full_year``
    message: str
    month: int

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes two days' warnings the same warning (for "new since yesterday")."""
        return (self.code, self.subject, self.path)


Rule = Callable[[MonitoringForm, RuleSet], list[EarlyWarning]]


def _warn(form: MonitoringForm, code: str, level: Light, path: str, message: str) -> EarlyWarning:
    return EarlyWarning(code, level, form.name, path, message, form.month)


def _who(form: MonitoringForm) -> str:
    return f"{KIND_LABELS[form.kind]}“{form.name}”"


def _budgeted(form: MonitoringForm) -> tuple[BudgetExecution, Decimal] | None:
    execution = form.execution
    if execution is None or execution.annual_budget is None or execution.annual_budget <= 0:
        return None
    return execution, execution.annual_budget


def spending_behind_time(form: MonitoringForm, rules: RuleSet) -> list[EarlyWarning]:
    """Execution rate behind time elapsed (month/12) by more than ``lag_points``."""
    budgeted = _budgeted(form)
    if budgeted is None:
        return []
    execution, _ = budgeted
    rate = execution.execution_rate(form.month)
    if rate is None:
        return []
    thresholds = rules.monitoring
    elapsed = time_elapsed(form.month)
    lag = elapsed - rate
    if lag <= thresholds.lag_points:
        return []
    red = lag >= thresholds.lag_points * thresholds.lag_red_factor
    projection = project_spending(execution, form.month)
    return [
        _warn(
            form,
            "spending.behind_time",
            Light.RED if red else Light.YELLOW,
            "execution.monthly_spending",
            f"截至{form.month}月，{_who(form)}预算执行率{rate_text(rate)}，时间进度{rate_text(elapsed)}，"
            f"落后{rate_text(lag).removesuffix('%')}个百分点（预警线{thresholds.lag_points:f}个百分点）。"
            f"{projection.explanation}请分析原因，加快支出进度。",
        )
    ]


def large_project_behind(form: MonitoringForm, rules: RuleSet) -> list[EarlyWarning]:
    """A project of at least ``large_project_amount`` below ``large_project_min_rate`` % at
    ``large_project_month`` or later."""
    thresholds = rules.monitoring
    budgeted = _budgeted(form)
    if form.kind is not ExecutionKind.PROJECT or budgeted is None:
        return []
    execution, budget = budgeted
    if budget < thresholds.large_project_amount or form.month < thresholds.large_project_month:
        return []
    rate = execution.execution_rate(form.month)
    if rate is None or rate >= thresholds.large_project_min_rate:
        return []
    return [
        _warn(
            form,
            "project.large_behind",
            Light.RED,
            "execution.monthly_spending",
            f"{_who(form)}预算{money_text(budget)}万元，属大额项目"
            f"（{thresholds.large_project_amount:f}万元及以上），截至{form.month}月执行率仅"
            f"{rate_text(rate)}，低于{thresholds.large_project_min_rate:f}%的要求。"
            "严重滞后的项目可能被暂缓拨款或收回预算，请尽快说明原因并制定整改措施。",
        )
    ]


def _last_quarter_level(share: Decimal, threshold: Decimal) -> Light:
    # Half-way between the threshold and everything-in-Q4 is red.
    return Light.RED if share >= (threshold + HUNDRED) / 2 else Light.YELLOW


def last_quarter_plan(form: MonitoringForm, rules: RuleSet) -> list[EarlyWarning]:
    """A spending plan that puts ``last_quarter_share`` % or more of the money in Q4."""
    execution = form.execution
    if execution is None or not execution.monthly_plan:
        return []
    planned = sum(execution.monthly_plan.values(), ZERO)
    in_q4 = sum((v for m, v in execution.monthly_plan.items() if m in LAST_QUARTER), ZERO)
    share = percent(in_q4, planned)
    threshold = rules.monitoring.last_quarter_share
    if share is None or share < threshold:
        return []
    return [
        _warn(
            form,
            "plan.last_quarter",
            _last_quarter_level(share, threshold),
            "execution.monthly_plan",
            f"{_who(form)}的用款计划把{rate_text(share)}的资金（{money_text(in_q4)}万元）"
            f"安排在第四季度，超过{threshold:f}%的预警线。年末集中支出容易造成执行率偏低和"
            "资金沉淀，请把支出均衡安排到各月。",
        )
    ]


def last_quarter_implied(form: MonitoringForm, rules: RuleSet) -> list[EarlyWarning]:
    """From September on, what was not spent by September is necessarily Q4 spending."""
    budgeted = _budgeted(form)
    if budgeted is None or form.month < LAST_QUARTER[0] - 1:
        return []
    execution, budget = budgeted
    spent_by_september = execution.spent_to(LAST_QUARTER[0] - 1)
    if spent_by_september is None:
        return []
    share = percent(budget - spent_by_september, budget)
    threshold = rules.monitoring.last_quarter_share
    if share is None or share < threshold:
        return []
    return [
        _warn(
            form,
            "spending.last_quarter",
            _last_quarter_level(share, threshold),
            "execution.monthly_spending",
            f"{_who(form)}1—9月支出{money_text(spent_by_september)}万元，全年预算的"
            f"{rate_text(share)}留到了第四季度，超过{threshold:f}%的预警线。"
            "请核实能否按时支出，不能支出的资金应及时报告调整。",
        )
    ]


def indicator_off_track(form: MonitoringForm, rules: RuleSet) -> list[EarlyWarning]:
    """An indicator whose projected year-end value misses its target, or that the unit itself
    judges impossible."""
    warnings = []
    red_ratio = rules.monitoring.indicator_red_ratio / HUNDRED
    for index, item in enumerate(form.indicators):
        path = f"indicators[{index}]"
        ask_reason = (
            ""
            if item.deviation_reason is not None
            else f"请填写偏差原因类别（{REASON_CATEGORIES}）并提出纠偏措施。"
        )
        if item.likelihood is Likelihood.IMPOSSIBLE:
            warnings.append(
                _warn(
                    form,
                    "indicator.impossible",
                    Light.RED,
                    f"{path}.likelihood",
                    f"{_who(form)}判断“{item.name}”完全不可能完成年度指标值“{item.target or ''}”。"
                    f"{ask_reason or '请落实纠偏措施，必要时按程序调整绩效目标。'}",
                )
            )
            continue
        projection = project_indicator(item, form.month)
        if projection.value is None or not parse_value(item.target).measurable:
            continue
        result = judge(item.target, projection.value, item.nature)
        if result.status in (Attainment.MET, Attainment.UNKNOWN):
            continue
        red = result.ratio is None or result.ratio < red_ratio
        warnings.append(
            _warn(
                form,
                "indicator.projected_miss",
                Light.RED if red else Light.YELLOW,
                f"{path}.expected_full_year",
                f"“{item.name}”预计完成不了年度指标值：{projection.explanation}，"
                f"{result.reason}。{ask_reason}",
            )
        )
    return warnings


def adjustment_rate_approaching(form: MonitoringForm, rules: RuleSet) -> list[EarlyWarning]:
    """The budget adjustment rate at or above the warning rate (red from the limit)."""
    execution = form.execution
    if execution is None:
        return []
    funds = DepartmentFunds(
        initial_budget=execution.initial_budget, adjusted_budget=execution.annual_budget
    )
    rate = adjustment_rate(funds, rules)
    thresholds = rules.monitoring
    if rate is None or rate < thresholds.adjustment_rate_warning:
        return []
    red = rate >= thresholds.adjustment_rate_limit
    where = "已达到" if red else "接近"
    return [
        _warn(
            form,
            "budget.adjustment_rate",
            Light.RED if red else Light.YELLOW,
            "execution.annual_budget",
            f"{_who(form)}全年预算{money_text(execution.annual_budget)}万元，年初预算"
            f"{money_text(execution.initial_budget)}万元，预算调整率{rate_text(rate)}，"
            f"{where}{thresholds.adjustment_rate_limit:f}%的上限。频繁调整说明预算编制不够准确，"
            "请控制年内调整并写明调整原因。",
        )
    ]


RULES: tuple[Rule, ...] = (
    spending_behind_time,
    large_project_behind,
    last_quarter_plan,
    last_quarter_implied,
    indicator_off_track,
    adjustment_rate_approaching,
)


def early_warnings(
    item: MonitoringForm | BudgetExecution,
    *,
    month: int | None = None,
    rules: RuleSet | None = None,
) -> list[EarlyWarning]:
    """Every warning of one unit or project as of ``month`` (default: the form's month, or
    an execution's latest month), reddest first."""
    form = item if isinstance(item, MonitoringForm) else MonitoringForm.of_execution(item, month)
    if month is not None and month != form.month:
        form = form.model_copy(update={"month": month})
    rules = rules or load_ruleset()
    warnings = [w for rule in RULES for w in rule(form, rules)]
    return sorted(warnings, key=lambda w: -LIGHT_SEVERITY[w.level])


def light_of(warnings: Iterable[EarlyWarning]) -> Light:
    """A subject's traffic light: its worst warning, green when it has none."""
    return max((w.level for w in warnings), key=LIGHT_SEVERITY.__getitem__, default=Light.GREEN)


def light_counts(lights: Iterable[Light]) -> dict[Light, int]:
    """How many subjects show each light (every light present, reddest first)."""
    counts = dict.fromkeys(sorted(Light, key=lambda light: -LIGHT_SEVERITY[light]), 0)
    for light in lights:
        counts[light] += 1
    return counts


def stored_light_counts(rows: Iterable[tuple[str, int]]) -> dict[Light, int]:
    """:func:`light_counts` of lights kept as their values and counted by a database: ``rows``
    of (light value, how many). A value that is no light (a subject not yet judged) is left
    out."""
    counts = light_counts(())
    values = {light.value: light for light in Light}
    for value, n in rows:
        if value in values:
            counts[values[value]] += n
    return counts
