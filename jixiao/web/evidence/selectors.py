"""Reads of evidence: what a form has, per row, and what a submission still lacks; the evidence
of each 运行监控 month, and which monitoring records back which forms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from jixiao.core.formtypes import FORM_TYPES
from jixiao.core.monitoring import ExecutionKind
from jixiao.core.serialization import Form, form_from_data
from jixiao.core.validation import Finding
from jixiao.core.validation.evidence import check_evidence
from jixiao.core.workflow import Status, is_editable
from jixiao.web.evaluations.analysis import rules_named
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evidence.models import Evidence, MonitoringEvidence
from jixiao.web.monitoring.models import MonitoringRecord


def current_evidence(evaluation: Evaluation) -> QuerySet[Evidence]:
    return Evidence.objects.filter(
        evaluation=evaluation, superseded_at__isnull=True
    ).select_related("uploaded_by")


def evidence_by_row(evaluation: Evaluation) -> dict[str, list[Evidence]]:
    rows: dict[str, list[Evidence]] = {}
    for item in current_evidence(evaluation):
        rows.setdefault(item.anchor_path, []).append(item)
    return rows


def evidence_findings(evaluation: Evaluation, form: Form) -> list[Finding]:
    """The rule set's evidence rules for ``form`` with the evidence the form has now."""
    rules = rules_named(evaluation.ruleset_id, evaluation.form_type)
    evidenced = set(current_evidence(evaluation).values_list("anchor_path", flat=True))
    return check_evidence(form, rules, evidenced)


@dataclass(frozen=True)
class EvidenceEvent:
    when: datetime
    who: str
    what: str


def evidence_events(evaluation: Evaluation) -> list[EvidenceEvent]:
    """Uploads and replacements of the form's evidence, newest first, for the history page."""
    events: list[EvidenceEvent] = []
    for item in Evidence.objects.filter(evaluation=evaluation).select_related(
        "uploaded_by", "replaces"
    ):
        who = item.uploaded_by.get_username() if item.uploaded_by else "系统"
        place = row_label(evaluation, item.anchor_path)
        if item.replaces is not None:
            what = f"替换佐证材料（{place}）：“{item.replaces.name}” → “{item.name}”"
        else:
            what = f"上传佐证材料（{place}）：“{item.name}”"
        events.append(EvidenceEvent(item.uploaded_at, who, what))
    return sorted(events, key=lambda e: e.when, reverse=True)


def row_label(evaluation: Evaluation, path: str) -> str:
    """A row as people name it: ``任务2 指标“受理…报名”`` rather than a JSON path."""
    data = evaluation.data
    try:
        if path == "":
            return "整张表单"
        if path.startswith("tasks["):
            task_index = int(path[6 : path.index("]")])
            task = data["tasks"][task_index]
            if ".indicators[" in path:
                indicator = task["indicators"][int(path.rsplit("[", 1)[1].rstrip("]"))]
                return f"任务{task.get('number', task_index + 1)} 指标“{indicator['name']}”"
            return f"任务{task.get('number', task_index + 1)}"
        if path.startswith("indicators["):
            return f"指标“{data['indicators'][int(path[11:-1])]['name']}”"
        if path.startswith("key_projects["):
            return f"重点项目“{data['key_projects'][int(path[13:-1])]['name']}”"
    except (KeyError, IndexError, ValueError, TypeError):
        pass
    return path


@dataclass(frozen=True)
class EvidenceRow:
    path: str
    label: str
    items: list[Evidence]
    missing: str  # the rule set's finding for this row, if any


@dataclass(frozen=True)
class EvidenceChange:
    what: str  # 新增 / 删除 / 替换
    row: str
    name: str


@dataclass(frozen=True)
class EvidencePanel:
    rows: list[EvidenceRow]
    editable: bool
    removable: bool
    changes: list[EvidenceChange]
    count: int
    missing: int = 0
    blocking: bool = False


def form_rows(evaluation: Evaluation) -> list[str]:
    """Every row evidence can be attached to, in the order the form prints them."""
    data = evaluation.data
    paths = [""]
    for t, task in enumerate(data.get("tasks", [])):
        paths.append(f"tasks[{t}]")
        paths.extend(f"tasks[{t}].indicators[{i}]" for i in range(len(task.get("indicators", []))))
    paths.extend(f"key_projects[{k}]" for k in range(len(data.get("key_projects", []))))
    paths.extend(f"indicators[{i}]" for i in range(len(data.get("indicators", []))))
    return paths


def is_under_review(evaluation: Evaluation) -> bool:
    return not is_editable(evaluation.core_status)


