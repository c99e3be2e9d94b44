"""Imported rows merged into monitoring forms.

A row names its unit or project; the form of that name takes its month's spending and plan, and
the progress of the indicator it names. A figure for a month already reported replaces it (a
corrected treasury export is re-imported whole). Rows about a subject or an indicator the forms
do not have become errors that say so; they are never silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from jixiao.core.monitoring.models import BudgetExecution, MonitoringForm
from jixiao.core.quality import normalise_name
from jixiao.formats.monitoring_io.reading import FigureRow, RowError


@dataclass
class MergeOutcome:
    forms: dict[str, MonitoringForm]  # name → updated form (only those that changed)
    applied: list[FigureRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _apply(form: MonitoringForm, row: FigureRow) -> MonitoringForm | RowError:
    execution = form.execution or BudgetExecution(kind=form.kind, name=form.name, year=form.year)
    update: dict[str, object] = {}
    if row.spending is not None or row.plan is not None:
        spending = dict(execution.monthly_spending)
        plan = dict(execution.monthly_plan)
        if row.spending is not None:
            spending[row.month] = row.spending
        if row.plan is not None:
            plan[row.month] = row.plan
        execution = execution.model_copy(
            update={"monthly_spending": spending, "monthly_plan": plan}
        )
        update["execution"] = execution
    if row.indicator:
        key = normalise_name(row.indicator)
        indicators = list(form.indicators)
        index = next(
            (i for i, item in enumerate(indicators) if normalise_name(item.name) == key), None
        )
        if index is None:
            known = "、".join(i.name for i in indicators) or "（尚未设置指标）"
            return RowError(
                row.line,
                f"第{row.line}行：“{form.name}”没有名为“{row.indicator}”的指标。"
                f"已有指标：{known}。",
            )
        changes: dict[str, object] = {"actual_to_date": row.actual}
        if row.expected is not None:
            changes["expected_full_year"] = row.expected
        indicators[index] = indicators[index].model_copy(update=changes)
        update["indicators"] = indicators
    # Spending reports the month's close; progress reported for a month moves the form on too.
    if row.spending is not None or row.indicator:
        update["month"] = max(form.month, row.month)
    return form.model_copy(update=update)


def apply_rows(forms: Sequence[MonitoringForm], rows: Iterable[FigureRow]) -> MergeOutcome:
    """Merge ``rows`` into the forms they name (matched by name, and kind when a row gives
    one). The input forms are not changed."""
    by_name = {normalise_name(f.name): f for f in forms}
    outcome = MergeOutcome(forms={})
    for row in rows:
        key = normalise_name(row.name)
        current = outcome.forms.get(by_name[key].name) if key in by_name else None
        form = current or by_name.get(key)
        if form is None or (row.kind is not None and row.kind is not form.kind):
            names = "、".join(f.name for f in forms) or "（无）"
            outcome.errors.append(
                RowError(
                    row.line,
                    f"第{row.line}行：没有“{row.name}”的监控表，可导入的单位或项目：{names}。",
                )
            )
            continue
        merged = _apply(form, row)
        if isinstance(merged, RowError):
            outcome.errors.append(merged)
            continue
        outcome.forms[form.name] = MonitoringForm.model_validate(merged.model_dump())
        outcome.applied.append(row)
    return outcome
