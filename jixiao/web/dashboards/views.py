"""Dashboards: the finance bureau's and each department's, for a year and a subtree."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from jixiao.formats.exporters.cells import safe_rows
from jixiao.web.dashboards.scope import (
    home_organisation,
    may_see,
    organisation_for,
    sees_all_monitoring,
    top_organisations,
)
from jixiao.web.dashboards.selectors import (
    Dashboard,
    WarningsTile,
    dashboard_for,
    warnings_tile,
)
from jixiao.web.evaluations.exports import attachment_header
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.monitoring.selectors import records_visible_to
from jixiao.web.organisations.access import AuthenticatedHttpRequest, User
from jixiao.web.organisations.models import Organisation


def _year(request: HttpRequest) -> int | None:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() else None


@login_required
@require_GET
def dashboard_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The widest organisation the person reaches, or the one picked (``org``) in the
    top-level selector, for the year picked."""
    home: Organisation | None
    if request.GET.get("org"):
        home = organisation_for(request.user, request.GET["org"])
    else:
        home = home_organisation(request.user)
    if home is None:
        raise Http404("您没有可查看的统计范围")
    url = reverse("dashboards:show", kwargs={"org": home.pk})
    year = _year(request)
    return redirect(f"{url}?year={year}" if year else url)


@login_required
@require_GET
def dashboard_show(request: AuthenticatedHttpRequest, org: int) -> HttpResponse:
    root = organisation_for(request.user, org)
    dashboard = dashboard_for(root, _year(request))
    subtrees = list(root.children.order_by("path"))
    tops = top_organisations(request.user)
    drill = _drill_links(root, subtrees, dashboard.year, list(dashboard.years))
    return render(
        request,
        "dashboards/show.html",
        {
            "dashboard": dashboard,
            "subtrees": subtrees,
            # The selector of top-level organisations, when the person reaches several.
            "tops": tops if len(tops) > 1 else [],
            "top": next((t for t in tops if t.contains(root)), None),
            "parent": root.parent if root.parent and may_see(request.user, root.parent) else None,
            "chart_data": {c.key: c.data for c in dashboard.charts},
            "drill": drill,
            "warnings": _warnings(request.user, root, dashboard),
            # Each ranked organisation with the list of its forms (the row's link).
            "ranking": [(r, drill["orgs"].get(r.label, drill["all"])) for r in dashboard.ranking],
        },
    )


def _warnings(user: User, root: Organisation, dashboard: Dashboard) -> WarningsTile | None:
    """The 运行监控预警 tile: kept with the charts for a person who sees all of the subtree's
    monitoring (it counts every record, thousands in a province), counted over what they see
    for anyone else (both by the lights stored at each record's save)."""
    if sees_all_monitoring(user, root):
        return dashboard.warnings
    return warnings_tile(records_visible_to(user).filter(organisation__path__startswith=root.path))


def _drill_links(
    root: Organisation, children: list[Organisation], year: int | None, years: list[int]
) -> dict[str, Any]:
    """Where a click on a chart element leads: the list of the forms behind it, narrowed by
    the list's own filters (``department``, ``year``, ``status``, ``form_type``, ``grade``).
    Keyed by the names the charts show (an organisation's, a status's, a grade's)."""
    forms = reverse("evaluations:list")
    project = f"&form_type={Evaluation.FormType.PROJECT.value}"
    overall = f"&form_type={Evaluation.FormType.DEPARTMENT.value}"

    def forms_of(org: Organisation, extra: str = "", of_year: int | None = year) -> str:
        return f"{forms}?department={org.pk}" + (f"&year={of_year}" if of_year else "") + extra

    orgs = [*children, root]
    return {
        "all": forms_of(root),
        "orgs": {org.name: forms_of(org) for org in orgs},
        # The 填报进度 ring counts 部门整体支出 forms by status.
        "statuses": {
            str(label): forms_of(root, f"&status={value}{overall}")
            for value, label in Evaluation.Status.choices
        },
        # The score chart: project forms, a grade's slice to the forms of that grade.
        "projects": forms_of(root, project),
        "grades": {g: forms_of(root, f"&grade={g}{project}") for g in ("优", "良", "中", "差")},
        # The year-over-year lines: an organisation's point to its forms of that year.
        "trend": {org.name: {str(y): forms_of(org, of_year=y) for y in years} for org in orgs},
    }


@login_required
@require_GET
def dashboard_csv(request: AuthenticatedHttpRequest, org: int, chart: str) -> HttpResponse:
    root = organisation_for(request.user, org)
    dashboard = dashboard_for(root, _year(request))
    found = dashboard.chart(chart)
    if found is None:
        raise Http404("没有该图表")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(safe_rows([found.columns, *found.rows]))
    response = HttpResponse(
        buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
    )
    name = f"{root.name}-{dashboard.year or ''}-{found.title}.csv"
    response["Content-Disposition"] = attachment_header(name)
    return response
