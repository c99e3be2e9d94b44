"""Targets pages: list, create, the editor with its live quality check, the workflow steps and
the year-end hand-off. Thin views: fetch through the access helper, call one service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.core.access import Act, Kind
from jixiao.core.workflow import Action, allowed_actions
from jixiao.web.documents.services import VersionConflict
from jixiao.web.evaluations.access import AuthenticatedHttpRequest
from jixiao.web.indicators.selectors import picker_for
from jixiao.web.organisations.access import (
    object_for,
    organisation_for,
    organisations_visible_to,
    permits,
    roles_at,
)
from jixiao.web.targets.editing import (
    LEVEL1_CHOICES,
    NATURE_CHOICES,
    apply_edit,
    page_for,
    read_post,
)
from jixiao.web.targets.models import TargetSet
from jixiao.web.targets.selectors import last_year_actuals, rules_for, target_sets_visible_to
from jixiao.web.targets.services import (
    TargetsError,
    targets_approve,
    targets_create,
    targets_return,
    targets_save_draft,
    targets_submit,
)

KIND = Kind.TARGETS


@login_required
@require_GET
def targets_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    creatable = [
        o
        for o in organisations_visible_to(request.user, KIND)
        if permits(request.user, o, KIND, Act.EDIT)
    ]
    return render(
        request,
        "targets/list.html",
        {"target_sets": target_sets_visible_to(request.user), "creatable": creatable},
    )


@login_required
@require_POST
def targets_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisation = organisation_for(
        request.user, request.POST.get("organisation"), KIND, Act.CREATE
    )
    try:
        year = int(request.POST.get("year", ""))
        if not 2000 <= year <= 2100:
            raise ValueError
    except ValueError:
        messages.error(request, "请填写正确的年度，如 2023。")
        return redirect("targets:list")
    try:
        target_set = targets_create(organisation=organisation, year=year, user=request.user)
    except TargetsError as exc:
        messages.error(request, exc.message)
        return redirect("targets:list")
    return redirect("targets:edit", target_set.pk)


def _context(request: AuthenticatedHttpRequest, target_set: TargetSet, page, version: int) -> dict:
    user = request.user
    organisation = target_set.organisation
    # The steps the workflow table allows now, each by a role the policy grants for targets.
    steps = [
        action
        for action in allowed_actions(
            target_set.core_status, roles_at(user, organisation, KIND), KIND
        )
        if permits(user, organisation, KIND, Act(action.value))
    ]
    return {
        "target_set": target_set,
        "page": page,
        "version": version,
        "editable": Action.EDIT in steps,
        "can_submit": Action.SUBMIT in steps,
        "can_review": Action.DEPT_APPROVE in steps,
        "can_handoff": permits(user, organisation, KIND, Act.EDIT),
        "nature_choices": NATURE_CHOICES,
        "level1_choices": LEVEL1_CHOICES,
        # The 二级指标 the layout fixes (rule-set data), in the order of their 一级指标.
        "level2_choices": [
            two
            for category in rules_for(organisation, target_set.year).indicator_categories
            for two in category.level2
        ],
        "history": target_set.history.select_related("history_user").order_by("-history_date")[:20],
        "library": picker_for(organisation, target_set.year),
    }


@login_required
def targets_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    target_set = object_for(TargetSet, request.user, pk, KIND)
    last_year = last_year_actuals(target_set.organisation, target_set.year)
    rules = rules_for(target_set.organisation, target_set.year)
    if request.method != "POST":
        page = page_for(dict(target_set.data), last_year, rules=rules)
        return render(
            request, "targets/edit.html", _context(request, target_set, page, target_set.version)
        )
    target_set = object_for(TargetSet, request.user, pk, KIND, Act.EDIT)
    # The page shows what was typed (``typed``), a refused value included, not what was read.
    data, errors, typed = read_post(request.POST, target_set.data)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1  # never a stored version: the save is refused as a conflict
    op = request.POST.get("op", "")
    if op:
        problem = apply_edit(data, op)
        apply_edit(typed, op)
        page = page_for(data, last_year, errors, problem, rules, typed)
        return render(request, "targets/edit.html", _context(request, target_set, page, version))
    problem = "有填写错误，请按提示修改后再保存。" if errors else ""
    if not errors:
        try:
            targets_save_draft(
                target_set=target_set, data=data, expected_version=version, user=request.user
            )
        except (VersionConflict, TargetsError) as exc:
            problem = exc.message
        else:
            messages.success(request, "绩效目标已保存。")
            return redirect("targets:edit", pk)
    page = page_for(data, last_year, errors, problem, rules, typed)
    response = render(request, "targets/edit.html", _context(request, target_set, page, version))
    response.status_code = 409 if "版本" in problem else 400
    return response


@login_required
@require_POST
def targets_check(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The live quality check: the page as typed in, the findings partial out (htmx)."""
    target_set = object_for(TargetSet, request.user, pk, KIND)
    data, errors, raw = read_post(request.POST, target_set.data)
    organisation, year = target_set.organisation, target_set.year
    last_year, rules = last_year_actuals(organisation, year), rules_for(organisation, year)
    page = page_for(data, last_year, errors, rules=rules, typed=raw)
    return render(request, "targets/_check.html", {"page": page, "oob": True})


_STEPS = {"submit": "提交", "approve": "审核通过", "return": "退回"}


@login_required
@require_POST
def targets_transition(request: AuthenticatedHttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in _STEPS:
        return HttpResponse(status=404)
    need = {"submit": Act.SUBMIT, "approve": Act.DEPT_APPROVE, "return": Act.DEPT_RETURN}[step]
    target_set = object_for(TargetSet, request.user, pk, KIND, need)
    comment = request.POST.get("comment", "")
    try:
        if step == "submit":
            targets_submit(target_set=target_set, user=request.user)
        elif step == "approve":
            targets_approve(target_set=target_set, user=request.user, comment=comment)
        else:
            targets_return(target_set=target_set, user=request.user, comment=comment)
    except TargetsError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已{_STEPS[step]}。")
    return redirect("targets:edit", pk)
