"""The indicator library's pages: the list with search and quality findings; for the bureau's
finance administrators, adding, importing a spreadsheet and retiring."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.core.model.project import IndicatorNature
from jixiao.core.rulesets import load_ruleset
from jixiao.web.evaluations.access import AuthenticatedHttpRequest
from jixiao.web.evaluations.exports import attachment_header
from jixiao.web.indicators import selectors, services
from jixiao.web.indicators.models import LibraryIndicator
from jixiao.web.organisations.models import Organisation

MAX_UPLOAD = 5 * 1024 * 1024


def _keeper(request: AuthenticatedHttpRequest) -> Organisation:
    libraries = selectors.libraries_of(request.user)
    if not libraries:
        raise Http404("您所在的单位没有可查看的指标库")
    wanted = request.GET.get("keeper") or request.POST.get("keeper") or ""
    return next((b for b in libraries if str(b.pk) == wanted), libraries[0])


def _page(
    request: AuthenticatedHttpRequest,
    keeper: Organisation,
    *,
    typed: dict[str, str] | None = None,
    problem: str = "",
    report: services.ImportReport | None = None,
    status: int = 200,
) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    retired = request.GET.get("retired") == "1"
    entries = selectors.entries_of(keeper, query, retired=retired)
    return render(
        request,
        "indicators/library.html",
        {
            "keeper": keeper,
            "libraries": selectors.libraries_of(request.user),
            "entries": selectors.with_findings(entries),
            "query": query,
            "retired": retired,
            "may_keep": selectors.may_keep(request.user, keeper),
            "categories": load_ruleset().indicator_categories,
            "kinds": LibraryIndicator.Kind.choices,
            "natures": [n.value for n in IndicatorNature],
            "typed": typed or {},
            "problem": problem,
            "report": report,
        },
        status=status,
    )


@login_required
@require_GET
def library_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _page(request, _keeper(request))


def _kept(request: AuthenticatedHttpRequest) -> Organisation:
    keeper = _keeper(request)
    if not selectors.may_keep(request.user, keeper):
        raise Http404("只有财政局管理员可以维护指标库")
    return keeper


def _back(keeper: Organisation) -> HttpResponse:
    return redirect(f"{reverse('indicators:list')}?keeper={keeper.pk}")


@login_required
@require_POST
def library_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    keeper = _kept(request)
    row = {c: request.POST.get(c, "") for c in services.COLUMNS}
    try:
        entry = services.library_add(keeper=keeper, user=request.user, row=row)
    except services.LibraryError as error:
        return _page(request, keeper, typed=row, problem=f"未加入：{error}。", status=400)
    messages.success(request, f"已加入指标库：{entry}")
    return _back(keeper)


@login_required
@require_http_methods(["POST"])
def library_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    keeper = _kept(request)
    upload = request.FILES.get("file")
    if upload is None:
        return _page(request, keeper, problem="请选择要导入的 Excel 文件。", status=400)
    if upload.size is not None and upload.size > MAX_UPLOAD:
        return _page(request, keeper, problem="文件超过5 MB，请分批导入。", status=400)
    try:
        report = services.library_import(keeper=keeper, user=request.user, content=upload.read())
    except services.LibraryError as error:
        return _page(request, keeper, problem=str(error), status=400)
    return _page(request, keeper, report=report)


@login_required
@require_POST
def library_retire(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    keeper = _kept(request)
    entry = get_object_or_404(LibraryIndicator, pk=pk, keeper=keeper)
    services.library_retire(entry=entry, user=request.user)
    messages.success(request, f"已停用：{entry}（已使用它的表单不受影响）")
    return _back(keeper)


@login_required
@require_GET
def library_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    response = HttpResponse(
        services.template_bytes(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = attachment_header("指标库导入模板.xlsx")
    return response
