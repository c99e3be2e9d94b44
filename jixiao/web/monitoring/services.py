"""Every write to monitoring data: start a record, save the monthly figures typed in a form,
keep an uploaded file and import it once the person has seen its report.

Each service checks permission itself (only the organisation's own filers, and finance, write
its figures), runs in a transaction and records history with the acting user.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from jixiao.core.access import Act, Kind
from jixiao.core.monitoring import BudgetExecution, IndicatorMonitoring, MonitoringForm
from jixiao.core.monitoring.models import ExecutionKind
from jixiao.core.serialization import without_nul
from jixiao.core.targets import DepartmentTargets, TargetIndicator
from jixiao.formats.limits import limits_applied
from jixiao.formats.monitoring_io import (
    MergeOutcome,
    MonitoringImportFailure,
    MonthlyImport,
    apply_rows,
    read_monthly_figures,
)
from jixiao.web.documents.services import check_version, document_locked, document_save
from jixiao.web.evaluations.access import Account, roles_at
from jixiao.web.limits import web_import_limits
from jixiao.web.monitoring.lights import light_set
from jixiao.web.monitoring.models import MonitoringRecord, MonitoringUpload
from jixiao.web.monitoring.selectors import form_of
from jixiao.web.organisations.access import require
from jixiao.web.organisations.models import Organisation
from jixiao.web.organisations.years import closed_for, closed_year_message
from jixiao.web.targets.models import TargetSet


class MonitoringError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


KIND = Kind.MONITORING

# The years a record or an upload may be for (the database column holds no negative year).
YEARS = range(2000, 2101)


def _check_year(year: int) -> None:
    if year not in YEARS:
        raise MonitoringError("请填写正确的年度，如 2023。")


def _refuse_closed_year(year: int, organisation: Organisation, user: Account | None) -> None:
    if user is not None and closed_for(year, roles_at(user, organisation)):
        raise MonitoringError(closed_year_message(year))


def _data(form: MonitoringForm) -> dict[str, Any]:
    """The form as stored: without U+0000, which PostgreSQL cannot store."""
    data: dict[str, Any] = without_nul(form.model_dump(mode="json"))
    return data


def _save(record: MonitoringRecord, user: Account | None, reason: str) -> None:
    light_set(record)
    document_save(record, user=user, reason=reason)


def _row(indicator: TargetIndicator, task_number: int | None = None) -> IndicatorMonitoring:
    return IndicatorMonitoring(
        task_number=task_number,
        level1=indicator.level1,
        level2=indicator.level2,
        name=indicator.name,
        nature=indicator.nature,
        target=indicator.target_text,
    )


def form_from_targets(
    organisation: Organisation, year: int, kind: ExecutionKind, name: str
) -> MonitoringForm:
    """A new monitoring form with the indicators and budget of the year's targets, if any."""
    target_set = TargetSet.objects.filter(organisation=organisation, year=year).first()
    targets = DepartmentTargets.model_validate(target_set.data) if target_set else None
    department = organisation.parent.name if organisation.parent else ""
    budget = None
    rows: list[IndicatorMonitoring] = []
    if targets is not None and kind is ExecutionKind.UNIT:
        budget = targets.budget
        rows = [_row(i, task.number) for task in targets.tasks for i in task.indicators]
    elif targets is not None:
        project = next((p for p in targets.projects if p.project_name == name), None)
        if project is not None:
            budget = project.budget
            rows = [_row(i) for i in project.indicators]
    return MonitoringForm(
        kind=kind,
        name=name,
        department=department,
        year=year,
        month=1,
        execution=BudgetExecution(
            kind=kind, name=name, year=year, initial_budget=budget, annual_budget=budget
        ),
        indicators=rows,
    )


