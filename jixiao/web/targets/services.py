"""Every write to targets: create a draft, save, submit, approve, return. The steps are the
core's workflow table, as for self-evaluation forms (草稿 → 已提交 → 主管部门审核通过, or 退回
with a comment and back to the unit); who may take them is the access policy's. The year-end
hand-off that starts the self-evaluation forms from them and the monitoring data is
:mod:`jixiao.web.handoff`, above both apps.

The workflow is deliberately small (草稿 → 已提交 → 审核通过, or back to 草稿 with a comment).
Each service checks permission itself, runs in a transaction with a row lock and records
history with the acting user. A refused step raises :class:`TargetsError` (``message`` for
users).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from pydantic import ValidationError

from jixiao.core.access import Act, Kind
from jixiao.core.quality import check_indicators
from jixiao.core.serialization import form_from_data, without_nul
from jixiao.core.targets import DepartmentTargets, targets_from_previous
from jixiao.core.validation import has_errors
from jixiao.core.workflow import Action, Role, Status, WorkflowError, next_status
from jixiao.web.documents.services import check_version, document_locked, document_save
from jixiao.web.evaluations.access import Account, roles_at
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.organisations.access import require
from jixiao.web.organisations.models import FiscalYear, Organisation
from jixiao.web.organisations.years import closed_for, closed_year_message
from jixiao.web.targets.models import TargetSet
from jixiao.web.targets.selectors import last_year_actuals, targets_of

KIND = Kind.TARGETS


class TargetsError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _save(target_set: TargetSet, user: Account | None, reason: str) -> None:
    document_save(target_set, user=user, reason=reason)


def _locked(target_set: TargetSet) -> TargetSet:
    return document_locked(target_set)


def draft_for(organisation: Organisation, year: int) -> DepartmentTargets:
    """A first draft: last year's self-evaluation copied forward when there is one."""
    previous = Evaluation.objects.filter(
        organisation=organisation, year=year - 1, form_type=Evaluation.FormType.DEPARTMENT
    ).first()
    if previous is not None:
        form = form_from_data(previous.data)
        targets = targets_from_previous(form, year)  # type: ignore[arg-type]
        return targets.model_copy(update={"department": organisation.name})
    return DepartmentTargets(department=organisation.name, year=year)


@transaction.atomic
def targets_create(
    *,
    organisation: Organisation,
    year: int,
    user: Account | None,
    targets: DepartmentTargets | None = None,
    reason: str = "新建绩效目标",
) -> TargetSet:
    """A new draft for ``organisation`` and ``year``. ``user`` None is the system (demo)."""
    if user is not None:
        require(user, organisation, KIND, Act.CREATE)
        if closed_for(year, roles_at(user, organisation)):
            raise TargetsError(closed_year_message(year))
    if TargetSet.objects.filter(organisation=organisation, year=year).exists():
        raise TargetsError(f"{organisation.name}{year}年度的绩效目标已存在")
    FiscalYear.objects.get_or_create(year=year)
    targets = targets or draft_for(organisation, year)
    target_set = TargetSet(
        organisation=organisation,
        year=year,
        data=without_nul(targets.model_copy(update={"year": year}).model_dump(mode="json")),
        created_by=user if user is not None and user.is_authenticated else None,
    )
    _save(target_set, user, reason)
    return target_set


def _refuse_closed_year(current: TargetSet, user: Account) -> None:
    if closed_for(current.year, roles_at(user, current.organisation)):
        raise TargetsError(closed_year_message(current.year))


def _step(current: TargetSet, action: Action, roles: frozenset[Role], comment: str = "") -> Status:
    """The status after ``action`` by the core's workflow table, or TargetsError saying why
    the step is refused now."""
    try:
        return next_status(current.core_status, action, roles, comment, kind=KIND)
    except WorkflowError as exc:
        if action is Action.EDIT:
            raise TargetsError(
                f"绩效目标{current.get_status_display()}，不能修改；如需修改请先退回。"
            ) from exc
        raise TargetsError(exc.message) from exc


@transaction.atomic
def targets_save_draft(
    *, target_set: TargetSet, data: dict[str, Any], expected_version: int, user: Account
) -> TargetSet:
    """Save new content (refused while submitted or approved, or when someone else saved
    since ``expected_version``). ``data`` must be valid targets JSON."""
    roles = require(user, target_set.organisation, KIND, Act.EDIT)
    current = _locked(target_set)
    check_version(current, expected_version)
    _refuse_closed_year(current, user)
    _step(current, Action.EDIT, roles)
    try:
        # U+0000 goes before anything is judged: PostgreSQL cannot store it.
        targets = DepartmentTargets.model_validate(without_nul({**data, "year": current.year}))
    except ValidationError as exc:
        raise TargetsError(f"绩效目标内容不符合格式要求（{exc.error_count()} 处）") from exc
    current.data = targets.model_dump(mode="json")
    current.version += 1
    _save(current, user, "保存草稿")
    return current


@transaction.atomic
def targets_submit(*, target_set: TargetSet, user: Account) -> TargetSet:
    """Submit for review; quality errors (an indicator with no value…) block it."""
    roles = require(user, target_set.organisation, KIND, Act.SUBMIT)
    current = _locked(target_set)
    _refuse_closed_year(current, user)
    status = _step(current, Action.SUBMIT, roles)
    findings = check_indicators(
        targets_of(current), last_year_actuals(current.organisation, current.year)
    )
    if has_errors(findings):
        count = sum(1 for f in findings if f.severity == "error")
        raise TargetsError(f"还有{count}处错误（如指标没有填写目标值），请修改后再提交。")
    current.status = status.value
    current.review_comment = ""
    _save(current, user, "提交审核")
    return current


def _review(target_set: TargetSet, user: Account, comment: str, approve: bool) -> TargetSet:
    action = Action.DEPT_APPROVE if approve else Action.DEPT_RETURN
    roles = require(user, target_set.organisation, KIND, Act(action.value))
    comment = without_nul(comment).strip()  # PostgreSQL cannot store U+0000
    current = _locked(target_set)
    if current.core_status is not Status.SUBMITTED:
        raise TargetsError("只有已提交的绩效目标可以审核。")
    current.status = _step(current, action, roles, comment).value
    current.review_comment = comment
    _save(current, user, "审核通过" if approve else "退回修改")
    return current


@transaction.atomic
def targets_approve(*, target_set: TargetSet, user: Account, comment: str = "") -> TargetSet:
    return _review(target_set, user, comment, approve=True)


@transaction.atomic
def targets_return(*, target_set: TargetSet, user: Account, comment: str) -> TargetSet:
    return _review(target_set, user, comment, approve=False)
