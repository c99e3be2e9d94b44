"""Reads of monitoring data, narrowed to what a person may see; the live summary of the form
being typed; and the warnings board: every unit and project of a subtree with its traffic
light, warnings and year-end projection. Every figure is computed by
:mod:`jixiao.core.monitoring` under the organisation's rule set."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from jixiao.core.access import Kind
from jixiao.core.model.department import FORM_TYPE_DEPARTMENT
from jixiao.core.money import money_text, rate_text
from jixiao.core.monitoring import (
    EarlyWarning,
    IndicatorProjection,
    Light,
    MonitoringForm,
    Progress,
    SpendingProjection,
    early_warnings,
    light_counts,
    light_of,
    progress_of,
    project_indicator,
    project_spending,
)
from jixiao.core.monitoring.alerts import LIGHT_SEVERITY
from jixiao.core.monitoring.models import ExecutionKind
from jixiao.core.rulesets import RuleSet
from jixiao.web.evaluations.access import User
from jixiao.web.monitoring.models import MonitoringRecord
from jixiao.web.organisations.access import reach_filter
from jixiao.web.organisations.models import Organisation
from jixiao.web.targets.selectors import rules_by_organisation

# The self-evaluation form whose rule set judges a monitoring record of this kind.
FORM_TYPE_OF_KIND = {ExecutionKind.UNIT: FORM_TYPE_DEPARTMENT, ExecutionKind.PROJECT: "project"}
LIGHT_CLASSES = {Light.RED: "red", Light.YELLOW: "yellow", Light.GREEN: "green"}


def records_visible_to(user: User) -> QuerySet[MonitoringRecord]:
    queryset = MonitoringRecord.objects.select_related("organisation")
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    condition = reach_filter(user, Kind.MONITORING, field="organisation")
    return queryset if condition is None else queryset.filter(condition)


def form_of(record: MonitoringRecord) -> MonitoringForm:
    return MonitoringForm.model_validate(record.data)


def rules_of_records(records: Iterable[MonitoringRecord]) -> dict[int, RuleSet]:
    """Record id → its organisation's rule set: one query per kind and year present, not
    per record."""
    groups: dict[tuple[str, int], list[MonitoringRecord]] = {}
    for record in records:
        groups.setdefault((record.kind, record.year), []).append(record)
    rules: dict[int, RuleSet] = {}
    for (kind, year), group in groups.items():
        form_type = FORM_TYPE_OF_KIND[ExecutionKind(kind)]
        by_org = rules_by_organisation({r.organisation for r in group}, year, form_type)
        rules.update({r.pk: by_org[r.organisation_id] for r in group})
    return rules


def rules_of_record(record: MonitoringRecord) -> RuleSet:
    return rules_of_records([record])[record.pk]


def monitoring_forms_of(organisation: Organisation, year: int) -> list[MonitoringForm]:
    records = MonitoringRecord.objects.filter(organisation=organisation, year=year)
    return [form_of(r) for r in records]


@dataclass(frozen=True)
class BoardRow:
    record: MonitoringRecord
    light: Light
    warnings: list[EarlyWarning]
    projection: SpendingProjection | None

    @property
    def light_class(self) -> str:
        return LIGHT_CLASSES[self.light]


@dataclass(frozen=True)
class IndicatorLive:
    name: str
    target: str
    projection: IndicatorProjection


@dataclass(frozen=True)
class Live:
    """What the monthly form shows beside the figures as they are typed (双监控): the core's
    progress against time (:func:`jixiao.core.monitoring.progress_of`), projections, warnings."""

    progress: Progress
    indicators: list[IndicatorLive]
    warnings: list[EarlyWarning]
    light: Light
    ruleset_name: str

    @property
    def light_class(self) -> str:
        return LIGHT_CLASSES[self.light]

    @property
    def texts(self) -> dict[str, str]:
        """The figures as printed (the core's rounding), empty when there is none."""
        progress = self.progress
        projection = progress.projection
        return {
            "spent": money_text(progress.spent),
            "rate": rate_text(progress.rate),
            "elapsed": rate_text(progress.elapsed),
            "projected": money_text(projection.projected if projection else None),
            "projected_rate": rate_text(projection.rate if projection else None),
        }


def live_of(form: MonitoringForm, rules: RuleSet) -> Live:
    """The execution to date, time elapsed, year-end projections, light and warnings of
    ``form`` as of its month."""
    warnings = early_warnings(form, rules=rules)
    return Live(
        progress=progress_of(form),
        indicators=[
            IndicatorLive(i.name, i.target or "", project_indicator(i, form.month))
            for i in form.indicators
        ],
        warnings=warnings,
        light=light_of(warnings),
        ruleset_name=rules.name,
    )


@dataclass(frozen=True)
class Board:
    scope: Organisation | None  # None: everything the person sees
    year: int
    rows: list[BoardRow]

    @property
    def counts(self) -> dict[str, int]:
        counts = light_counts(r.light for r in self.rows)
        return {LIGHT_CLASSES[light]: n for light, n in counts.items()}


def board_row(record: MonitoringRecord, rules: RuleSet | None = None) -> BoardRow:
    form = form_of(record)
    warnings = early_warnings(form, rules=rules or rules_of_record(record))
    projection = project_spending(form.execution, form.month) if form.execution else None
    return BoardRow(record, light_of(warnings), warnings, projection)


def warnings_board(
    records: Iterable[MonitoringRecord], *, scope: Organisation | None, year: int
) -> Board:
    """Rows reddest first, then by organisation and name."""
    records = list(records)
    rules = rules_of_records(records)
    rows = [board_row(r, rules[r.pk]) for r in records]
    rows.sort(key=lambda r: (-LIGHT_SEVERITY[r.light], r.record.organisation.path, r.record.name))
    return Board(scope=scope, year=year, rows=rows)


def records_in(user: User, scope: Organisation | None, year: int) -> QuerySet[MonitoringRecord]:
    records = records_visible_to(user).filter(year=year)
    if scope is not None:
        records = records.filter(organisation__path__startswith=scope.path)
    return records
