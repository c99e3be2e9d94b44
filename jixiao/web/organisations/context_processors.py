"""The menu: only the links the person may use, by the access policy."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from jixiao.core.access import Act, Kind
from jixiao.web.organisations.access import uses


@dataclass(frozen=True)
class NavLink:
    key: str
    label: str
    url_name: str
    kind: Kind
    act: Act = Act.VIEW


NAV: tuple[NavLink, ...] = (
    NavLink("evaluations", "自评表", "evaluations:list", Kind.EVALUATION),
    NavLink("queue", "待我处理", "evaluations:queue", Kind.EVALUATION),
    # The import page stores into forms the person fills in.
    NavLink("import", "导入", "evaluations:import", Kind.EVALUATION, Act.EDIT),
    # Self-evaluation tasks (自评任务) concern everyone who sees forms.
    NavLink("season", "自评任务", "season:list", Kind.EVALUATION),
    NavLink("targets", "绩效目标", "targets:list", Kind.TARGETS),
    NavLink("monitoring", "运行监控", "monitoring:warnings", Kind.MONITORING),
    NavLink("consolidation", "部门汇总", "consolidation:index", Kind.CONSOLIDATION),
    NavLink("dashboards", "统计分析", "dashboards:home", Kind.DASHBOARD),
)


def nav(request: HttpRequest) -> dict[str, list[NavLink]]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    return {"nav": [link for link in NAV if uses(user, link.kind, link.act)]}
