"""The year-end hand-off into a pre-filled self-evaluation, from targets and monitoring."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from jixiao.core.serialization import form_from_data
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.handoff.services import targets_handoff
from jixiao.web.monitoring.demo import december_spender
from jixiao.web.monitoring.services import monitoring_create
from jixiao.web.targets.services import TargetsError

pytestmark = pytest.mark.django_db


def test_the_handoff_prefills_the_self_evaluation_from_targets_and_monitoring(world, unit_targets):
    monitoring_create(
        organisation=world.unit,
        year=2023,
        kind="unit",
        name=world.unit.name,
        user=world.unit_user,
        form=december_spender(world.unit.name, world.department.name, month=12),
    )
    evaluation = targets_handoff(target_set=unit_targets, user=world.unit_user)
    form = form_from_data(evaluation.data)
    assert evaluation.year == 2023 and evaluation.status == Evaluation.Status.DRAFT
    # Targets give the tasks and their targets, monitoring the latest actuals and the money.
    assert form.tasks[0].indicators[0].target == "≥95%"
    assert form.tasks[0].indicators[0].actual == "96.2%"
    assert form.tasks[0].indicators[1].actual == "10个"
    # By December the unit has spent its whole budget (222.60 of the 420 in December alone).
    assert form.funds.adjusted_budget == Decimal("420.00")
    assert form.funds.actual_spending == Decimal("420.00")
    with pytest.raises(TargetsError, match="已经存在"):
        targets_handoff(target_set=unit_targets, user=world.unit_user)


def test_only_the_units_own_people_may_hand_off(world, unit_targets):
    with pytest.raises(PermissionDenied):
        targets_handoff(target_set=unit_targets, user=world.other_unit_user)


def test_the_handoff_keeps_the_rule_set_of_the_units_forms(world, unit_targets):
    Evaluation.objects.filter(pk=world.unit_form.pk).update(ruleset_id="national")
    evaluation = targets_handoff(target_set=unit_targets, user=world.unit_user)
    assert evaluation.ruleset_id == "national"  # not the department form's default, guangzhou
