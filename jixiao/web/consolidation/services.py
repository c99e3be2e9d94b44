"""Writes of the 汇总 workflow: build (or rebuild) the consolidated form, and the two steps the
DHIS2 rule guards — a consolidated form is neither submitted nor approved until every unit's
form is approved.

Permission is checked here, through :mod:`jixiao.web.evaluations.access`, whoever calls. The
workflow steps themselves are the evaluations app's services; these only add the rule.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from jixiao.core.access import Act, Kind
from jixiao.core.model import DepartmentForm
from jixiao.core.serialization import form_to_data
from jixiao.core.workflow import Action, WorkflowError, next_status
from jixiao.web.consolidation.models import Consolidation
from jixiao.web.consolidation.selectors import (
    consolidation_preview,
)
from jixiao.web.documents.services import document_save
from jixiao.web.evaluations import services as evaluation_services
from jixiao.web.evaluations.access import Account, User, require_action
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.organisations.access import permits
from jixiao.web.organisations.models import Organisation


class SourcesChanged(WorkflowError):
    """A unit's form changed between the preview the user confirmed and the build."""

    def __init__(self) -> None:
        super().__init__(
            "所属单位的表在您预览之后发生了变化，汇总未执行。请核对下方新的差异后再确认汇总。"
        )


def may_build(user: User, department: Organisation) -> bool:
    """Those who fill in the department's own form build its 汇总."""
    return permits(user, department, Kind.CONSOLIDATION, Act.BUILD)


@transaction.atomic
def consolidation_build(
    *, department: Organisation, year: int, user: Account, expected_fingerprint: str | None = None
) -> Evaluation:
    """Build or rebuild the department's consolidated form of ``year``. With
    ``expected_fingerprint`` (what the user previewed), refuse if the inputs changed since."""
    if not may_build(user, department):
        raise PermissionDenied("只有部门的填报人或负责人可以汇总")
    # The stored content is replaced, never read: a rebuild need not parse the 1 MB it held.
    evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("consolidation")
        .defer("data", "consolidation__provenance", "consolidation__notes")
        .filter(organisation=department, year=year, form_type=Evaluation.FormType.DEPARTMENT)
        .first()
    )
    if evaluation is not None:
        roles = require_action(user, evaluation, Action.EDIT)
        next_status(evaluation.core_status, Action.EDIT, roles)
    preview = consolidation_preview(department, year, evaluation, with_changes=False)
    if expected_fingerprint is not None and expected_fingerprint != preview.fingerprint:
        raise SourcesChanged()
    form = preview.result.form
    reason = f"汇总（部门本级及{len(preview.included)}个所属单位）"
    consolidation = preview.consolidation
    if evaluation is None:
        evaluation = evaluation_services.evaluation_create(
            organisation=department, form=form, user=user, reason=reason
        )
        own_data = form_to_data(_empty_own_form(department, year))
    else:
        own_data = consolidation.own_data if consolidation is not None else evaluation.data
        evaluation.data = form_to_data(form)
        evaluation.title = form.department
        evaluation.version += 1
        document_save(evaluation, user=user, reason=reason)
    built = {
        "own_data": own_data,
        "sources": [
            {
                "evaluation": c.evaluation.pk,
                "organisation": c.organisation.name,
                "version": c.evaluation.version,
            }
            for c in preview.included
            if c.evaluation is not None
        ],
        "provenance": preview.result.provenance,
        "notes": [note.message for note in preview.result.notes],
        "built_by": user,
    }
    if consolidation is None:
        Consolidation.objects.create(evaluation=evaluation, **built)
    else:
        # The row was read (and locked with its form) above: no second read, no savepoint.
        for name, value in built.items():
            setattr(consolidation, name, value)
        consolidation.save(update_fields=[*built, "built_at"])
    return evaluation


def _empty_own_form(department: Organisation, year: int) -> DepartmentForm:
    return DepartmentForm(department=department.name, year=year)


@transaction.atomic
def consolidation_submit(
    *, evaluation: Evaluation, user: Account, explanation: str = ""
) -> Evaluation:
    # The DHIS2 rule runs inside evaluation_submit, whoever calls it.
    require_action(user, evaluation, Action.SUBMIT)
    return evaluation_services.evaluation_submit(
        evaluation=evaluation, user=user, explanation=explanation
    )


@transaction.atomic
def consolidation_approve(
    *, evaluation: Evaluation, user: Account, comment: str = ""
) -> Evaluation:
    # Who may approve at the form's stage is the evaluation service's check (the policy's
    # rows for 主管部门 and 财政 approval).
    return evaluation_services.evaluation_approve(evaluation=evaluation, user=user, comment=comment)
