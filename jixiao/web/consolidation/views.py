"""汇总 pages: the departments a person may consolidate, each department's completeness, the
preview of its consolidated form with the difference a rebuild makes, and the guarded steps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.core.access import Kind
from jixiao.core.aggregation import NOT_FILED_LABEL
from jixiao.core.workflow import Action, WorkflowError
from jixiao.web.consolidation import selectors, services
from jixiao.web.evaluations.access import AuthenticatedHttpRequest, actions_available
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.organisations.access import organisation_for, reach_filter
from jixiao.web.organisations.models import FiscalYear, Organisation

KIND = Kind.CONSOLIDATION


def _default_year() -> int | None:
    return FiscalYear.objects.order_by("-year").values_list("year", flat=True).first()


@login_required
@require_GET
def consolidation_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    reached = Organisation.objects.filter(kind=Organisation.Kind.DEPARTMENT)
    condition = reach_filter(request.user, KIND)
    if condition is not None:
        reached = reached.filter(condition)
    listing = selectors.overview(reached, request.GET, _default_year())
    return render(
        request,
        "consolidation/index.html",
        {
            "listing": listing,
            "statuses": [(selectors.NOT_FILED, NOT_FILED_LABEL), *Evaluation.Status.choices],
            "sorts": [(key, label) for key, (label, _) in selectors.OVERVIEW_SORTS.items()],
            "years": FiscalYear.objects.order_by("-year").values_list("year", flat=True),
        },
    )


@login_required
@require_GET
def consolidation_overview(request: AuthenticatedHttpRequest, org: int, year: int) -> HttpResponse:
    department = organisation_for(request.user, org, KIND)
    state = selectors.completeness_of(department, year)
    may_build = services.may_build(request.user, department)
    preview = selectors.consolidation_preview(department, year) if may_build else None
    evaluation = preview.evaluation if preview else selectors.department_form(department, year)
    actions = actions_available(request.user, evaluation) if evaluation else []
    consolidated = evaluation is not None and selectors.is_consolidated(evaluation)
    headers, contribution_rows = preview.contribution_table() if preview else ([], [])
    return render(
        request,
        "consolidation/overview.html",
        {
            "department": department,
            "year": year,
            "state": state,
            "preview": preview,
            "evaluation": evaluation,
            "consolidated": consolidated,
            "may_build": may_build and (evaluation is None or Action.EDIT in actions),
            "can_submit": consolidated and Action.SUBMIT in actions,
            "can_approve": consolidated
            and bool({Action.DEPT_APPROVE, Action.FINANCE_APPROVE} & set(actions)),
            "contribution_headers": headers,
            "contribution_rows": contribution_rows,
        },
    )


@login_required
@require_POST
def consolidation_build(request: AuthenticatedHttpRequest, org: int, year: int) -> HttpResponse:
    department = organisation_for(request.user, org, KIND)
    try:
        services.consolidation_build(
            department=department,
            year=year,
            user=request.user,
            expected_fingerprint=request.POST.get("fingerprint", ""),
        )
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "汇总表已生成，可在编辑页修改各单位的文字说明。")
    return redirect("consolidation:overview", org=department.pk, year=year)


def _step(request: AuthenticatedHttpRequest, org: int, year: int, approve: bool) -> HttpResponse:
    department = organisation_for(request.user, org, KIND)
    evaluation = selectors.department_form(department, year)
    if evaluation is None:
        raise PermissionDenied("还没有汇总表")
    try:
        if approve:
            services.consolidation_approve(
                evaluation=evaluation, user=request.user, comment=request.POST.get("comment", "")
            )
            messages.success(request, "汇总表已审核通过。")
        else:
            services.consolidation_submit(
                evaluation=evaluation,
                user=request.user,
                explanation=request.POST.get("explanation", ""),
            )
            messages.success(request, "汇总表已提交审核。")
    except WorkflowError as exc:
        messages.error(request, exc.message)
    return redirect("consolidation:overview", org=department.pk, year=year)


@login_required
@require_POST
def consolidation_submit(request: AuthenticatedHttpRequest, org: int, year: int) -> HttpResponse:
    return _step(request, org, year, approve=False)


@login_required
@require_POST
def consolidation_approve(request: AuthenticatedHttpRequest, org: int, year: int) -> HttpResponse:
    return _step(request, org, year, approve=True)
