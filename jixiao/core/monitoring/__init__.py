"""In-year monitoring (绩效运行监控, 双监控): budget execution and indicator progress together,
year-end projections, early warnings as traffic lights, and the daily digest."""

from jixiao.core.monitoring.alerts import (
    RULES,
    EarlyWarning,
    Light,
    early_warnings,
    light_counts,
    light_of,
    stored_light_counts,
)
from jixiao.core.monitoring.digest import DailySummary, daily_summary, worst_first
from jixiao.core.monitoring.models import (
    BudgetExecution,
    DeviationReason,
    ExecutionKind,
    IndicatorMonitoring,
    Likelihood,
    MonitoringForm,
)
from jixiao.core.monitoring.progress import Progress, behind_time, progress_of, time_elapsed
from jixiao.core.monitoring.projection import (
    IndicatorProjection,
    Method,
    SpendingProjection,
    project_indicator,
    project_spending,
)

__all__ = [
    "RULES",
    "BudgetExecution",
    "DailySummary",
    "DeviationReason",
    "EarlyWarning",
    "ExecutionKind",
    "IndicatorMonitoring",
    "IndicatorProjection",
    "Light",
    "Likelihood",
    "Method",
    "MonitoringForm",
    "Progress",
    "SpendingProjection",
    "behind_time",
    "daily_summary",
    "early_warnings",
    "light_counts",
    "light_of",
    "progress_of",
    "project_indicator",
    "project_spending",
    "stored_light_counts",
    "time_elapsed",
    "worst_first",
]
