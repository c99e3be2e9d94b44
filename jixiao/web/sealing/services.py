"""Writes of sealed records: a chain event at each workflow step, the daily anchor, and the
signed PDF of a published form.

:func:`seal_transition` is registered with the evaluation services and runs inside the step's
transaction, after the form is saved in its new status; the form's row lock orders the events of
one form. Other steps (withdraw, bureau score) call :func:`chain_append` the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from jixiao.core.audit import (
    GENESIS_HASH,
    EventKind,
    EvidenceRef,
    Snapshot,
    anchor_hash,
    anchor_payload,
    canonical_json,
    snapshot_hash,
    snapshot_text,
)
from jixiao.core.workflow import Action, WorkflowError
from jixiao.formats.signing import SigningUnavailable
from jixiao.web.evaluations.access import Account
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evidence.models import Evidence
from jixiao.web.sealing.models import ChainEvent, DailyAnchor

_KIND_OF_ACTION = {
    Action.SUBMIT: EventKind.SUBMIT,
    Action.DEPT_APPROVE: EventKind.APPROVE,
    Action.FINANCE_APPROVE: EventKind.APPROVE,
    Action.DEPT_RETURN: EventKind.RETURN,
    Action.FINANCE_RETURN: EventKind.RETURN,
    Action.PUBLISH: EventKind.PUBLISH,
}


def _kind_of(action: Action) -> EventKind | None:
    """The event a workflow step seals. Steps added later (withdraw, the bureau's score) are
    recognised by their action's name, so a new action seals without a change here."""
    if action in _KIND_OF_ACTION:
        return _KIND_OF_ACTION[action]
    name = str(action)
    if "withdraw" in name:
        return EventKind.WITHDRAW
    if "score" in name:
        return EventKind.BUREAU_SCORE
    return None


def seal_transition(evaluation: Evaluation, action: Action, user: Account, comment: str) -> None:
    kind = _kind_of(action)
    if kind is None:
        return
    details: dict[str, Any] = {"action": str(action)}
    if comment:
        details["comment"] = comment
    event = chain_append(evaluation=evaluation, kind=kind, user=user, details=details)
    if kind is EventKind.PUBLISH:
        from jixiao.web.sealing.documents import seal_published_pdf

        try:
            seal_published_pdf(event=event)
        except SigningUnavailable as exc:
            raise WorkflowError(f"未能公开：公开的 PDF 无法签名（{exc.message}）") from exc
        except (ValueError, OSError) as exc:  # pyHanko's refusal of a wrong password, I/O
            raise WorkflowError(f"未能公开：公开的 PDF 无法签名（{exc}）") from exc


def _evidence_refs(evaluation: Evaluation) -> list[EvidenceRef]:
    current = Evidence.objects.filter(evaluation=evaluation, superseded_at__isnull=True)
    refs = [
        EvidenceRef(
            id=item.pk,
            name=item.name,
            sha256=item.sha256,
            size=item.size,
            anchor=item.anchor_path,
            public=item.public,
        )
        for item in current
    ]
    current.filter(sealed=False).update(sealed=True)
    return refs


def _history_id(evaluation: Evaluation) -> int | None:
    latest = evaluation.history.order_by("-history_id").first()  # type: ignore[attr-defined]
    return None if latest is None else int(latest.history_id)


@transaction.atomic
def chain_append(
    *,
    evaluation: Evaluation,
    kind: EventKind,
    user: Account | None,
    details: dict[str, Any] | None = None,
) -> ChainEvent:
    """Seal the form as it is now (saved) as the next event of its chain."""
    Evaluation.objects.select_for_update().filter(pk=evaluation.pk).first()
    evaluation.refresh_from_db()
    last = ChainEvent.objects.filter(evaluation=evaluation).order_by("-seq").first()
    previous = GENESIS_HASH if last is None else last.hash
    seq = 1 if last is None else last.seq + 1
    actor = user.get_username() if user is not None else "system"
    at = timezone.now().astimezone(dt.UTC).isoformat(timespec="microseconds")
    sealed_details = {
        "title": evaluation.title,
        "organisation": evaluation.organisation.name,
        "year": evaluation.year,
        "version": evaluation.version,
        "ruleset": evaluation.ruleset_id,
        "history_id": _history_id(evaluation),
        **(details or {}),
    }
    snapshot = Snapshot(
        form_id=evaluation.pk,
        seq=seq,
        kind=kind,
        actor=actor,
        at=at,
        status=evaluation.status,
        form=evaluation.data,
        evidence=tuple(_evidence_refs(evaluation)),
        details=sealed_details,
        previous_hash=previous,
    )
    text = snapshot_text(snapshot)
    return ChainEvent.objects.create(
        evaluation=evaluation,
        seq=seq,
        kind=str(kind),
        actor=actor,
        at=at,
        status=evaluation.status,
        snapshot=text,
        previous_hash=previous,
        hash=snapshot_hash(text),
    )


def chain_heads() -> dict[int, str]:
    heads: dict[int, str] = {}
    for form_id, _seq, digest in ChainEvent.objects.order_by("evaluation_id", "seq").values_list(
        "evaluation_id", "seq", "hash"
    ):
        heads[form_id] = digest
    return heads


@transaction.atomic
def anchor_create(*, day: dt.date | None = None) -> DailyAnchor:
    """The day's anchor over every chain's head. A day has one anchor: once printed it stays
    what was printed, so asking again returns it unchanged."""
    day = day or timezone.localdate()
    existing = DailyAnchor.objects.filter(day=day).first()
    if existing is not None:
        return existing
    last = DailyAnchor.objects.select_for_update().order_by("-day").first()
    previous = GENESIS_HASH if last is None else last.hash
    heads = chain_heads()
    payload = canonical_json(anchor_payload(day.isoformat(), heads, previous))
    return DailyAnchor.objects.create(
        day=day,
        payload=payload,
        previous_hash=previous,
        hash=anchor_hash(day.isoformat(), heads, previous),
    )