def evidence_panel(
    evaluation: Evaluation, editable: bool, changes: list[EvidenceChange] | None = None
) -> EvidencePanel:
    """The evidence list per row. ``changes`` (what the last submissions changed, read from
    the sealed snapshots by :mod:`jixiao.web.sealing.selectors`) is shown above it."""
    by_row = evidence_by_row(evaluation)
    findings = evidence_findings(evaluation, form_from_data(evaluation.data))
    missing = {f.path: f.message for f in findings}
    rows = [
        EvidenceRow(path, row_label(evaluation, path), by_row.get(path, []), missing.get(path, ""))
        for path in form_rows(evaluation)
    ]
    # Evidence on a row that no longer exists (a row deleted in the editor) stays listed.
    known = set(form_rows(evaluation))
    rows.extend(
        EvidenceRow(path, f"已删除的行（{path}）", items, "")
        for path, items in by_row.items()
        if path not in known
    )
    return EvidencePanel(
        rows=rows,
        editable=editable and is_editable(evaluation.core_status),
        removable=editable and evaluation.core_status is Status.DRAFT,
        changes=changes or [],
        count=sum(len(items) for items in by_row.values()),
        missing=len(findings) if is_editable(evaluation.core_status) else 0,
        blocking=any(f.severity == "error" for f in findings),
    )


@dataclass(frozen=True)
class MonitoringMonth:
    month: int
    label: str
    items: list[MonitoringEvidence]


@dataclass(frozen=True)
class MonitoringPanel:
    months: list[MonitoringMonth]
    editable: bool
    count: int
    removable: bool = False
    removed: int = 0  # files taken off their months (kept, and still verified)


def monitoring_evidence_panel(record: MonitoringRecord, editable: bool) -> MonitoringPanel:
    """The current evidence of each month the record reports (1 to its ``month``), latest month
    first; a month beyond it (the record's month moved back) still lists what it holds."""
    by_month: dict[int, list[MonitoringEvidence]] = {}
    for item in current_monitoring_evidence(record).select_related("uploaded_by"):
        by_month.setdefault(item.month, []).append(item)
    months = sorted(set(range(1, record.month + 1)) | set(by_month), reverse=True)
    submitted = any(form.core_status is not Status.DRAFT for form in forms_backed_by(record))
    return MonitoringPanel(
        months=[MonitoringMonth(m, f"{m}月", by_month.get(m, [])) for m in months],
        editable=editable,
        count=sum(len(items) for items in by_month.values()),
        removable=editable and not submitted,
        removed=MonitoringEvidence.objects.filter(record=record, removed_at__isnull=False).count(),
    )


def current_monitoring_evidence(record: MonitoringRecord) -> QuerySet[MonitoringEvidence]:
    """The files each month of ``record`` shows: neither replaced nor removed."""
    return MonitoringEvidence.objects.filter(
        record=record, superseded_at__isnull=True, removed_at__isnull=True
    )


def monitoring_records_of(evaluation: Evaluation) -> QuerySet[MonitoringRecord]:
    """The 运行监控 records behind a stored form, as the form type's registry entry names them
    (``monitored_as``): the unit's own record of the form's year, or the record of the project
    the form is titled after, at the form's organisation."""
    entry = FORM_TYPES.get(evaluation.form_type)
    records = MonitoringRecord.objects.filter(
        organisation_id=evaluation.organisation_id, year=evaluation.year
    )
    if entry is None or entry.monitored_as is None:
        return records.none()
    if entry.monitored_as is ExecutionKind.UNIT:
        return records.filter(kind=ExecutionKind.UNIT.value)
    return records.filter(kind=ExecutionKind.PROJECT.value, name=evaluation.title)


def forms_backed_by(record: MonitoringRecord) -> list[Evaluation]:
    """The stored forms whose evidence packages carry ``record``'s months (the reverse of
    :func:`monitoring_records_of`)."""
    kinds = [key for key, entry in FORM_TYPES.items() if entry.monitored_as == record.kind]
    forms = Evaluation.objects.filter(
        organisation_id=record.organisation_id, year=record.year, form_type__in=kinds
    )
    if record.kind == ExecutionKind.PROJECT.value:
        forms = forms.filter(title=record.name)
    return list(forms)


def monitoring_evidence_of(evaluation: Evaluation) -> list[MonitoringEvidence]:
    """The current evidence of every month of the records behind ``evaluation``, by record and
    month (what its evidence package carries)."""
    return list(
        MonitoringEvidence.objects.filter(
            record__in=monitoring_records_of(evaluation),
            superseded_at__isnull=True,
            removed_at__isnull=True,
        )
        .select_related("record")
        .order_by("record_id", "month", "uploaded_at", "pk")
    )
