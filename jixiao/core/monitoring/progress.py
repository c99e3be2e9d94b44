"""Execution against time (时间进度): what the monthly form shows beside the figures being
typed, and the lag the early warnings judge. Time elapsed is the share of the year gone by the
end of the form's month (month ÷ 12, in percent); the lag is time elapsed minus the execution
rate, in percentage points (positive: spending is behind time)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.money import percent
from jixiao.core.monitoring.models import MonitoringForm
from jixiao.core.monitoring.projection import MONTHS, SpendingProjection, project_spending


def time_elapsed(month: int) -> Decimal:
    """时间进度 at the end of ``month`` (1–12), in percent of the year."""
    if not 1 <= month <= MONTHS:
        raise ValueError(f"month {month} is not 1–{MONTHS}")
    elapsed = percent(Decimal(month), Decimal(MONTHS))
    assert elapsed is not None  # MONTHS is not zero
    return elapsed


def behind_time(rate: Decimal | None, month: int) -> Decimal | None:
    """How many percentage points the execution ``rate`` is behind time elapsed at ``month``
    (negative when ahead); None without a rate."""
    return None if rate is None else time_elapsed(month) - rate


@dataclass(frozen=True)
class Progress:
    """A monitoring form's execution to date against time, as of its month."""

    month: int
    spent: Decimal | None  # 1—N月执行数
    rate: Decimal | None  # 执行率 to date
    elapsed: Decimal  # 时间进度
    lag: Decimal | None  # percentage points behind time
    projection: SpendingProjection | None


def progress_of(form: MonitoringForm) -> Progress:
    month, execution = form.month, form.execution
    rate = execution.execution_rate(month) if execution else None
    return Progress(
        month=month,
        spent=execution.spent_to(month) if execution else None,
        rate=rate,
        elapsed=time_elapsed(month),
        lag=behind_time(rate, month),
        projection=project_spending(execution, month) if execution else None,
    )
