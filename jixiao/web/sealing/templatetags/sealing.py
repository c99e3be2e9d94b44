"""``{% sealed_chain evaluation %}``: the form's hash chain with a mark per verified event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django import template
from django.conf import settings

from jixiao.core.audit import EVENT_LABELS, EventKind
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evidence.selectors import EvidenceEvent, evidence_events
from jixiao.web.sealing.models import ChainEvent
from jixiao.web.sealing.verification import form_verification

register = template.Library()


@dataclass(frozen=True)
class ChainRow:
    seq: int
    label: str
    actor: str
    at: datetime
    status: str
    hash: str
    verified: bool


@register.inclusion_tag("sealing/_chain.html")
def sealed_chain(evaluation: Evaluation) -> dict[str, Any]:
    broken, verified = form_verification(evaluation)
    statuses = dict(Evaluation.Status.choices)
    rows = [
        ChainRow(
            seq=event.seq,
            label=EVENT_LABELS.get(EventKind(event.kind), event.kind),
            actor=event.actor,
            at=datetime.fromisoformat(event.at),
            status=statuses.get(event.status, event.status),
            hash=event.hash,
            verified=event.seq in verified,
        )
        for event in ChainEvent.objects.filter(evaluation=evaluation).order_by("-seq")
    ]
    evidence: list[EvidenceEvent] = evidence_events(evaluation)
    return {"rows": rows, "broken": broken, "evidence_events": evidence}


@register.simple_tag
def signing_available(evaluation: Evaluation) -> bool:
    """Whether a signed PDF can be offered: one was sealed at publication, or a certificate is
    configured to sign on request."""
    from jixiao.web.sealing.models import SealedDocument

    if SealedDocument.objects.filter(event__evaluation=evaluation).exists():
        return True
    return bool(settings.SIGNING_PKCS12)
