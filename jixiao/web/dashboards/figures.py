"""Keep :class:`~jixiao.web.dashboards.models.FormFigures` in step with the stored forms.

The figures are read by the core (form model, computations, scoring), never by hand from the
JSON, so a chart shows what the form itself shows.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.money import ZERO
from jixiao.core.rulesets import default_ruleset_id, load_ruleset
from jixiao.core.scoring import score_project
from jixiao.core.serialization import Form, FormReadError, form_from_data
from jixiao.web.dashboards.models import FormFigures
from jixiao.web.evaluations.models import Evaluation

log = logging.getLogger("jixiao.web.dashboards")


def figure_values(form: Form) -> dict[str, Any]:
    """The chartable figures of one form (the columns of FormFigures but the keys)."""
    if isinstance(form, DepartmentForm):
        task_funds = [t.funds for t in form.tasks if t.funds is not None]
        return {
            "consolidated": form.consolidated,
            "initial_budget": form.funds.initial_budget,
            "adjusted_budget": form.funds.adjusted_budget,
            "actual_spending": form.funds.actual_spending,
            "task_funds": sum(task_funds, ZERO) if task_funds else None,
            "total_score": None,
            "grade": "",
        }
    if not isinstance(form, ProjectForm):  # a target declaration has nothing to chart
        return {}
    total = form.total_score
    grade: str = form.grade or ""
    if total is None:
        card = score_project(form, load_ruleset(default_ruleset_id(form.form_type)))
        total, grade = card.total, card.grade
    return {
        "consolidated": False,
        "initial_budget": form.funds.total.initial_budget,
        "adjusted_budget": form.funds.total.annual_budget,
        "actual_spending": form.funds.total.executed,
        "task_funds": None,
        "total_score": total,
        "grade": grade,
    }


def _fits(value: Any) -> Any:
    # A figure too large for the column is a typing error in the form: chart it as unknown.
    if isinstance(value, Decimal) and abs(value) >= Decimal("1e15"):
        return None
    return value


def figures_for(evaluation: Evaluation, form: Form | None = None) -> FormFigures:
    values: dict[str, Any] = {}
    try:
        values = figure_values(form or form_from_data(evaluation.data))
    except FormReadError:
        log.warning("evaluation %s: stored form unreadable, charted without figures", evaluation.pk)
    return FormFigures(
        evaluation_id=evaluation.pk,
        organisation_id=evaluation.organisation_id,
        year=evaluation.year,
        form_type=evaluation.form_type,
        status=evaluation.status,
        **{key: _fits(value) for key, value in values.items()},
    )


_FIELDS = [
    "organisation",
    "year",
    "form_type",
    "status",
    "consolidated",
    "initial_budget",
    "adjusted_budget",
    "actual_spending",
    "task_funds",
    "total_score",
    "grade",
]


def figures_store(rows: Iterable[FormFigures], batch_size: int = 1000) -> None:
    """Insert or update figures in bulk."""
    FormFigures.objects.bulk_create(
        list(rows),
        batch_size=batch_size,
        update_conflicts=True,
        unique_fields=["evaluation"],
        update_fields=_FIELDS,
    )


def on_evaluation_saved(sender: object, instance: Evaluation, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    figures_for(instance, getattr(instance, "_jixiao_form", None)).save()


def figures_rebuild(batch_size: int = 500) -> int:
    """Recompute every form's figures (after a bulk load or a change of the reading)."""
    count = 0
    queryset = Evaluation.objects.order_by("pk")
    batch: list[FormFigures] = []
    for evaluation in queryset.iterator(chunk_size=batch_size):
        batch.append(figures_for(evaluation))
        if len(batch) >= batch_size:
            figures_store(batch)
            count += len(batch)
            batch = []
    figures_store(batch)
    return count + len(batch)
