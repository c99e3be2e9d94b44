"""What in-year monitoring (绩效运行监控, 双监控) records: money and indicators together.

``BudgetExecution`` is a unit's or a project's budget with what it spent each month (and,
optionally, its spending plan and last year's months, which the warnings and the projection
read). ``MonitoringForm`` is the form of domain.md §5 for one unit or project as of a month: the
execution, and per indicator its target, actual to date, expected full-year value, deviation
reason category, likelihood of completion and a note.

Amounts are the spending *of* each month, not running totals: that is what treasury exports
give, and running totals follow from them (:meth:`BudgetExecution.spent_to`).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from jixiao.core.model import Money
from jixiao.core.model.project import IndicatorNature
from jixiao.core.model.types import FormPart
from jixiao.core.money import ZERO, percent

FORM_TYPE_MONITORING: Literal["monitoring"] = "monitoring"

Month = Annotated[int, Field(ge=1, le=12)]


class ExecutionKind(StrEnum):
    UNIT = "unit"
    PROJECT = "project"


KIND_LABELS = {ExecutionKind.UNIT: "单位", ExecutionKind.PROJECT: "项目"}


class DeviationReason(StrEnum):
    """偏差原因分析: the categories of the central monitoring form."""

    FUNDS = "经费保障"
    SYSTEM = "制度保障"
    STAFF = "人员保障"
    HARDWARE = "硬件条件保障"
    OTHER = "其他"


class Likelihood(StrEnum):
    """完成目标可能性."""

    CERTAIN = "确定能"
    POSSIBLE = "有可能"
    IMPOSSIBLE = "完全不可能"


class BudgetExecution(FormPart):
    """预算执行: a unit's or a project's budget and its spending month by month (万元)."""

    kind: ExecutionKind = Field(title="类别")
    name: str = Field(title="单位或项目名称")
    unit: str = Field("", title="所属单位", description="项目所属的预算单位")
    year: int = Field(ge=1949, le=2200, title="年度")
    initial_budget: Money | None = Field(None, title="年初预算数")
    annual_budget: Money | None = Field(None, title="全年预算数", description="含年中调整")
    monthly_spending: dict[Month, Money] = Field(default_factory=dict, title="各月支出数")
    monthly_plan: dict[Month, Money] = Field(default_factory=dict, title="用款计划")
    last_year_monthly_spending: dict[Month, Money] = Field(
        default_factory=dict, title="上年各月支出数"
    )

    @property
    def latest_month(self) -> int | None:
        """The last month with a figure (spending data is reported month by month)."""
        return max(self.monthly_spending, default=None)

    def spent_to(self, month: int) -> Decimal | None:
        """1—N月执行数: spending of months 1..``month``; None when nothing was reported."""
        if not self.monthly_spending:
            return None
        return sum((v for m, v in self.monthly_spending.items() if m <= month), ZERO)

    def execution_rate(self, month: int) -> Decimal | None:
        """执行率 to date, in percent of the annual budget."""
        spent = self.spent_to(month)
        if spent is None or self.annual_budget is None:
            return None
        return percent(spent, self.annual_budget)


class IndicatorMonitoring(FormPart):
    """One indicator's row of the monitoring form."""

    task_number: int | None = Field(None, ge=1, title="任务序号", description="部门整体的任务")
    level1: str = Field("", title="一级指标")
    level2: str = Field("", title="二级指标")
    name: str = Field(title="三级指标")
    nature: IndicatorNature | None = Field(None, title="指标性质")
    target: str | None = Field(None, title="年度指标值")
    actual_to_date: str | None = Field(None, title="1—N月实际完成值")
    expected_full_year: str | None = Field(None, title="全年预计完成值")
    deviation_reason: DeviationReason | None = Field(None, title="偏差原因类别")
    deviation_analysis: str = Field("", title="偏差原因分析及纠偏措施")
    likelihood: Likelihood | None = Field(None, title="完成目标可能性")
    note: str = Field("", title="备注")


class MonitoringForm(FormPart):
    """绩效运行监控表 of one unit or project, as of the end of ``month``."""

    form_type: Literal["monitoring"] = FORM_TYPE_MONITORING
    kind: ExecutionKind = Field(title="类别")
    name: str = Field(title="单位或项目名称")
    department: str = Field("", title="主管部门")
    year: int = Field(ge=1949, le=2200, title="年度")
    month: Month = Field(title="监控截至月份")
    execution: BudgetExecution | None = Field(None, title="预算执行情况")
    indicators: list[IndicatorMonitoring] = Field(default_factory=list, title="绩效目标完成情况")

    @model_validator(mode="after")
    def _execution_of_the_same_year(self) -> MonitoringForm:
        if self.execution is not None and self.execution.year != self.year:
            raise ValueError(
                f"预算执行数据是{self.execution.year}年度的，与监控表的{self.year}年度不一致"
            )
        return self

    @classmethod
    def of_execution(cls, execution: BudgetExecution, month: int | None = None) -> MonitoringForm:
        """A monitoring form holding only the money side, as of ``month`` (default: the
        latest month with data, or January when there is none)."""
        return cls(
            kind=execution.kind,
            name=execution.name,
            year=execution.year,
            month=month or execution.latest_month or 1,
            execution=execution,
        )
