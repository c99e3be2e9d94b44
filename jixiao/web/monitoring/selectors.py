"""Reads of monitoring data, narrowed to what a person may see, and the warnings board: every
unit and project of a subtree with its traffic light, warnings and year-end projection, all
computed by :mod:`jixiao.core.monitoring`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from jixiao.core.monitoring import (
    EarlyWarning,
    Light,
    MonitoringForm,
    SpendingProjection,
    early_warnings,
    light_of,
    project_spending,
)
from jixiao.core.monitoring.alerts import LIGHT_SEVERITY
from jixiao.web.evaluations.access import User
from jixiao.web.monitoring.models import MonitoringRecord
from jixiao.web.organisations.models import Organisation
from jixiao.web.targets.access import reach


def records_visible_to(user: User) -> QuerySet[MonitoringRecord]:
    queryset = MonitoringRecord.objects.select_related("organisation")
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    condition = reach(user)
    if condition is None:
        return queryset
    return queryset.filter(organisation__in=Organisation.objects.filter(condition))


def form_of(record: MonitoringRecord) -> MonitoringForm:
    return MonitoringForm.model_validate(record.data)


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
        return {Light.RED: "red", Light.YELLOW: "yellow", Light.GREEN: "green"}[self.light]


@dataclass(frozen=True)
class Board:
    scope: Organisation | None  # None: everything the person sees
    year: int
    rows: list[BoardRow]

    @property
    def counts(self) -> dict[str, int]:
        names = {Light.RED: "red", Light.YELLOW: "yellow", Light.GREEN: "green"}
        return {
            name: sum(1 for r in self.rows if r.light is light) for light, name in names.items()
        }


def board_row(record: MonitoringRecord) -> BoardRow:
    form = form_of(record)
    warnings = early_warnings(form)
    projection = project_spending(form.execution, form.month) if form.execution else None
    return BoardRow(record, light_of(warnings), warnings, projection)


def warnings_board(
    records: Iterable[MonitoringRecord], *, scope: Organisation | None, year: int
) -> Board:
    """Rows reddest first, then by organisation and name."""
    rows = [board_row(r) for r in records]
    rows.sort(key=lambda r: (-LIGHT_SEVERITY[r.light], r.record.organisation.path, r.record.name))
    return Board(scope=scope, year=year, rows=rows)


def records_in(user: User, scope: Organisation | None, year: int) -> QuerySet[MonitoringRecord]:
    records = records_visible_to(user).filter(year=year)
    if scope is not None:
        records = records.filter(organisation__path__startswith=scope.path)
    return records
