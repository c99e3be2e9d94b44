"""Every write to targets: create a draft, save, submit, approve, return, and the year-end
hand-off that starts the self-evaluation forms from them.

The workflow is deliberately small (草稿 → 已提交 → 审核通过, or back to 草稿 with a comment).
Each service checks permission itself, runs in a transaction with a row lock and records
history with the acting user. A refused step raises :class:`TargetsError` (``message`` for
users).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from pydantic import ValidationError

from jixiao.core.handoff import (
    HandoffError,
    project_self_evaluation_from_targets,
    self_evaluation_from_targets,
)
from jixiao.core.quality import check_indicators
from jixiao.core.serialization import form_from_data, without_nul
from jixiao.core.targets import DepartmentTargets, targets_from_previous
from jixiao.core.validation import has_errors
from jixiao.core.workflow import WorkflowError
from jixiao.web.evaluations.access import Account
from jixiao.web.evaluations.analysis import complete
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evaluations.services import VersionConflict, evaluation_create
from jixiao.web.monitoring.selectors import monitoring_forms_of
from jixiao.web.organisations.models import FiscalYear, Organisation
from jixiao.web.targets.access import Need, require
from jixiao.web.targets.models import TargetSet
from jixiao.web.targets.selectors import last_year_actuals, rules_for, targets_of

Status = TargetSet.Status


class TargetsError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _save(target_set: TargetSet, user: Account | None, reason: str) -> None:
    authenticated = user is not None and user.is_authenticated
    target_set._history_user = user if authenticated else None  # type: ignore[attr-defined]
    target_set._change_reason = reason  # type: ignore[attr-defined]
    target_set.save()


def _locked(target_set: TargetSet) -> TargetSet:
    return (
        TargetSet.objects.select_for_update().select_related("organisation").get(pk=target_set.pk)
    )


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
        require(user, organisation, Need.EDIT)
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


def _editable(current: TargetSet) -> None:
    if current.status != Status.DRAFT:
        raise TargetsError(f"绩效目标{current.get_status_display()}，不能修改；如需修改请先退回。")


@transaction.atomic
def targets_save_draft(
    *, target_set: TargetSet, data: dict[str, Any], expected_version: int, user: Account
) -> TargetSet:
    """Save new content (refused while submitted or approved, or when someone else saved
    since ``expected_version``). ``data`` must be valid targets JSON."""
    require(user, target_set.organisation, Need.EDIT)
    current = _locked(target_set)
    if current.version != expected_version:
        raise VersionConflict(current.version)
    _editable(current)
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
    require(user, target_set.organisation, Need.SUBMIT)
    current = _locked(target_set)
    _editable(current)
    findings = check_indicators(
        targets_of(current), last_year_actuals(current.organisation, current.year)
    )
    if has_errors(findings):
        count = sum(1 for f in findings if f.severity == "error")
        raise TargetsError(f"还有{count}处错误（如指标没有填写目标值），请修改后再提交。")
    current.status = Status.SUBMITTED
    current.review_comment = ""
    _save(current, user, "提交审核")
    return current


def _review(target_set: TargetSet, user: Account, comment: str, approve: bool) -> TargetSet:
    require(user, target_set.organisation, Need.REVIEW)
    comment = without_nul(comment).strip()  # PostgreSQL cannot store U+0000
    current = _locked(target_set)
    if current.status != Status.SUBMITTED:
        raise TargetsError("只有已提交的绩效目标可以审核。")
    if not approve and not comment:
        raise TargetsError("退回时请填写审核意见，说明需要修改什么。")
    current.status = Status.APPROVED if approve else Status.DRAFT
    current.review_comment = comment
    _save(current, user, "审核通过" if approve else "退回修改")
    return current


@transaction.atomic
def targets_approve(*, target_set: TargetSet, user: Account, comment: str = "") -> TargetSet:
    return _review(target_set, user, comment, approve=True)


@transaction.atomic
def targets_return(*, target_set: TargetSet, user: Account, comment: str) -> TargetSet:
    return _review(target_set, user, comment, approve=False)


@transaction.atomic
def targets_handoff(*, target_set: TargetSet, user: Account) -> Evaluation:
    """Year-end hand-off: the department's self-evaluation form (and one per project) for the
    targets' year, pre-filled from the targets and the latest monitoring data. Forms that
    already exist are left as they are; the department form is returned."""
    require(user, target_set.organisation, Need.EDIT)
    organisation, year = target_set.organisation, target_set.year
    existing = Evaluation.objects.filter(
        organisation=organisation, year=year, form_type=Evaluation.FormType.DEPARTMENT
    ).first()
    if existing is not None:
        raise TargetsError(
            f"{organisation.name}{year}年度的部门整体支出绩效自评表已经存在，请直接打开填写。"
        )
    targets = targets_of(target_set)
    monitoring = monitoring_forms_of(organisation, year)
    try:
        form = self_evaluation_from_targets(targets, monitoring)
        projects = [
            project_self_evaluation_from_targets(p, monitoring, year=year) for p in targets.projects
        ]
    except HandoffError as exc:
        raise TargetsError(exc.message) from exc
    reason = "由绩效目标和监控数据生成"
    try:
        # The new forms keep the rule set the organisation's forms were judged by.
        rules = rules_for(organisation, year, form.form_type)
        evaluation = evaluation_create(
            organisation=organisation,
            form=complete(form, rules),
            user=user,
            ruleset_id=rules.id,
            ruleset_version=rules.version,
            reason=reason,
        )
        titles = set(
            Evaluation.objects.filter(
                organisation=organisation, year=year, form_type=Evaluation.FormType.PROJECT
            ).values_list("title", flat=True)
        )
        for project in projects:
            if project.project_name and project.project_name not in titles:
                project_rules = rules_for(organisation, year, project.form_type)
                evaluation_create(
                    organisation=organisation,
                    form=complete(project, project_rules),
                    user=user,
                    ruleset_id=project_rules.id,
                    ruleset_version=project_rules.version,
                    reason=reason,
                )
    except WorkflowError as exc:
        raise TargetsError(exc.message) from exc
    return evaluation
