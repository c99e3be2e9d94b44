"""部门整体支出绩效自评表: the department overall expenditure self-evaluation form.

Field names follow the published JSON keys (``funds.initial_budget``, ``tasks[].funds``, …) so
that other tools can rely on them. A value that the form does not state is ``None`` (or empty):
absent is absent, never zero.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer

from jixiao.core.model.types import FormPart, Money, Rate

FORM_TYPE_DEPARTMENT: Literal["department_overall"] = "department_overall"


# Fields added for forms scored by rubric. Left out of a form's data while unused, so that the
# JSON of every form without them stays exactly as it was.
_RUBRIC_FIELDS = ("weight", "score", "indicators", "total_score")


class _RubricFieldsOptional(FormPart):
    @model_serializer(mode="wrap")
    def _without_unused_rubric_fields(
        self, handler: SerializerFunctionWrapHandler
    ) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        for key in _RUBRIC_FIELDS:
            if key in data and data[key] in (None, []):
                del data[key]
        return data


class SpendingBySource(FormPart):
    """实际支出数 by funding source (其中：…)."""

    general_public_budget: Money | None = Field(None, title="一般公共预算")
    government_fund_budget: Money | None = Field(None, title="政府性基金预算")
    state_capital_budget: Money | None = Field(None, title="国有资本经营预算")
    other: Money | None = Field(None, title="其他")


class BudgetAdjustmentItem(FormPart):
    """One 追加 (+) or 追减 (−) of the year, for rule sets that count adjustments gross."""

    amount: Money = Field(title="调整金额", description="追加为正，追减为负")
    reason: str = Field("", title="调整原因")


class DepartmentFunds(_RubricFieldsOptional):
    """部门资金情况 (万元; rates in percent)."""

    initial_budget: Money | None = Field(None, title="部门年初预算收入")
    adjusted_budget: Money | None = Field(None, title="部门调整预算收入")
    adjustment: Money | None = Field(None, title="年度预算调整数")
    actual_spending: Money | None = Field(None, title="实际支出数")
    spending_by_source: SpendingBySource = Field(default_factory=SpendingBySource)
    completion_rate: Rate | None = Field(None, title="预算完成率")
    adjustment_rate: Rate | None = Field(None, title="预算调整率")
    adjustment_items: list[BudgetAdjustmentItem] = Field(default_factory=list, title="预算调整明细")
    adjustment_reason: str = Field("", title="预算调整说明")
    # Forms scored by rubric print the budget execution's points: 执行率权重 and 执行率得分.
    weight: Money | None = Field(None, title="预算执行分值")
    score: Money | None = Field(None, title="预算执行得分")


class AnnualGoals(FormPart):
    """年度目标: the expected goals (numbered items) and what was achieved."""

    expected: list[str] = Field(default_factory=list, title="部门整体支出的预期目标")
    achieved: str = Field("", title="部门整体支出的目标完成情况")


class TaskIndicator(_RubricFieldsOptional):
    """A key indicator (关键指标) of a task. The form prints only its completion; the target is
    often implicit and then ``None``."""

    name: str = Field(title="关键指标")
    target: str | None = Field(None, title="指标值")
    actual: str | None = Field(None, title="指标完成情况")
    weight: Money | None = Field(None, title="分值")
    score: Money | None = Field(None, title="得分")


class Task(FormPart):
    """主要任务: one task with its goal, achievement, funds and indicators."""

    number: int = Field(ge=1, title="任务序号")
    expected_goal: str = Field("", title="预期目标")
    achievement: str = Field("", title="目标完成情况")
    funds: Money | None = Field(None, title="任务涉及资金")
    indicators: list[TaskIndicator] = Field(default_factory=list, title="关键指标")


class RubricIndicator(FormPart):
    """A row of a form scored by rubric (部门整体支出绩效评价指标: 一级/二级/三级指标, 分值,
    得分), as printed; the levels keep their printed points (``规划 (15分)``)."""

    level1: str = Field("", title="一级指标")
    level2: str = Field("", title="二级指标")
    name: str = Field(title="三级指标")
    target: str | None = Field(None, title="指标值")
    actual: str | None = Field(None, title="实际完成值")
    weight: Money | None = Field(None, title="分值")
    score: Money | None = Field(None, title="得分")


class KeyProject(FormPart):
    """重点项目绩效情况: one key project evaluation."""

    name: str = Field(title="项目名称")
    indicator_completion: str = Field("", title="指标完成情况")
    achievements: list[str] = Field(default_factory=list, title="主要绩效")


class DepartmentForm(_RubricFieldsOptional):
    """The whole 部门整体支出绩效自评表."""

    form_type: Literal["department_overall"] = FORM_TYPE_DEPARTMENT
    attachment_label: str = Field("", title="附件标识", examples=["附件2"])
    title: str = Field("", title="表名")
    department: str = Field(title="部门名称")
    consolidated: bool = Field(False, title="汇总", description="部门及所属单位的汇总表")
    year: int = Field(ge=1949, le=2200, title="被评价年度")
    money_unit: Literal["万元", "元"] = Field("万元", title="金额单位")
    funds: DepartmentFunds = Field(default_factory=DepartmentFunds)
    annual_goals: AnnualGoals = Field(default_factory=AnnualGoals)
    tasks: list[Task] = Field(default_factory=list, title="主要任务")
    key_projects: list[KeyProject] = Field(default_factory=list, title="重点项目绩效情况")
    overall_performance: str = Field("", title="部门整体绩效")
    problems: str = Field("", title="存在问题")
    improvements: str = Field("", title="改进措施或下一步计划")
    notes: list[str] = Field(default_factory=list, title="注")
    indicators: list[RubricIndicator] = Field(default_factory=list, title="评分指标")
    total_score: Money | None = Field(None, title="自评总分")
