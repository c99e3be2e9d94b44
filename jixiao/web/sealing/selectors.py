"""Reads over the sealed snapshots: what a submission changed in the evidence, and which
evidence the publication made public."""

from __future__ import annotations

from jixiao.core.audit import EvidenceRef, snapshot_from_text
from jixiao.core.workflow import Status
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evidence.models import Evidence
from jixiao.web.evidence.selectors import (
    EvidenceChange,
    current_evidence,
    is_under_review,
    row_label,
)
from jixiao.web.sealing.models import ChainEvent


def evidence_changes_since_submission(evaluation: Evaluation) -> list[EvidenceChange]:
    """Evidence added, removed or replaced: for a reviewer, by the latest submission compared
    with the one before; for the unit editing a returned form, since its last submission. Read
    from the sealed snapshots of the submissions."""
    submits = list(
        ChainEvent.objects.filter(evaluation=evaluation, kind="submit").order_by("-seq")[:2]
    )
    if is_under_review(evaluation):
        if len(submits) < 2:
            return []
        before = snapshot_from_text(submits[1].snapshot).evidence
        after = snapshot_from_text(submits[0].snapshot).evidence
    else:
        if not submits:
            return []
        before = snapshot_from_text(submits[0].snapshot).evidence
        after = tuple(_ref_of(item) for item in current_evidence(evaluation))
    return _compare(evaluation, before, after)


def _compare(
    evaluation: Evaluation,
    before_refs: tuple[EvidenceRef, ...],
    after_refs: tuple[EvidenceRef, ...],
) -> list[EvidenceChange]:
    before = {ref.id: ref for ref in before_refs}
    after = {ref.id: ref for ref in after_refs}
    replaces = dict(Evidence.objects.filter(evaluation=evaluation).values_list("pk", "replaces_id"))
    changes: list[EvidenceChange] = []
    replaced: set[int] = set()
    for ref_id, ref in after.items():
        if ref_id in before:
            continue
        old = replaces.get(ref_id)
        while old is not None and old not in before:
            old = replaces.get(old)
        row = row_label(evaluation, ref.anchor)
        if old is not None:
            replaced.add(old)
            changes.append(EvidenceChange("替换", row, f"{before[old].name} → {ref.name}"))
        else:
            changes.append(EvidenceChange("新增", row, ref.name))
    changes.extend(
        EvidenceChange("删除", row_label(evaluation, ref.anchor), ref.name)
        for ref_id, ref in before.items()
        if ref_id not in after and ref_id not in replaced
    )
    return changes


def _ref_of(item: Evidence) -> EvidenceRef:
    return EvidenceRef(item.pk, item.name, item.sha256, item.size, item.anchor_path, item.public)


def public_evidence(evaluation: Evaluation) -> list[Evidence]:
    """The evidence the public portal shows: the files marked public in the snapshot sealed when
    the form was (last) published, and only while it is published."""
    if evaluation.core_status is not Status.PUBLISHED:
        return []
    publish = (
        ChainEvent.objects.filter(evaluation=evaluation, kind="publish").order_by("-seq").first()
    )
    if publish is None:
        return []
    sealed = {
        ref.id: ref.sha256 for ref in snapshot_from_text(publish.snapshot).evidence if ref.public
    }
    return [
        item
        for item in Evidence.objects.filter(evaluation=evaluation, pk__in=sealed)
        if item.sha256 == sealed[item.pk]
    ]
