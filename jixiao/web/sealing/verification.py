"""``jixiao audit verify``: recompute every chain, every stored file's hash, and compare each
form under review or published with its last snapshot.

The pure checks are :mod:`jixiao.core.audit`; this module reads the rows and files they need.
Each form is checked up to its first break; the report lists breaks in form order, so its
first line is the first broken link.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.db.models import QuerySet

from jixiao.core.audit import Break, Link, Snapshot, anchor_hash, canonical_json, verify_chain
from jixiao.core.audit.chain import evidence_break
from jixiao.core.diff import diff_forms
from jixiao.core.workflow import Status, is_editable
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evidence.models import Evidence, MonitoringEvidence
from jixiao.web.evidence.selectors import monitoring_records_of
from jixiao.web.evidence.storage import stored_sha256
from jixiao.web.monitoring.models import MonitoringRecord
from jixiao.web.sealing.models import ChainEvent, DailyAnchor, SealedDocument


@dataclass
class Report:
    breaks: list[Break] = field(default_factory=list)
    forms: int = 0
    events: int = 0
    files: int = 0
    verified_hashes: set[str] = field(default_factory=set)

    @property
    def intact(self) -> bool:
        return not self.breaks


def _links(evaluation: Evaluation) -> list[Link]:
    return [
        Link(e.seq, e.snapshot, e.hash, e.previous_hash, e.kind, e.actor, e.at)
        for e in ChainEvent.objects.filter(evaluation=evaluation).order_by("seq")
    ]


def _history_break(form_id: int, snapshot: Snapshot) -> Break | None:
    """The simple-history row written by the step must still say what was sealed."""
    history_id = snapshot.details.get("history_id")
    if history_id is None:
        return None
    row = Evaluation.history.filter(history_id=history_id).first()  # type: ignore[attr-defined]
    if row is None:
        return Break(form_id, snapshot.seq, "修改记录", f"修改记录 {history_id} 已被删除")
    if row.status != snapshot.status:
        return Break(
            form_id,
            snapshot.seq,
            "修改记录",
            f"修改记录 {history_id} 的状态为“{row.status}”，封存时为“{snapshot.status}”",
        )
    changes = diff_forms(dict(snapshot.form), row.data)
    if changes:
        return Break(
            form_id,
            snapshot.seq,
            "修改记录",
            f"修改记录 {history_id} 的“{changes[0].label}”与封存的快照不同",
        )
    return None


def _content_break(evaluation: Evaluation, last: Snapshot) -> Break | None:
    """A form that is not editable must be exactly what its last event sealed."""
    if is_editable(Status(evaluation.status)):
        return None
    if evaluation.status != last.status:
        return Break(
            evaluation.pk,
            last.seq,
            "状态",
            f"当前状态“{evaluation.get_status_display()}”不是最后封存的状态",
        )
    if canonical_json(evaluation.data) == canonical_json(dict(last.form)):
        return None
    changes = diff_forms(dict(last.form), evaluation.data)
    label = changes[0].label if changes else "表单内容"
    detail = ""
    if changes:
        detail = f"（封存时为“{changes[0].before or '空'}”，现为“{changes[0].after or '空'}”）"
    return Break(evaluation.pk, last.seq, f"当前内容“{label}”", f"与最后封存的快照不同{detail}")


def _file_hashes(evaluation: Evaluation, report: Report) -> dict[int, str | None]:
    hashes: dict[int, str | None] = {}
    for item in Evidence.objects.filter(evaluation=evaluation):
        hashes[item.pk] = stored_sha256(item.storage_key)
        report.files += 1
    return hashes


def _evidence_rows_break(evaluation: Evaluation, snapshots: list[Snapshot]) -> Break | None:
    rows = {e.pk: e for e in Evidence.objects.filter(evaluation=evaluation)}
    for snapshot in snapshots:
        for ref in snapshot.evidence:
            row = rows.get(ref.id)
            if row is None:
                return Break(evaluation.pk, snapshot.seq, f"佐证材料“{ref.name}”", "记录已被删除")
            if row.sha256 != ref.sha256:
                return Break(
                    evaluation.pk, snapshot.seq, f"佐证材料“{ref.name}”", "记录的哈希被改动"
                )
    return None


def _unsealed_files_break(evaluation: Evaluation, hashes: dict[int, str | None]) -> Break | None:
    """Every stored evidence file, sealed or not yet, must hash to what its upload recorded."""
    for item in Evidence.objects.filter(evaluation=evaluation).order_by("pk"):
        if hashes.get(item.pk) != item.sha256:
            problem = (
                "文件已不存在" if hashes.get(item.pk) is None else "文件内容与上传时记录的哈希不符"
            )
            return Break(evaluation.pk, None, f"佐证材料“{item.name}”", problem)
    return None


def _documents_break(evaluation: Evaluation, report: Report) -> Break | None:
    for document in SealedDocument.objects.filter(event__evaluation=evaluation).select_related(
        "event"
    ):
        report.files += 1
        if stored_sha256(document.storage_key) != document.sha256:
            return Break(
                evaluation.pk, document.event.seq, "签名 PDF", "文件已不存在或内容与封存时不符"
            )
    return None


def verify_form(evaluation: Evaluation, report: Report) -> Break | None:
    links = _links(evaluation)
    report.forms += 1
    report.events += len(links)
    broken, snapshots = verify_chain(evaluation.pk, links)
    if broken is not None:
        return broken
    hashes = _file_hashes(evaluation, report)
    for snapshot in snapshots:
        found = _history_break(evaluation.pk, snapshot) or evidence_break(
            evaluation.pk, snapshot.seq, snapshot.evidence, hashes
        )
        if found is not None:
            return found
    found = (
        _evidence_rows_break(evaluation, snapshots)
        or _unsealed_files_break(evaluation, hashes)
        or _documents_break(evaluation, report)
    )
    if found is not None:
        return found
    if snapshots:
        found = _content_break(evaluation, snapshots[-1])
        if found is not None:
            return found
    elif not is_editable(Status(evaluation.status)):
        return Break(evaluation.pk, None, "封存事件", "表单已提交，却没有任何封存事件")
    report.verified_hashes.update(link.stored_hash for link in links)
    return None


def _anchors_break(report: Report) -> Break | None:
    known = set(ChainEvent.objects.values_list("hash", flat=True))
    previous = "0" * 64
    for anchor in DailyAnchor.objects.order_by("day"):
        payload = json.loads(anchor.payload)
        heads = {int(form_id): digest for form_id, digest in payload.get("heads", [])}
        day = str(payload.get("day"))
        if (
            anchor.previous_hash != previous
            or payload.get("previous_hash") != previous
            or day != anchor.day.isoformat()
            or anchor_hash(day, heads, previous) != anchor.hash
        ):
            return Break(0, None, f"每日锚点 {anchor.day}", "锚点内容与其哈希或前一锚点不符")
        for form_id, digest in heads.items():
            if digest not in known:
                return Break(
                    form_id, None, f"每日锚点 {anchor.day}", "锚点记录的链头已不在该表单的链中"
                )
        previous = anchor.hash
    return None


def _monitoring_files_break(
    report: Report, records: QuerySet[MonitoringRecord] | None = None
) -> Break | None:
    """Evidence of monitoring months is not sealed (monitoring has no workflow events), but
    every stored file (of ``records``, else of all), replaced or removed ones too, must still
    hash to what its upload recorded."""
    items = MonitoringEvidence.objects.select_related("record").order_by("pk")
    if records is not None:
        items = items.filter(record__in=records)
    for item in items:
        report.files += 1
        found = stored_sha256(item.storage_key)
        if found != item.sha256:
            problem = "文件已不存在" if found is None else "文件内容与上传时记录的哈希不符"
            return Break(0, None, f"运行监控表“{item.record}”的佐证材料“{item.name}”", problem)
    return None


def verify_records(*, form_id: int | None = None) -> Report:
    report = Report()
    forms = Evaluation.objects.order_by("pk")
    if form_id is not None:
        forms = forms.filter(pk=form_id)
    for evaluation in forms.select_related("organisation"):
        broken = verify_form(evaluation, report)
        if form_id is not None and broken is None:
            # One form: the monitoring months its evidence package carries are checked too.
            broken = _monitoring_files_break(report, monitoring_records_of(evaluation))
        if broken is not None:
            report.breaks.append(broken)
    if form_id is None:
        for check in (_anchors_break, _monitoring_files_break):
            broken = check(report)
            if broken is not None:
                report.breaks.append(broken)
    return report


def form_verification(evaluation: Evaluation) -> tuple[Break | None, set[int]]:
    """The form's first break (None when intact) and the sequence numbers of its events that
    verify: all of them when intact, those before the broken one otherwise."""
    report = Report()
    broken = verify_form(evaluation, report)
    seqs = set(ChainEvent.objects.filter(evaluation=evaluation).values_list("seq", flat=True))
    if broken is None:
        return None, seqs
    limit = broken.seq if broken.seq is not None else 0
    return broken, {seq for seq in seqs if seq < limit}
