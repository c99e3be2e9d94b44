"""Tags of the sealed record: ``{% sealed_chain evaluation %}`` (the form's hash chain with a mark
per verified event), ``{% evidence_panel evaluation %}`` (the evidence list per row, with what
the last submission changed) and ``{% public_evidence_list evaluation %}`` (the portal's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django import template
from django.conf import settings

from jixiao.core.audit import EVENT_LABELS, EventKind
from jixiao.core.workflow import Action
from jixiao.web.evaluations.access import may, roles_at
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evidence.selectors import EvidenceEvent, evidence_events
from jixiao.web.evidence.selectors import evidence_panel as build_panel
from jixiao.web.sealing.models import ChainEvent
from jixiao.web.sealing.selectors import evidence_changes_since_submission, public_evidence
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


@register.inclusion_tag("evidence/_panel.html", takes_context=True)
def evidence_panel(context: dict[str, Any], evaluation: Evaluation) -> dict[str, Any]:
    request = context["request"]
    may_edit = may(roles_at(request.user, evaluation.organisation), Action.EDIT)
    changes = evidence_changes_since_submission(evaluation)
    return {
        "evaluation": evaluation,
        "panel": build_panel(evaluation, editable=may_edit, changes=changes),
        "csrf_token": context.get("csrf_token"),
        "next": request.get_full_path(),
    }


@register.inclusion_tag("evidence/_public.html")
def public_evidence_list(evaluation: Evaluation) -> dict[str, Any]:
    return {"evaluation": evaluation, "items": public_evidence(evaluation)}
