"""The department's own people and form, on top of the shared ``world``."""

from __future__ import annotations

import pytest

from jixiao.core.model import DepartmentForm, DepartmentFunds, SpendingBySource, Task
from jixiao.web.evaluations import services
from jixiao.web.evaluations.models import Evaluation
from tests.web.conftest import Role, make_form, make_user


def own_form(year: int = 2022) -> DepartmentForm:
    return DepartmentForm(
        department="测试主管部门",
        year=year,
        funds=DepartmentFunds(
            initial_budget="100.00",
            adjusted_budget="120.00",
            actual_spending="110.00",
            spending_by_source=SpendingBySource(general_public_budget="110.00"),
        ),
        tasks=[Task(number=1, expected_goal="部门本级任务", funds="20.00")],
        overall_performance="本级工作按计划完成。",
    )


@pytest.fixture
def dept_head(world):
    return make_user("dept_head", world.department, Role.FILLER, Role.UNIT_HEAD)


@pytest.fixture
def dept_form(world) -> Evaluation:
    return make_form(world.department, own_form())


def approve(evaluation: Evaluation, head, reviewer) -> Evaluation:
    """Take a unit's form through submission and the department's approval."""
    evaluation = services.evaluation_submit(
        evaluation=evaluation, user=head, explanation="情况说明：按实际填报。"
    )
    return services.evaluation_approve(evaluation=evaluation, user=reviewer)


@pytest.fixture
def approve_units(world):
    def run() -> None:
        approve(world.unit_form, world.unit_user, world.reviewer)
        approve(world.other_form, world.other_unit_user, world.reviewer)
        world.refresh()

    return run
