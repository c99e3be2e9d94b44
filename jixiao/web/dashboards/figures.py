"""Keep :class:`~jixiao.web.dashboards.models.FormFigures` in step with the stored forms.

The figures are read by the core (:func:`jixiao.core.rollup.form_figures`: amounts in 万元,
scores by the form's own rule set), never by hand from the JSON, so a chart shows what the form
itself shows.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F

from jixiao.core.rollup import form_figures
from jixiao.core.serialization import Form, FormReadError, form_from_data
from jixiao.web.dashboards.models import DashboardSnapshot, FormFigures, SubtreeChange
from jixiao.web.evaluations.models import Evaluation

log = logging.getLogger("jixiao.web.dashboards")


def figure_values(evaluation: Evaluation, form: Form) -> dict[str, Any]:
    """The chartable figures of one stored form, as the core reads them (in 万元), judged by
    the rule set the form is kept with."""
    return form_figures(form, evaluation.rules)


def _fits(value: Any) -> Any:
    # A figure too large for the column is a typing error in the form: chart it as unknown.
    if isinstance(value, Decimal) and abs(value) >= Decimal("1e15"):
        return None
    return value


def figures_for(evaluation: Evaluation, form: Form | None = None) -> FormFigures:
    values: dict[str, Any] = {}
    try:
        values = figure_values(evaluation, form or form_from_data(evaluation.data))
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
    every_subtree_changed()
    FormFigures.objects.bulk_create(
        list(rows),
        batch_size=batch_size,
        update_conflicts=True,
        unique_fields=["evaluation"],
        update_fields=_FIELDS,
    )


def subtree_changed(paths: Iterable[str]) -> None:
    """Count a change in every subtree holding an organisation of ``paths`` (materialised
    paths), once the change commits: their dashboard snapshots are then out of date."""
    ids = {int(part) for path in paths for part in path.strip("/").split("/") if part}

    def count() -> None:
        SubtreeChange.objects.bulk_create(
            [SubtreeChange(organisation_id=pk) for pk in ids], ignore_conflicts=True
        )
        SubtreeChange.objects.filter(pk__in=ids).update(generation=F("generation") + 1)

    if ids:
        transaction.on_commit(count)


def every_subtree_changed() -> None:
    """After a bulk load, a rebuild or a change of the organisation tree: every snapshot goes."""

    def forget() -> None:
        SubtreeChange.objects.update(generation=F("generation") + 1)
        DashboardSnapshot.objects.all().delete()

    transaction.on_commit(forget)


def on_evaluation_saved(sender: object, instance: Evaluation, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    figures_for(instance).save()
    subtree_changed([instance.organisation.path])


def on_evaluation_deleted(sender: object, instance: Evaluation, **kwargs: Any) -> None:
    subtree_changed([instance.organisation.path])


def on_organisation_changed(sender: object, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        every_subtree_changed()


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
    every_subtree_changed()
    return count + len(batch)
