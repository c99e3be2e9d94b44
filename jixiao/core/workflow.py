"""The review workflow of a self-evaluation form, as a state table.

草稿 → 已提交 → 主管部门审核通过 → 财政审核通过 → 已公开, with 退回 (and a comment) from either
review back to the unit, which edits and submits again. The table says which step leads from
which status to which; who may take a step is the access policy's row for that step and kind of
document (:mod:`jixiao.core.access`). The web layer asks both and never decides on its own. A
form can only be edited in 草稿 and 退回: while it is under review it is locked.

Submission is gated by validation: an error blocks it, and warnings need a written explanation
(the reviewer reads it next to the warnings).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from jixiao.core.access import ROLE_LABELS, Act, Kind, Role, roles_for
from jixiao.core.validation.findings import Finding, Severity

__all__ = ["ROLE_LABELS", "Role"]  # re-exported: roles are the access policy's


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    DEPT_APPROVED = "dept_approved"
    FINANCE_APPROVED = "finance_approved"
    RETURNED = "returned"
    PUBLISHED = "published"


STATUS_LABELS: dict[Status, str] = {
    Status.DRAFT: "草稿",
    Status.SUBMITTED: "已提交",
    Status.DEPT_APPROVED: "主管部门审核通过",
    Status.FINANCE_APPROVED: "财政审核通过",
    Status.RETURNED: "退回",
    Status.PUBLISHED: "已公开",
}


class Action(StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"
    DEPT_APPROVE = "dept_approve"
    DEPT_RETURN = "dept_return"
    FINANCE_APPROVE = "finance_approve"
    FINANCE_RETURN = "finance_return"
    PUBLISH = "publish"


ACTION_LABELS: dict[Action, str] = {
    Action.EDIT: "编辑",
    Action.SUBMIT: "提交审核",
    Action.DEPT_APPROVE: "主管部门审核通过",
    Action.DEPT_RETURN: "主管部门退回",
    Action.FINANCE_APPROVE: "财政审核通过",
    Action.FINANCE_RETURN: "财政退回",
    Action.PUBLISH: "公开",
}


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[Status]
    target: Status
    needs_comment: bool = False

    def roles(self, kind: Kind = Kind.EVALUATION) -> frozenset[Role]:
        """Who may take this step on a document of ``kind``: the access policy's rows."""
        return roles_for(kind, Act(self.action.value))


_EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})

TRANSITIONS: tuple[Transition, ...] = (
    # Editing keeps the status; it is in the table so that one place says when editing is open.
    Transition(Action.EDIT, _EDITABLE, Status.DRAFT),
    Transition(Action.SUBMIT, _EDITABLE, Status.SUBMITTED),
    Transition(Action.DEPT_APPROVE, frozenset({Status.SUBMITTED}), Status.DEPT_APPROVED),
    Transition(
        Action.DEPT_RETURN, frozenset({Status.SUBMITTED}), Status.RETURNED, needs_comment=True
    ),
    Transition(Action.FINANCE_APPROVE, frozenset({Status.DEPT_APPROVED}), Status.FINANCE_APPROVED),
    Transition(
        Action.FINANCE_RETURN,
        frozenset({Status.DEPT_APPROVED}),
        Status.RETURNED,
        needs_comment=True,
    ),
    Transition(Action.PUBLISH, frozenset({Status.FINANCE_APPROVED}), Status.PUBLISHED),
)

_BY_ACTION: dict[Action, Transition] = {t.action: t for t in TRANSITIONS}


class WorkflowError(Exception):
    """A step that the table does not allow. ``message`` is Chinese, for users."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WrongState(WorkflowError):
    """A step refused because of where the document is (its status, a closed year), not
    because of what was sent: the API answers 409 Conflict."""


def transition_for(action: Action) -> Transition:
    return _BY_ACTION[action]


def is_editable(status: Status) -> bool:
    return status in _EDITABLE


def allowed_actions(
    status: Status, roles: Iterable[Role], kind: Kind = Kind.EVALUATION
) -> list[Action]:
    """The steps a person holding ``roles`` may take on a form in ``status``, in table order."""
    held = frozenset(roles)
    return [t.action for t in TRANSITIONS if status in t.sources and held & t.roles(kind)]


def statuses_awaiting(roles: Iterable[Role], kind: Kind = Kind.EVALUATION) -> frozenset[Status]:
    """The statuses in which a form waits for a holder of ``roles`` to take a step: what
    their "待我处理" list shows."""
    held = frozenset(roles)
    return frozenset(status for t in TRANSITIONS if held & t.roles(kind) for status in t.sources)


def next_status(
    status: Status,
    action: Action,
    roles: Iterable[Role],
    comment: str = "",
    kind: Kind = Kind.EVALUATION,
) -> Status:
    """The status after ``action``, or :class:`WorkflowError` saying why it is not allowed."""
    step = _BY_ACTION[action]
    allowed = step.roles(kind)
    if not frozenset(roles) & allowed:
        needed = "、".join(ROLE_LABELS[r] for r in sorted(allowed))
        raise WorkflowError(f"只有{needed}可以执行“{ACTION_LABELS[action]}”")
    if status not in step.sources:
        if action is Action.EDIT:
            raise WrongState(f"表单当前状态为“{STATUS_LABELS[status]}”，审核期间不能修改")
        raise WrongState(
            f"表单当前状态为“{STATUS_LABELS[status]}”，不能执行“{ACTION_LABELS[action]}”"
        )
    if step.needs_comment and not comment.strip():
        raise WorkflowError("退回时必须填写审核意见，说明需要修改的内容")
    return status if action is Action.EDIT else step.target


def check_submission(findings: Iterable[Finding], explanation: str) -> None:
    """Errors block submission; warnings are accepted only with a written explanation."""
    listed = list(findings)
    errors = [f for f in listed if f.severity is Severity.ERROR]
    if errors:
        raise WorkflowError(f"表单还有 {len(errors)} 个错误，改正后才能提交")
    warnings = [f for f in listed if f.severity is Severity.WARNING]
    if warnings and not explanation.strip():
        raise WorkflowError(f"表单有 {len(warnings)} 个警告，请填写情况说明后再提交")
