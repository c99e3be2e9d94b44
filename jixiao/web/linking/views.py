"""Cross-year linking pages: suggestions to confirm, confirmed links, indicator trends."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.core.access import Kind
from jixiao.core.indicators import parse_value
from jixiao.core.workflow import WorkflowError
from jixiao.web.evaluations.access import AuthenticatedHttpRequest
from jixiao.web.linking import selectors, services
from jixiao.web.linking.models import ItemLink
from jixiao.web.organisations.access import organisation_for


@login_required
@require_GET
def linking_overview(request: AuthenticatedHttpRequest, org: int) -> HttpResponse:
    organisation = organisation_for(request.user, org, Kind.LINK)
    forms = selectors.forms_by_year(organisation)
    links = selectors.links_of(organisation)
    latest = max(forms) if forms else None
    indicators = selectors.names_of(forms[latest], ItemLink.Kind.INDICATOR) if latest else []
    return render(
        request,
        "linking/overview.html",
        {
            "organisation": organisation,
            "years": list(forms),
            "latest": latest,
            "indicators": indicators,
            "links": links,
            "suggestions": selectors.suggestions_for(organisation, forms, links),
            "may_link": services.may_link(request.user, organisation),
        },
    )


@login_required
@require_POST
def linking_confirm(request: AuthenticatedHttpRequest, org: int) -> HttpResponse:
    organisation = organisation_for(request.user, org, Kind.LINK)
    post = request.POST
    try:
        services.link_confirm(
            organisation=organisation,
            user=request.user,
            kind=post.get("kind", ""),
            earlier_year=int(post.get("earlier_year", "0") or 0),
            earlier_name=post.get("earlier_name", ""),
            later_year=int(post.get("later_year", "0") or 0),
            later_name=post.get("later_name", ""),
        )
    except (WorkflowError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", "关联信息不完整"))
    else:
        messages.success(request, "已确认关联。")
    return redirect("linking:overview", org=organisation.pk)


@login_required
@require_POST
def linking_remove(request: AuthenticatedHttpRequest, org: int, pk: int) -> HttpResponse:
    organisation = organisation_for(request.user, org, Kind.LINK)
    link = ItemLink.objects.filter(organisation=organisation, pk=pk).first()
    if link is None:
        raise Http404("没有找到该关联")
    services.link_remove(link=link, user=request.user)
    messages.success(request, "已取消关联。")
    return redirect("linking:overview", org=organisation.pk)


@login_required
@require_GET
def indicator_trend(request: AuthenticatedHttpRequest, org: int) -> HttpResponse:
    organisation = organisation_for(request.user, org, Kind.LINK)
    forms = selectors.forms_by_year(organisation)
    name = request.GET.get("name", "")
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() else (max(forms) if forms else 0)
    points = selectors.indicator_trend(organisation, name, year, forms)
    if not points:
        raise Http404("没有找到该指标")
    units = {p.name for p in points}
    chart = {
        "indicator": {
            "name": name,
            "years": [str(p.year) for p in points],
            "values": [None if p.number is None else format(p.number, "f") for p in points],
            "unit": parse_unit(points),
        }
    }
    return render(
        request,
        "linking/trend.html",
        {
            "organisation": organisation,
            "name": name,
            "points": points,
            "renamed": len(units) > 1,
            "chart_data": chart,
        },
    )


def parse_unit(points: list[selectors.TrendPoint]) -> str:
    units = {parse_value(p.actual).unit for p in points if p.number is not None}
    return units.pop() if len(units) == 1 else ""
