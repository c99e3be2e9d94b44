"""The year-end hand-off (年终衔接): a unit's self-evaluation forms started from its approved
targets and its latest monitoring data.

It reads both targets and monitoring, so it sits above both apps (which then need not import
each other). A refused hand-off raises :class:`~jixiao.web.targets.services.TargetsError`.
"""

from __future__ import annotations

from django.db import transaction

from jixiao.core.access import Act, Kind
from jixiao.core.handoff import (
    HandoffError,
    project_self_evaluation_from_targets,
    self_evaluation_from_targets,
)
from jixiao.core.workflow import WorkflowError
from jixiao.web.evaluations.access import Account
from jixiao.web.evaluations.analysis import complete
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evaluations.services import evaluation_create
from jixiao.web.monitoring.selectors import monitoring_forms_of
from jixiao.web.organisations.access import require
from jixiao.web.targets.models import TargetSet
from jixiao.web.targets.selectors import rules_for, targets_of
from jixiao.web.targets.services import TargetsError

KIND = Kind.TARGETS


@transaction.atomic
def targets_handoff(*, target_set: TargetSet, user: Account) -> Evaluation:
    """Year-end hand-off: the department's self-evaluation form (and one per project) for the
    targets' year, pre-filled from the targets and the latest monitoring data. Forms that
    already exist are left as they are; the department form is returned."""
    require(user, target_set.organisation, KIND, Act.EDIT)
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
