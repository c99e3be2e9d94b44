"""``{% evidence_panel evaluation %}``: the evidence list per row, on the editor and the review
screen. A thin wrapper around :func:`jixiao.web.evidence.selectors.evidence_panel`."""

from __future__ import annotations

from typing import Any

from django import template

from jixiao.core.workflow import Action
from jixiao.web.evaluations.access import may, roles_at
from jixiao.web.evidence.selectors import evidence_panel as build_panel
from jixiao.web.evidence.selectors import public_evidence

register = template.Library()


@register.inclusion_tag("evidence/_panel.html", takes_context=True)
def evidence_panel(context: dict[str, Any], evaluation: Any) -> dict[str, Any]:
    request = context["request"]
    may_edit = may(roles_at(request.user, evaluation.organisation), Action.EDIT)
    return {
        "evaluation": evaluation,
        "panel": build_panel(evaluation, editable=may_edit),
        "csrf_token": context.get("csrf_token"),
        "next": request.get_full_path(),
    }


@register.inclusion_tag("evidence/_public.html")
def public_evidence_list(evaluation: Any) -> dict[str, Any]:
    return {"evaluation": evaluation, "items": public_evidence(evaluation)}
