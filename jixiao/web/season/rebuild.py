"""Fill the list figures of forms written without a save (bulk loads, forms stored before the
season app): the core's headline figures and the last submission time. Takes the model classes
so that the migration can pass its historical ones."""

from __future__ import annotations

from typing import Any

from django.db.models import Max

from jixiao.core.season import headline
from jixiao.core.serialization import form_from_data
from jixiao.web.evaluations.analysis import rules_named


def facts_fill(evaluation_model: Any, round_model: Any, facts_model: Any, batch: int = 500) -> int:
    """Create the missing list-figure rows; returns how many were made."""
    submitted = dict(
        round_model.objects.values("evaluation_id")
        .annotate(last=Max("submitted_at"))
        .values_list("evaluation_id", "last")
    )
    missing = evaluation_model.objects.filter(facts__isnull=True)
    rows: list[Any] = []
    made = 0
    for evaluation in missing.iterator(chunk_size=batch):
        facts = facts_model(
            evaluation_id=evaluation.pk,
            submitted_at=submitted.get(evaluation.pk),
            version=evaluation.version,
        )
        try:
            figures = headline(
                form_from_data(evaluation.data),
                rules_named(evaluation.ruleset_id, evaluation.form_type),
            )
        except Exception:  # a form that does not read lists without figures
            figures = None
        if figures is not None:
            facts.budget, facts.spent, facts.rate = figures.budget, figures.spent, figures.rate
            facts.self_score, facts.self_grade = figures.score, figures.grade
            facts.grade = figures.grade
        rows.append(facts)
        if len(rows) >= batch:
            made += len(facts_model.objects.bulk_create(rows, ignore_conflicts=True))
            rows = []
    made += len(facts_model.objects.bulk_create(rows, ignore_conflicts=True))
    return made
