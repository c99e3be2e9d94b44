"""How a new self-evaluation form starts: blank, or carried over from the unit's form of the
year before.

A unit evaluates much the same goals, tasks and indicators every year. Carrying over keeps that
structure — goals, tasks and their indicators with names and targets, key project names, the
project's indicator tree with its points, the printed notes — and clears everything that
describes the year that was: actual values, every amount, scores and narratives. Nothing of last
year's results can then be mistaken for this year's. Derived figures are left empty too; the
editor computes them from the new inputs.
"""

from __future__ import annotations

import re
from typing import overload

from jixiao.core.model import (
    AnnualGoals,
    DepartmentForm,
    DepartmentFunds,
    KeyProject,
    ProjectForm,
    ProjectFunds,
    ProjectIndicator,
    TargetDeclarationForm,
    Task,
    TaskIndicator,
)

Form = DepartmentForm | ProjectForm | TargetDeclarationForm

DEPARTMENT_FORM_NAME = "部门整体支出绩效自评表"
PROJECT_FORM_NAME = "项目支出绩效自评表"

# The rows a project form usually has (MoF 2020 indicator tree), each waiting for its name.
_PROJECT_SKELETON: tuple[tuple[str, str], ...] = (
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("产出指标", "时效指标"),
    ("产出指标", "成本指标"),
    ("效益指标", "社会效益指标"),
    ("满意度指标", "服务对象满意度指标"),
)


def retitle(title: str, old_year: int, new_year: int) -> str:
    """``title`` with the evaluated year changed (``2022年度…`` → ``2023年度…``); other numbers
    in it are left alone."""
    return re.sub(rf"(?<!\d){old_year}(?=\s*年)", str(new_year), title)


def blank_department_form(*, department: str, year: int) -> DepartmentForm:
    """An empty department form with one goal, one task with one indicator and one key project
    to fill in (the layout has at least one of each)."""
    return DepartmentForm(
        title=f"{year}年度{department}{DEPARTMENT_FORM_NAME}",
        department=department,
        year=year,
        annual_goals=AnnualGoals(expected=[""]),
        tasks=[Task(number=1, indicators=[TaskIndicator(name="")])],
        key_projects=[KeyProject(name="")],
    )


def blank_project_form(
    *, project_name: str, year: int, department: str = "", implementing_unit: str = ""
) -> ProjectForm:
    """An empty project form with the usual indicator rows (产出, 效益, 满意度) to name."""
    return ProjectForm(
        title=PROJECT_FORM_NAME,
        year=year,
        project_name=project_name,
        department=department,
        implementing_unit=implementing_unit,
        indicators=[ProjectIndicator(level1=a, level2=b, name="") for a, b in _PROJECT_SKELETON],
    )


def carry_department(form: DepartmentForm, year: int) -> DepartmentForm:
    return DepartmentForm(
        attachment_label=form.attachment_label,
        title=retitle(form.title, form.year, year),
        department=form.department,
        consolidated=form.consolidated,
        year=year,
        money_unit=form.money_unit,
        funds=DepartmentFunds(),
        annual_goals=AnnualGoals(expected=list(form.annual_goals.expected)),
        tasks=[
            Task(
                number=task.number,
                expected_goal=task.expected_goal,
                indicators=[
                    TaskIndicator(name=indicator.name, target=indicator.target)
                    for indicator in task.indicators
                ],
            )
            for task in form.tasks
        ],
        key_projects=[KeyProject(name=project.name) for project in form.key_projects],
        notes=list(form.notes),
    )


def carry_project(form: ProjectForm, year: int) -> ProjectForm:
    return ProjectForm(
        title=retitle(form.title, form.year, year),
        year=year,
        project_name=form.project_name,
        department=form.department,
        implementing_unit=form.implementing_unit,
        money_unit=form.money_unit,
        # The points of the funds row are part of the scoring scheme, not of last year's result.
        funds=ProjectFunds(weight=form.funds.weight),
        goal_expected=form.goal_expected,
        indicators=[
            ProjectIndicator(
                level1=indicator.level1,
                level2=indicator.level2,
                name=indicator.name,
                nature=indicator.nature,
                unit=indicator.unit,
                target=indicator.target,
                weight=indicator.weight,
            )
            for indicator in form.indicators
        ],
    )


@overload
def carry_over(form: DepartmentForm, year: int) -> DepartmentForm: ...
@overload
def carry_over(form: ProjectForm, year: int) -> ProjectForm: ...
@overload
def carry_over(form: TargetDeclarationForm, year: int) -> TargetDeclarationForm: ...
def carry_over(form: Form, year: int) -> Form:
    """Next year's form started from ``form``: the structure kept, the year's results cleared
    (see the module docstring). ``year`` is the year the new form evaluates. How a type carries
    over is its registry entry's ``carry``."""
    from jixiao.core.formtypes import form_type_of  # the registry's entries import this module

    carried: Form = form_type_of(form).carry(form, year)
    return carried


def carry_declaration(form: TargetDeclarationForm, year: int) -> TargetDeclarationForm:
    """A declaration states no results: next year's starts as this one, retitled."""
    return form.model_copy(update={"year": year, "title": retitle(form.title, form.year, year)})
