"""Reads of targets, narrowed to what a person may see, and what the quality check and the
early warnings need: last year's actuals and the organisation's rule set."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from jixiao.core.access import Kind
from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.model.department import FORM_TYPE_DEPARTMENT
from jixiao.core.quality import last_year_actuals_of
from jixiao.core.rulesets import RuleSet
from jixiao.core.serialization import form_from_data
from jixiao.core.targets import DepartmentTargets
from jixiao.web.evaluations.access import User
from jixiao.web.evaluations.analysis import rules_named
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.organisations.access import reach_filter
from jixiao.web.organisations.models import Organisation
from jixiao.web.targets.models import TargetSet


def target_sets_visible_to(user: User) -> QuerySet[TargetSet]:
    queryset = TargetSet.objects.select_related("organisation")
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    condition = reach_filter(user, Kind.TARGETS, field="organisation")
    return queryset if condition is None else queryset.filter(condition)


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


def _ancestry(organisation: Organisation) -> list[int]:
    """Ids from the organisation itself up to the root, read from its materialised path."""
    return [int(part) for part in reversed(organisation.path.strip("/").split("/")) if part]


def rules_by_organisation(
    organisations: Iterable[Organisation], year: int, form_type: str = FORM_TYPE_DEPARTMENT
) -> dict[int, RuleSet]:
    """Organisation id → the rule set its forms of ``form_type`` are judged by, in one query.

    There is no rule-set setting on an organisation: the region's rules are the ones its
    self-evaluation forms were created with. So the rule set is that of the latest form of
    ``year`` or before of the organisation, else of its closest ancestor that has one, else
    the default of the form type.
    """
    organisations = list(organisations)
    ids = {i for o in organisations for i in _ancestry(o)}
    latest: dict[int, str] = {}
    rows = (
        Evaluation.objects.filter(organisation_id__in=ids, year__lte=year, form_type=form_type)
        .order_by("organisation_id", "-year", "-pk")
        .values_list("organisation_id", "ruleset_id")
    )
    for organisation_id, ruleset_id in rows:
        latest.setdefault(organisation_id, ruleset_id)
    chosen = {
        o.pk: next((latest[i] for i in _ancestry(o) if i in latest), None) for o in organisations
    }
    return {pk: rules_named(ruleset_id, form_type) for pk, ruleset_id in chosen.items()}


def rules_for(
    organisation: Organisation, year: int, form_type: str = FORM_TYPE_DEPARTMENT
) -> RuleSet:
    """The rule set of one organisation (see :func:`rules_by_organisation`)."""
    return rules_by_organisation([organisation], year, form_type)[organisation.pk]
