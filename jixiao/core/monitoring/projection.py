"""Year-end projections from the months so far, each with the explanation a person can check.

Spending: by default a linear run-rate (spending to date ÷ months elapsed × 12). When last
year's monthly spending is given and it had spent a meaningful share by the same month, the
seasonal method is used instead: spending to date ÷ last year's share spent by then. A unit
that always pays its big contracts in December is then not projected to underspend just
because its months so far are quiet; its warnings come from the plan and the lag instead.

Indicators: the unit's own 全年预计完成值 when it gave one; otherwise a cumulative count
(人次, 个, 场…) is extrapolated at its monthly pace, and a rate or a duration (%, 天…) is taken
as it stands, because a share does not grow with time.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jixiao.core.indicators import IndicatorValue, parse_value
from jixiao.core.money import HUNDRED, ZERO, money_text, percent, places_of, quantize, rate_text
from jixiao.core.monitoring.models import BudgetExecution, IndicatorMonitoring

MONTHS = 12
# Below this share of last year's spending by the same month, dividing by it amplifies noise.
MIN_SEASONAL_SHARE = Decimal("10")
# Units of values that do not accumulate over the year (rates, durations, scores).
NON_CUMULATIVE_UNITS = frozenset(
    {"%", "‰", "百分点", "个百分点", "天", "日", "工作日", "个工作日", "小时", "分钟", "分"}
    | {"个月", "月", "年", "周"}
)


class Method(StrEnum):
    ACTUAL = "actual"  # the year is over
    RUN_RATE = "run_rate"
    SEASONAL = "seasonal"
    NONE = "none"


@dataclass(frozen=True)
class SpendingProjection:
    """全年预计执行数 of a budget, and its share of the annual budget."""

    month: int
    spent: Decimal | None
    projected: Decimal | None
    rate: Decimal | None
    method: Method
    explanation: str


def _months(month: int) -> str:
    return "1月" if month == 1 else f"1—{month}月"


def project_spending(execution: BudgetExecution, month: int | None = None) -> SpendingProjection:
    """Projected year-end spending of ``execution`` from its months up to ``month``."""
    month = month or execution.latest_month or 1
    spent = execution.spent_to(month)
    if spent is None:
        return SpendingProjection(month, None, None, None, Method.NONE, "尚无支出数据，无法预计。")
    if month >= MONTHS:
        projected, method = spent, Method.ACTUAL
        how = f"全年已支出{money_text(spent)}万元"
    else:
        projected, method, how = _seasonal(execution, month, spent) or _run_rate(month, spent)
    rate = None if execution.annual_budget is None else percent(projected, execution.annual_budget)
    share = (
        ""
        if rate is None
        else f"，占全年预算{money_text(execution.annual_budget)}万元的{rate_text(rate)}"
    )
    return SpendingProjection(month, spent, projected, rate, method, f"{how}{share}。")


def _run_rate(month: int, spent: Decimal) -> tuple[Decimal, Method, str]:
    pace = spent / month
    projected = pace * MONTHS
    how = (
        f"{_months(month)}共支出{money_text(spent)}万元，平均每月{money_text(pace)}万元，"
        f"按此进度推算全年预计支出{money_text(projected)}万元"
    )
    return projected, Method.RUN_RATE, how


def _seasonal(
    execution: BudgetExecution, month: int, spent: Decimal
) -> tuple[Decimal, Method, str] | None:
    last_year = execution.last_year_monthly_spending
    total = sum(last_year.values(), ZERO)
    if total <= 0:
        return None
    by_then = sum((v for m, v in last_year.items() if m <= month), ZERO)
    share = percent(by_then, total)
    if share is None or share < MIN_SEASONAL_SHARE:
        return None
    projected = spent * HUNDRED / share
    how = (
        f"上年{_months(month)}支出占全年的{rate_text(share)}，本年同期支出{money_text(spent)}万元，"
        f"按上年的支出节奏推算全年预计支出{money_text(projected)}万元"
    )
    return projected, Method.SEASONAL, how


@dataclass(frozen=True)
class IndicatorProjection:
    """全年预计完成值 of an indicator: the value as text (what ``judge`` reads) and why."""

    text: str | None
    value: IndicatorValue | None
    explanation: str


def _accumulates(item: IndicatorMonitoring, value: IndicatorValue) -> bool:
    if value.unit in NON_CUMULATIVE_UNITS or value.direction is not None:
        return False
    words = f"{item.level1}{item.level2}{item.name}"
    return not any(w in words for w in ("质量", "时效", "满意", "率"))


def project_indicator(item: IndicatorMonitoring, month: int) -> IndicatorProjection:
    """The expected full-year value of one indicator as of the end of ``month``."""
    if item.expected_full_year and item.expected_full_year.strip():
        stated = parse_value(item.expected_full_year)
        return IndicatorProjection(item.expected_full_year, stated, "按单位填报的全年预计完成值")
    actual = parse_value(item.actual_to_date)
    if not actual.measurable or actual.number is None:
        return IndicatorProjection(None, None, "尚无可计量的完成值，无法预计全年完成情况")
    if month >= MONTHS or not _accumulates(item, actual):
        reason = "全年已结束" if month >= MONTHS else "比率、时限类指标不随时间累加"
        return IndicatorProjection(
            item.actual_to_date, actual, f"{reason}，按目前完成值{actual.number:f}{actual.unit}预计"
        )
    projected = quantize(actual.number * MONTHS / month, places_of(actual.number))
    text = f"{projected:f}{actual.unit}"
    explanation = (
        f"{_months(month)}完成{actual.number:f}{actual.unit}，按同样的进度推算全年约{text}"
    )
    return IndicatorProjection(text, parse_value(text), explanation)
