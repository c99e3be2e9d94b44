"""Reads of targets, narrowed to what a person may see, and what the quality check needs."""

from __future__ import annotations

from django.db.models import QuerySet

from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.quality import last_year_actuals_of
from jixiao.core.serialization import form_from_data
from jixiao.core.targets import DepartmentTargets
from jixiao.web.evaluations.access import User
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.organisations.models import Organisation
from jixiao.web.targets.access import reach
from jixiao.web.targets.models import TargetSet


def target_sets_visible_to(user: User) -> QuerySet[TargetSet]:
    queryset = TargetSet.objects.select_related("organisation")
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    condition = reach(user)
    if condition is None:
        return queryset
    return queryset.filter(organisation__in=Organisation.objects.filter(condition))


def targets_of(target_set: TargetSet) -> DepartmentTargets:
    return DepartmentTargets.model_validate(target_set.data)


def last_year_actuals(organisation: Organisation, year: int) -> dict[str, str]:
    """Indicator name → last year's actual, from the organisation's forms of ``year - 1``
    (the quality check flags targets far below them)."""
    forms: list[DepartmentForm | ProjectForm] = []
    for evaluation in Evaluation.objects.filter(organisation=organisation, year=year - 1):
        form = form_from_data(evaluation.data)
        if isinstance(form, DepartmentForm | ProjectForm):
            forms.append(form)
    return last_year_actuals_of(*forms)
