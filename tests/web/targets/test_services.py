"""Targets services: drafts from last year, optimistic saves, the small workflow with history."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from jixiao.web.evaluations.services import VersionConflict
from jixiao.web.targets.models import TargetSet
from jixiao.web.targets.selectors import targets_of
from jixiao.web.targets.services import (
    TargetsError,
    targets_approve,
    targets_create,
    targets_return,
    targets_save_draft,
    targets_submit,
)

pytestmark = pytest.mark.django_db


def test_a_new_draft_copies_last_years_goals_tasks_and_completions(world, unit_targets):
    targets = targets_of(unit_targets)
    assert targets.year == 2023 and targets.department == world.unit.name
    # demo.centre_form(2022): two tasks, the first with two indicators and funds 120.50.
    assert [t.funds for t in targets.tasks] == [Decimal("120.50"), Decimal("86.30")]
    first = targets.tasks[0].indicators[0]
    assert (first.name, first.value) == ("矛盾纠纷调处成功率", "≥95%")


def test_the_same_year_twice_is_refused_and_other_units_cannot_create(world, unit_targets):
    with pytest.raises(TargetsError, match="已存在"):
        targets_create(organisation=world.unit, year=2023, user=world.unit_user)
    with pytest.raises(PermissionDenied):
        targets_create(organisation=world.unit, year=2024, user=world.other_unit_user)
    with pytest.raises(PermissionDenied):
        targets_create(organisation=world.unit, year=2024, user=world.reviewer)


def test_a_save_from_a_stale_copy_is_refused(world, unit_targets):
    data = dict(unit_targets.data, budget="400")
    targets_save_draft(target_set=unit_targets, data=data, expected_version=1, user=world.unit_user)
    with pytest.raises(VersionConflict):
        targets_save_draft(
            target_set=unit_targets, data=data, expected_version=1, user=world.unit_filler
        )
    unit_targets.refresh_from_db()
    assert unit_targets.version == 2 and unit_targets.data["budget"] == "400"


def test_an_indicator_without_a_value_blocks_submission(world, unit_targets):
    data = unit_targets.data
    data["tasks"][0]["indicators"][0]["value"] = None
    saved = targets_save_draft(
        target_set=unit_targets, data=data, expected_version=1, user=world.unit_user
    )
    with pytest.raises(TargetsError, match="错误"):
        targets_submit(target_set=saved, user=world.unit_user)


def complete_project(target_set: TargetSet, user) -> TargetSet:
    """The drafted key project has no indicator yet (an error): give it one."""
    data = target_set.data
    data["projects"][0]["indicators"] = [
        {
            "level1": "产出指标",
            "level2": "数量指标",
            "name": "保障视频会商场次",
            "nature": "≥",
            "value": "300",
            "unit": "场",
        }
    ]
    return targets_save_draft(
        target_set=target_set, data=data, expected_version=target_set.version, user=user
    )


def test_a_project_without_indicators_blocks_submission_until_it_has_one(world, unit_targets):
    with pytest.raises(TargetsError, match="1处错误"):
        targets_submit(target_set=unit_targets, user=world.unit_user)
    saved = complete_project(unit_targets, world.unit_user)
    assert targets_submit(target_set=saved, user=world.unit_user).status == "submitted"


def test_submit_return_resubmit_approve_each_leave_a_history_row(world, unit_targets):
    unit_targets = complete_project(unit_targets, world.unit_user)
    with pytest.raises(PermissionDenied):
        targets_submit(target_set=unit_targets, user=world.unit_filler)
    targets_submit(target_set=unit_targets, user=world.unit_user)
    with pytest.raises(TargetsError):
        targets_save_draft(
            target_set=unit_targets,
            data=unit_targets.data,
            expected_version=2,
            user=world.unit_user,
        )
    with pytest.raises(TargetsError, match="审核意见"):
        targets_return(target_set=unit_targets, user=world.reviewer, comment=" ")
    targets_return(target_set=unit_targets, user=world.reviewer, comment="请细化指标")
    targets_submit(target_set=unit_targets, user=world.unit_user)
    with pytest.raises(PermissionDenied):
        targets_approve(target_set=unit_targets, user=world.unit_user)
    approved = targets_approve(target_set=unit_targets, user=world.reviewer)
    assert approved.status == TargetSet.Status.DEPT_APPROVED
    reasons = list(
        approved.history.order_by("history_date", "history_id").values_list(
            "history_change_reason", flat=True
        )
    )
    assert reasons == ["新建绩效目标", "保存草稿", "提交审核", "退回修改", "提交审核", "审核通过"]
