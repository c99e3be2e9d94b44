"""``{% monitoring_evidence_panel record %}``: the evidence of each month of a 运行监控 record,
with upload, replace and preview for those the access policy lets edit the record."""

from __future__ import annotations

from typing import Any

from django import template

from jixiao.core.access import Act, Kind
from jixiao.web.evidence.selectors import monitoring_evidence_panel as build_panel
from jixiao.web.monitoring.models import MonitoringRecord
from jixiao.web.organisations.access import roles_at
from jixiao.web.organisations.years import closed_for

register = template.Library()


@register.inclusion_tag("evidence/_monitoring_panel.html", takes_context=True)
def monitoring_evidence_panel(context: dict[str, Any], record: MonitoringRecord) -> dict[str, Any]:
    user = context["request"].user
    roles = roles_at(user, record.organisation, Kind.MONITORING, Act.EDIT)
    editable = bool(roles) and not closed_for(record.year, roles)
    return {
        "record": record,
        "panel": build_panel(record, editable),
        "csrf_token": context.get("csrf_token"),
    }
