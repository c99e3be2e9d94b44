"""Fill :class:`~jixiao.web.season.models.FormFacts`, the one table of figures kept beside each
stored form, from the core's reading of the form (:func:`jixiao.core.season.stored_figures`):
the save of one form and the bulk paths (demo loads, rebuilds, the migration) all go through
:func:`figure_values`, so a list and a chart never disagree.

The functions take the model classes they write (the migration passes its historical ones).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Max

from jixiao.core.season import STORED_FIGURES, stored_figures
from jixiao.core.serialization import Form, form_from_data
from jixiao.web.evaluations.analysis import rules_named

log = logging.getLogger("jixiao.web.season")

#: The columns a refresh rewrites: the form's identity and its figures (never the task, the
#: bureau's score or the dates, which the season's services keep).
FIGURE_COLUMNS = ("organisation", "year", "form_type", "status", *STORED_FIGURES)


def _fits(value: Any) -> Any:
    # A figure too large for its column is a typing error in the form: kept as unknown.
    if isinstance(value, Decimal) and abs(value) >= Decimal("1e15"):
        return None
    return value


def figure_values(evaluation: Any, form: Form | None = None) -> dict[str, Any]:
    """The stored figures of one form, judged by the rule set (and version) it is kept with;
    a form that does not read (edited in the admin) keeps no figures."""
    values: dict[str, Any] = dict.fromkeys(STORED_FIGURES)
    values.update(consolidated=False, grade="")
    try:
        rules = rules_named(
            evaluation.ruleset_id, evaluation.form_type, evaluation.ruleset_version or None
        )
        values = stored_figures(form or form_from_data(evaluation.data), rules)
    except Exception:
        log.warning("evaluation %s: stored form unreadable, kept without figures", evaluation.pk)
    return {key: _fits(value) for key, value in values.items()}


def apply_figures(facts: Any, evaluation: Any, form: Form | None = None) -> None:
    """Write the form's identity and figures onto its row (not saved)."""
    values = figure_values(evaluation, form)
    facts.organisation_id = evaluation.organisation_id
    facts.year = evaluation.year
    facts.form_type = evaluation.form_type
    facts.status = evaluation.status
    facts.consolidated = values["consolidated"]
    for key in ("initial_budget", "adjusted_budget", "actual_spending", "task_funds", "rate"):
        setattr(facts, key, values[key])
    facts.self_score, facts.self_grade = values["total_score"], values["grade"]
    facts.grade = facts.bureau_grade or facts.self_grade
    facts.version = evaluation.version


def facts_store(facts_model: Any, rows: Iterable[Any], batch_size: int = 1000) -> int:
    """Insert rows or, for forms that have one, rewrite their identity and figures (the task,
    the bureau's score and the dates are kept; the grade is the bureau's where the row says
    so)."""
    rows = list(rows)
    columns = [
        "organisation",
        "year",
        "form_type",
        "status",
        "consolidated",
        "initial_budget",
        "adjusted_budget",
        "actual_spending",
        "task_funds",
        "rate",
        "self_score",
        "self_grade",
        "grade",
        "version",
    ]
    facts_model.objects.bulk_create(
        rows,
        batch_size=batch_size,
        update_conflicts=True,
        unique_fields=["evaluation"],
        update_fields=columns,
    )
    return len(rows)


def facts_rebuild(
    evaluation_model: Any, round_model: Any, facts_model: Any, batch: int = 500
) -> int:
    """Recompute every form's figures (after a bulk load, a change of the core's reading, or
    the migration that made this the one table); returns how many forms were read. A new row
    also gets its last submission time; the grade follows the bureau's where it scored."""
    submitted = dict(
        round_model.objects.values("evaluation_id")
        .annotate(last=Max("submitted_at"))
        .values_list("evaluation_id", "last")
    )
    bureau = dict(
        facts_model.objects.exclude(bureau_grade="").values_list("evaluation_id", "bureau_grade")
    )
    rows: list[Any] = []
    count = 0
    for evaluation in evaluation_model.objects.order_by("pk").iterator(chunk_size=batch):
        facts = facts_model(
            evaluation_id=evaluation.pk,
            submitted_at=submitted.get(evaluation.pk),
            bureau_grade=bureau.get(evaluation.pk, ""),
        )
        apply_figures(facts, evaluation)
        rows.append(facts)
        if len(rows) >= batch:
            count += facts_store(facts_model, rows)
            rows = []
    return count + facts_store(facts_model, rows)
