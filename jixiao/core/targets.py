"""绩效目标申报: the targets a department sets with its budget at the start of the year.

A department states its annual goals, its main tasks (each with funds and indicators) and the
targets of its projects. Every indicator sits in the 一级/二级/三级 tree with an operator
(指标性质), a value and a unit, and a weight on project forms. These targets are what the
quality check reads as the user types, what in-year monitoring measures progress against, and
what the year-end self-evaluation starts from.

The models follow the form models (:mod:`jixiao.core.model`): unknown keys are refused, money
is Decimal written as a string in JSON, and a value not stated is None.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import Field, ValidationError

from jixiao.core.model import DepartmentForm, Money
from jixiao.core.model.project import IndicatorNature
from jixiao.core.model.types import FormPart

FORM_TYPE_TARGETS: Literal["department_targets"] = "department_targets"


class TargetIndicator(FormPart):
    """One level-3 indicator with its parents' names, as the target form lists it."""

    level1: str = Field("", title="一级指标", examples=["产出指标"])
    level2: str = Field("", title="二级指标", examples=["数量指标"])
    name: str = Field(title="三级指标")
    nature: IndicatorNature | None = Field(None, title="指标性质")
    value: str | None = Field(None, title="指标值", examples=["95", "排名全市前5名"])
    unit: str = Field("", title="度量单位")
    weight: Money | None = Field(None, title="分值")
    note: str = Field("", title="备注")

    @property
    def target_text(self) -> str | None:
        """The target as one text (``≥95%``), the form the indicator parser and ``judge`` read.
        A value that already carries its operator or unit is left as written."""
        if self.value is None or not self.value.strip():
            return None
        value = self.value.strip()
        bare_number = value[0].isdigit()
        operator = ""
        if (
            bare_number
            and self.nature is not None
            and self.nature is not IndicatorNature.QUALITATIVE
        ):
            operator = self.nature.value
        unit = self.unit if self.unit and not value.endswith(self.unit) and bare_number else ""
        return f"{operator}{value}{unit}"


class TargetTask(FormPart):
    """A main task (主要任务) with its expected goal, funds and indicators."""

    number: int = Field(ge=1, title="任务序号")
    name: str = Field("", title="任务名称")
    goal: str = Field("", title="预期目标")
    funds: Money | None = Field(None, title="任务涉及资金")
    indicators: list[TargetIndicator] = Field(default_factory=list, title="关键指标")


class ProjectTargets(FormPart):
    """A project's targets (项目绩效目标): budget, overall goal and indicators with weights."""

    project_name: str = Field(title="项目名称")
    department: str = Field("", title="主管部门")
    implementing_unit: str = Field("", title="实施单位")
    year: int | None = Field(None, ge=1949, le=2200, title="年度")
    key: bool = Field(False, title="重点项目", description="纳入部门重点项目绩效评价")
    budget: Money | None = Field(None, title="年度资金总额")
    current_year_appropriation: Money | None = Field(None, title="本年财政拨款")
    carried_over: Money | None = Field(None, title="上年结转资金")
    other_funds: Money | None = Field(None, title="其他资金")
    goal: str = Field("", title="年度总体目标")
    indicators: list[TargetIndicator] = Field(default_factory=list, title="绩效指标")


class DepartmentTargets(FormPart):
    """部门整体绩效目标申报表: a department's targets for one year."""

    form_type: Literal["department_targets"] = FORM_TYPE_TARGETS
    department: str = Field(title="部门名称")
    year: int = Field(ge=1949, le=2200, title="年度")
    money_unit: Literal["万元", "元"] = Field("万元", title="金额单位")
    budget: Money | None = Field(None, title="部门年初预算收入")
    annual_goals: list[str] = Field(default_factory=list, title="年度绩效目标")
    tasks: list[TargetTask] = Field(default_factory=list, title="主要任务")
    projects: list[ProjectTargets] = Field(default_factory=list, title="项目绩效目标")


class TargetsReadError(ValueError):
    """A JSON document that is not a valid targets form. ``message`` is for users (Chinese)."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


def targets_to_json(targets: DepartmentTargets, indent: int | None = 2) -> str:
    data = targets.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"


def targets_from_json(text: str | bytes) -> DepartmentTargets:
    try:
        return DepartmentTargets.model_validate_json(text)
    except ValidationError as exc:
        details = [
            f"{'.'.join(str(p) for p in item['loc'])}: {item['msg']}" for item in exc.errors()
        ]
        if any(item["type"] == "json_invalid" for item in exc.errors()):
            raise TargetsReadError("不是有效的 JSON 文件", details) from exc
        raise TargetsReadError(f"绩效目标内容不符合格式要求（{len(details)} 处）", details) from exc


def targets_from_previous(form: DepartmentForm, year: int | None = None) -> DepartmentTargets:
    """Next year's targets as a draft copied from a self-evaluation form: same goals and
    tasks, last year's completion as the starting value of each indicator (to be edited).
    The quality check then shows which of those values cannot serve as targets."""
    if year is None:
        if form.year is None:
            raise TargetsReadError("自评表没有被评价年度，请指定绩效目标的年度")
        year = form.year + 1
    return DepartmentTargets(
        department=form.department,
        year=year,
        money_unit=form.money_unit,
        annual_goals=list(form.annual_goals.expected),
        tasks=[
            TargetTask(
                number=task.number,
                goal=task.expected_goal,
                funds=task.funds,
                indicators=[
                    TargetIndicator(name=i.name, value=i.target or i.actual)
                    for i in task.indicators
                ],
            )
            for task in form.tasks
        ],
        projects=[
            ProjectTargets(project_name=p.name, department=form.department, key=True)
            for p in form.key_projects
        ],
    )
