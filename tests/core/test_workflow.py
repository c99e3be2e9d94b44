"""The review workflow's state table: who may take which step from which status."""

from __future__ import annotations

import pytest

from jixiao.core.validation.findings import Finding, Severity
from jixiao.core.workflow import (
    TRANSITIONS,
    Action,
    Role,
    Status,
    WorkflowError,
    allowed_actions,
    check_submission,
    is_editable,
    next_status,
    statuses_awaiting,
)

HAPPY_PATH = [
    (Status.DRAFT, Action.SUBMIT, Role.UNIT_HEAD, Status.SUBMITTED),
    (Status.SUBMITTED, Action.DEPT_APPROVE, Role.DEPARTMENT_REVIEWER, Status.DEPT_APPROVED),
    (Status.DEPT_APPROVED, Action.FINANCE_APPROVE, Role.FINANCE_ADMIN, Status.FINANCE_APPROVED),
    (Status.FINANCE_APPROVED, Action.PUBLISH, Role.FINANCE_ADMIN, Status.PUBLISHED),
]


@pytest.mark.parametrize(("source", "action", "role", "target"), HAPPY_PATH)
def test_each_step_of_the_happy_path_moves_the_form_on(source, action, role, target) -> None:
    assert next_status(source, action, [role]) == target


def test_a_department_reviewer_returns_a_submitted_form_with_a_comment() -> None:
    assert (
        next_status(Status.SUBMITTED, Action.DEPT_RETURN, [Role.DEPARTMENT_REVIEWER], "补充说明")
        == Status.RETURNED
    )


def test_finance_returns_a_department_approved_form_with_a_comment() -> None:
    assert (
        next_status(Status.DEPT_APPROVED, Action.FINANCE_RETURN, [Role.FINANCE_ADMIN], "核对金额")
        == Status.RETURNED
    )


@pytest.mark.parametrize("action", [Action.DEPT_RETURN, Action.FINANCE_RETURN])
def test_returning_without_a_comment_is_refused(action: Action) -> None:
    source = Status.SUBMITTED if action is Action.DEPT_RETURN else Status.DEPT_APPROVED
    roles = [Role.DEPARTMENT_REVIEWER, Role.FINANCE_ADMIN]
    with pytest.raises(WorkflowError, match="审核意见"):
        next_status(source, action, roles, "   ")


def test_a_returned_form_can_be_edited_and_submitted_again() -> None:
    assert is_editable(Status.RETURNED)
    assert next_status(Status.RETURNED, Action.SUBMIT, [Role.UNIT_HEAD]) == Status.SUBMITTED


@pytest.mark.parametrize(
    "status",
    [Status.SUBMITTED, Status.DEPT_APPROVED, Status.FINANCE_APPROVED, Status.PUBLISHED],
)
def test_a_form_under_review_or_published_is_locked(status: Status) -> None:
    assert not is_editable(status)
    with pytest.raises(WorkflowError, match="不能修改"):
        next_status(status, Action.EDIT, [Role.FILLER])


def test_editing_keeps_the_status() -> None:
    assert next_status(Status.RETURNED, Action.EDIT, [Role.FILLER]) == Status.RETURNED


def test_a_filler_may_edit_but_only_the_unit_head_submits() -> None:
    assert allowed_actions(Status.DRAFT, [Role.FILLER]) == [Action.EDIT]
    with pytest.raises(WorkflowError, match="单位负责人"):
        next_status(Status.DRAFT, Action.SUBMIT, [Role.FILLER])


def test_an_observer_may_do_nothing_at_all() -> None:
    for status in Status:
        assert allowed_actions(status, [Role.OBSERVER]) == []


def test_every_step_not_in_the_table_is_refused() -> None:
    for status in Status:
        for transition in TRANSITIONS:
            if status in transition.sources:
                continue
            with pytest.raises(WorkflowError):
                next_status(status, transition.action, list(Role), "意见")


def test_a_reviewer_cannot_skip_to_finance_approval() -> None:
    with pytest.raises(WorkflowError, match="财政局管理员"):
        next_status(Status.SUBMITTED, Action.FINANCE_APPROVE, [Role.DEPARTMENT_REVIEWER])


def test_a_published_form_allows_no_step() -> None:
    assert allowed_actions(Status.PUBLISHED, list(Role)) == []


def _finding(severity: Severity) -> Finding:
    return Finding("x", severity, "funds.actual_spending", "问题")


def test_errors_block_submission_even_with_an_explanation() -> None:
    with pytest.raises(WorkflowError, match="1 个错误"):
        check_submission([_finding(Severity.ERROR)], "已说明")


def test_warnings_need_a_written_explanation() -> None:
    with pytest.raises(WorkflowError, match="情况说明"):
        check_submission([_finding(Severity.WARNING)], " ")
    check_submission([_finding(Severity.WARNING)], "年底集中支付，已说明原因")


def test_a_clean_form_submits_without_explanation() -> None:
    check_submission([], "")


def test_what_waits_for_each_role() -> None:
    assert statuses_awaiting([Role.DEPARTMENT_REVIEWER]) == {Status.SUBMITTED}
    assert statuses_awaiting([Role.FINANCE_ADMIN]) == {
        Status.DEPT_APPROVED,
        Status.FINANCE_APPROVED,
    }
    assert statuses_awaiting([Role.UNIT_HEAD]) == {Status.DRAFT, Status.RETURNED}
    assert statuses_awaiting([Role.FILLER]) == {Status.DRAFT, Status.RETURNED}
    assert statuses_awaiting([Role.OBSERVER]) == set()


def test_a_status_waits_for_a_role_exactly_when_that_role_has_a_step_in_it() -> None:
    for role in Role:
        for status in Status:
            has_step = bool(allowed_actions(status, [role]))
            assert (status in statuses_awaiting([role])) == has_step, (role, status)
