"""Reads of evidence: what a form has, per row, and what a submission still lacks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from jixiao.core.serialization import Form
from jixiao.core.validation import Finding
from jixiao.core.validation.evidence import check_evidence
from jixiao.web.evaluations.analysis import rules_named
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evidence.models import Evidence


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
