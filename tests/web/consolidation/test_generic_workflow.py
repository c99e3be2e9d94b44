"""The DHIS2 rule holds on the generic workflow too: the evaluation pages and the API call
``evaluation_submit`` / ``evaluation_approve`` directly, not the 汇总 page's services."""

from __future__ import annotations

import pytest

from jixiao.core.workflow import WorkflowError
from jixiao.web.consolidation import services
from jixiao.web.evaluations import services as evaluation_services
from tests.web.consolidation.conftest import approve


def test_the_generic_submit_refuses_a_consolidated_form_with_unapproved_units(
    world, dept_head, dept_form
):
    approve(world.unit_form, world.unit_user, world.reviewer)
    evaluation = services.consolidation_build(
        department=world.department, year=2022, user=dept_head
    )
    with pytest.raises(WorkflowError) as refused:
        evaluation_services.evaluation_submit(
            evaluation=evaluation, user=dept_head, explanation="说明"
        )
    assert world.other_unit.name in refused.value.message
    evaluation.refresh_from_db()
    assert evaluation.status == "draft"


def test_the_generic_approve_refuses_once_a_unit_was_returned(
    world, dept_head, dept_form, approve_units
):
    approve_units()
    evaluation = services.consolidation_build(
        department=world.department, year=2022, user=dept_head
    )
    evaluation_services.evaluation_submit(evaluation=evaluation, user=dept_head, explanation="说明")
    evaluation_services.evaluation_return(
        evaluation=world.unit_form, user=world.finance, comment="请补充说明"
    )
    with pytest.raises(WorkflowError, match="退回"):
        evaluation_services.evaluation_approve(evaluation=evaluation, user=world.reviewer)
    evaluation.refresh_from_db()
    assert evaluation.status == "submitted"


def test_an_ordinary_unit_form_is_not_held_back(world):
    evaluation_services.evaluation_submit(
        evaluation=world.other_form, user=world.other_unit_user, explanation="说明"
    )
    world.refresh()
    assert world.other_form.status == "submitted"