@transaction.atomic
def monitoring_create(
    *,
    organisation: Organisation,
    year: int,
    kind: ExecutionKind,
    name: str,
    user: Account | None,
    form: MonitoringForm | None = None,
) -> MonitoringRecord:
    """A new monitoring record; a unit's own record is named after the unit."""
    kind = ExecutionKind(kind)
    if user is not None:
        require(user, organisation, KIND, Act.CREATE)
    _check_year(year)
    _refuse_closed_year(year, organisation, user)
    name = organisation.name if kind is ExecutionKind.UNIT else without_nul(name).strip()
    if not name:
        raise MonitoringError("请填写项目名称。")
    longest = MonitoringRecord._meta.get_field("name").max_length
    if longest is not None and len(name) > longest:
        raise MonitoringError(f"项目名称太长（{len(name)}字），请不超过{longest}字。")
    if MonitoringRecord.objects.filter(
        organisation=organisation, year=year, kind=kind, name=name
    ).exists():
        raise MonitoringError(f"“{name}”{year}年度的监控表已存在。")
    form = form or form_from_targets(organisation, year, kind, name)
    record = MonitoringRecord(
        organisation=organisation,
        year=year,
        kind=kind.value,
        name=name,
        month=form.month,
        data=_data(form),
        created_by=user if user is not None and user.is_authenticated else None,
    )
    _save(record, user, "新建监控表")
    return record


def _store(record: MonitoringRecord, form: MonitoringForm, user: Account | None, why: str) -> None:
    record.data = _data(form)
    record.month = form.month
    record.version += 1
    _save(record, user, why)


@transaction.atomic
def monitoring_save(
    *, record: MonitoringRecord, form: MonitoringForm, expected_version: int, user: Account
) -> MonitoringRecord:
    """Save the figures typed in the form (the subject's identity cannot change)."""
    require(user, record.organisation, KIND, Act.EDIT)
    current = document_locked(record)
    check_version(current, expected_version)
    _refuse_closed_year(current.year, current.organisation, user)
    if form.name != current.name or form.kind != current.kind or form.year != current.year:
        raise MonitoringError("监控表的单位或项目、年度不能修改。")
    _store(current, form, user, "保存监控数据")
    return current


def _read(upload: MonitoringUpload) -> tuple[MonthlyImport, MergeOutcome]:
    with limits_applied(web_import_limits()):
        result = read_monthly_figures(bytes(upload.content), upload.filename)
    records = MonitoringRecord.objects.filter(organisation=upload.organisation, year=upload.year)
    return result, apply_rows([form_of(r) for r in records], result.rows)


@transaction.atomic
def monitoring_upload(
    *, organisation: Organisation, year: int, filename: str, content: bytes, user: Account
) -> tuple[MonitoringUpload, MonthlyImport, MergeOutcome]:
    """Keep the uploaded file and report what importing it would do, row by row. Nothing is
    imported until :func:`monitoring_import_confirm`. A file that cannot be read at all
    raises :class:`MonitoringError` (and is not kept)."""
    require(user, organisation, KIND, Act.EDIT)
    _check_year(year)
    _refuse_closed_year(year, organisation, user)
    upload = MonitoringUpload(
        organisation=organisation,
        year=year,
        filename=without_nul(filename)[:255] or "upload",
        content=content,
        uploaded_by=user,
    )
    try:
        result, outcome = _read(upload)
    except MonitoringImportFailure as exc:
        raise MonitoringError(exc.message) from exc
    errors = sorted([*result.errors, *outcome.errors], key=lambda e: e.line)
    upload.errors = without_nul([{"line": e.line, "message": e.message} for e in errors])
    upload.save()
    return upload, result, outcome


@transaction.atomic
def monitoring_import_confirm(*, upload: MonitoringUpload, user: Account) -> list[MonitoringRecord]:
    """Import the rows of a kept upload that had no error; rows with errors are left out (the
    person saw them listed). Returns the records that changed."""
    require(user, upload.organisation, KIND, Act.EDIT)
    current = MonitoringUpload.objects.select_for_update().get(pk=upload.pk)
    if current.applied:
        raise MonitoringError("该文件已经导入过。")
    _refuse_closed_year(current.year, current.organisation, user)
    try:
        _, outcome = _read(current)
    except MonitoringImportFailure as exc:
        raise MonitoringError(exc.message) from exc
    changed = []
    for record in MonitoringRecord.objects.select_for_update().filter(
        organisation=current.organisation, year=current.year
    ):
        form = outcome.forms.get(record.name)
        if form is not None and form.kind == record.kind:
            _store(record, form, user, f"导入：{current.filename}")
            changed.append(record)
    current.applied = True
    current.save(update_fields=["applied"])
    return changed
