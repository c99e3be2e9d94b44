"""项目支出绩效目标申报表 (MoF): a project's performance targets as declared with its budget.

No figure is scored here: the form states the funds (年度资金总额 and its sources), the
medium-term and annual goals and the indicator tree (一级 → 二级 → 三级 with 指标值), which the
self-evaluation a year later is measured against.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from jixiao.core.model.types import FormPart, Money

FORM_TYPE_DECLARATION: Literal["project_target"] = "project_target"
DECLARATION_FORM_NAME = "项目支出绩效目标申报表"


class DeclarationFunds(FormPart):
    """资金情况（万元）: the year's total and where it comes from."""

    total: Money | None = Field(None, title="年度资金总额")
    fiscal: Money | None = Field(None, title="其中：财政拨款")
    other: Money | None = Field(None, title="其他资金")


class DeclarationIndicator(FormPart):
    """A level-3 indicator with its parents' names and its declared value."""

    level1: str = Field(title="一级指标", examples=["产出指标"])
    level2: str = Field(title="二级指标", examples=["数量指标"])
    name: str = Field(title="三级指标")
    target: str | None = Field(None, title="指标值")


class TargetDeclarationForm(FormPart):
    """The whole 项目支出绩效目标申报表."""

    form_type: Literal["project_target"] = FORM_TYPE_DECLARATION
    title: str = Field(DECLARATION_FORM_NAME, title="表名")
    year: int = Field(ge=1949, le=2200, title="年度")
    project_name: str = Field(title="项目名称")
    department: str = Field("", title="主管部门")
    implementing_unit: str = Field("", title="实施单位")
    money_unit: Literal["万元", "元"] = Field("万元", title="金额单位")
    funds: DeclarationFunds = Field(default_factory=DeclarationFunds, title="资金情况")
    goal_long_term: str = Field("", title="中长期目标")
    goal_annual: str = Field("", title="年度目标")
    indicators: list[DeclarationIndicator] = Field(default_factory=list, title="绩效指标")
