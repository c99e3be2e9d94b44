"""项目支出绩效自评表 (MoF 2020 layout): one project's self-evaluation.

The indicator tree (一级 → 二级 → 三级) is kept as a flat ordered list whose rows name their
level-1 and level-2 parents, as the printed table does.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from jixiao.core.model.types import FormPart, Money, Rate

FORM_TYPE_PROJECT: Literal["project"] = "project"


class QualitativeRating(StrEnum):
    """The evaluator's judgement of a qualitative indicator."""

    ACHIEVED = "达成"
    PARTLY = "部分达成"
    NOT_ACHIEVED = "未达成"


class IndicatorNature(StrEnum):
    """指标性质: how actual is compared with target."""

    AT_LEAST = "≥"
    AT_MOST = "≤"
    EQUAL = "="
    QUALITATIVE = "定性"


class FundsRow(FormPart):
    """A row of the funds table: 年初预算数, 全年预算数 (A), 全年执行数 (B)."""

    initial_budget: Money | None = Field(None, title="年初预算数")
    annual_budget: Money | None = Field(None, title="全年预算数")
    executed: Money | None = Field(None, title="全年执行数")


class ProjectFunds(FormPart):
    """项目资金 (万元): total and its sources, plus the printed rate and score of the row."""

    total: FundsRow = Field(default_factory=FundsRow, title="年度资金总额")
    current_year_appropriation: FundsRow = Field(default_factory=FundsRow, title="本年财政拨款")
    carried_over: FundsRow = Field(default_factory=FundsRow, title="上年结转资金")
    other: FundsRow = Field(default_factory=FundsRow, title="其他资金")
    weight: Money | None = Field(None, title="分值")
    execution_rate: Rate | None = Field(None, title="执行率")
    score: Money | None = Field(None, title="得分")


class ProjectIndicator(FormPart):
    """A level-3 indicator row with its parents' names."""

    level1: str = Field(title="一级指标", examples=["产出指标"])
    level2: str = Field(title="二级指标", examples=["数量指标"])
    name: str = Field(title="三级指标")
    nature: IndicatorNature | None = Field(None, title="指标性质")
    unit: str = Field("", title="度量单位")
    target: str | None = Field(None, title="年度指标值")
    actual: str | None = Field(None, title="实际完成值")
    weight: Money | None = Field(None, title="分值")
    score: Money | None = Field(None, title="得分")
    rating: QualitativeRating | None = Field(None, title="定性评价")
    deviation_reason: str = Field("", title="偏差原因分析及改进措施")


class ProjectForm(FormPart):
    """The whole 项目支出绩效自评表."""

    form_type: Literal["project"] = FORM_TYPE_PROJECT
    title: str = Field("", title="表名")
    year: int | None = Field(None, ge=1949, le=2200, title="年度")
    project_name: str = Field(title="项目名称")
    department: str = Field("", title="主管部门")
    implementing_unit: str = Field("", title="实施单位")
    money_unit: Literal["万元", "元"] = Field("万元", title="金额单位")
    funds: ProjectFunds = Field(default_factory=ProjectFunds)
    goal_expected: str = Field("", title="预期目标")
    goal_actual: str = Field("", title="实际完成情况")
    indicators: list[ProjectIndicator] = Field(default_factory=list, title="绩效指标")
    total_score: Money | None = Field(None, title="总分")
    grade: Literal["优", "良", "中", "差"] | None = Field(None, title="评价等级")
    conclusion: str = Field("", title="评价结论")
    problems: str = Field("", title="存在问题")
    measures: str = Field("", title="改进措施")
