"""Thin views of the season: tasks, 填报进度 and its export, 催报, dates, and the batch steps
of the 自评表 list."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.core.access import Act, Kind
from jixiao.core.workflow import WorkflowError
from jixiao.web.evaluations.access import AuthenticatedHttpRequest, memberships_of
from jixiao.web.evaluations.exports import attachment_header
from jixiao.web.organisations.access import permits
from jixiao.web.organisations.models import Organisation
from jixiao.web.season import exports, selectors, services
from jixiao.web.season.forms import DueForm, ReasonDateForm, TaskForm
from jixiao.web.season.models import Task

ROWS_PER_PAGE = 100


def today() -> date:
    return timezone.localdate()


def _issuers(request: AuthenticatedHttpRequest) -> list[Organisation]:
    """Where the user may issue tasks: bureaus where they are finance admin."""
    found = [
        m.organisation
        for m in memberships_of(request.user)
        if m.organisation.kind == Organisation.Kind.FINANCE_BUREAU
        and permits(request.user, m.organisation, Kind.TASK, Act.ISSUE)
    ]
    if not found and request.user.is_superuser:
        found = list(Organisation.objects.filter(kind=Organisation.Kind.FINANCE_BUREAU)[:1])
    return found


@login_required
@require_GET
def task_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    tasks = selectors.tasks_visible_to(request.user)
    return render(
        request,
        "season/task_list.html",
        {"tasks": tasks, "can_issue": bool(_issuers(request))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def task_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    issuers = _issuers(request)
    if not issuers:
        raise PermissionDenied("只有财政局管理员可以下发自评任务")
    issuer = issuers[0]
    form = TaskForm(request.POST or None, request.FILES or None, issuer=issuer)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = services.task_issue(
                issuer=issuer,
                user=request.user,
                year=data["year"],
                title=data["title"],
                form_types=data["form_types"],
                departments=list(data["departments"]),
                unit_due=data["unit_due"],
                department_due=data["department_due"],
                instructions=data["instructions"],
                attachment=data.get("attachment"),
                project_min_budget=data.get("project_min_budget"),
                project_names=data.get("project_names", ""),
                remind_before_days=data["remind_before_days"] or None,
                remind_overdue=data["remind_overdue"],
                ruleset_id=data.get("ruleset_id") or "",
                today=today(),
            )
        except WorkflowError as exc:
            problem = exc.message
        else:
            messages.success(request, f"已下发“{task.title}”，并通知了各部门和单位。")
            return redirect("season:detail", pk=task.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "season/task_new.html",
        {"form": form, "issuer": issuer, "problem": problem},
        status=status,
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
@require_GET
def task_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_for(request.user, pk)
    table = selectors.progress_of(
        task,
        request.user,
        today(),
        department=_int(request.GET.get("department")),
        state=request.GET.get("state", ""),
        late_only=request.GET.get("late") == "1",
        q=request.GET.get("q", "").strip(),
    )
    # Tallies of every department always; unit rows a page at a time (a bureau has thousands).
    page = Paginator(table.rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    kept = {k: str(v) for k, v in request.GET.items() if k != "page" and v}
    reviewer_of = [
        b.department for b in table.blocks if selectors.may_set_unit_due(request.user, b.department)
    ]
    return render(
        request,
        "season/task_detail.html",
        {
            "task": task,
            "table": table,
            "page": page,
            "query": urlencode(kept),
            "can_manage": selectors.may_manage(request.user, task),
            "can_remind": any(selectors.may_remind(request.user, r.unit) for r in page.object_list),
            "reviewer_of": reviewer_of,
            "events": task.events.select_related("user", "organisation")[:50],
            "filters": request.GET,
            "is_open": task.status == Task.Status.ISSUED,
        },
    )


@login_required
@require_GET
def task_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_for(request.user, pk)
    table = selectors.progress_of(task, request.user, today())
    content = exports.progress_xlsx(table)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = attachment_header(f"{task.title}-填报进度.xlsx")
    return response


@login_required
@require_GET
def task_attachment(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    task = selectors.task_for(request.user, pk)
    if not task.attachment:
        raise Http404("该任务没有附件")
    name = task.attachment.name.rsplit("/", 1)[-1]
    response = FileResponse(
        task.attachment.open("rb"),
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
    )
    response["Content-Disposition"] = attachment_header(name)
    return response


def _run(request: AuthenticatedHttpRequest, task: Task, work: Callable[[], str]) -> HttpResponse:
    """Run one service; its refusal is shown as a message on the task page."""
    try:
        text = work()
    except WorkflowError as exc:
        messages.error(request, exc.message)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or "您没有执行此操作的权限")
    else:
        messages.success(request, text)
    return redirect("season:detail", pk=task.pk)


@login_required
@require_POST
def task_extend(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_for(request.user, pk)
    form = ReasonDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写新的截止日期和延期原因。")
        return redirect("season:detail", pk=task.pk)
    unit = None
    if form.cleaned_data.get("unit"):
        unit = _unit_of(task, form.cleaned_data["unit"])
    due, reason = form.cleaned_data["due"], form.cleaned_data["reason"]

    def work() -> str:
        services.task_extend(task=task, user=request.user, due=due, reason=reason, unit=unit)
        return f"已延期至 {due:%Y-%m-%d}，并通知了相关单位。"

    return _run(request, task, work)


def _unit_of(task: Task, pk: int) -> Organisation:
    for unit in selectors.filing_units(task, selectors.task_departments(task)):
        if unit.pk == pk:
            return unit
    raise Http404("该单位不在任务范围内")


@login_required
@require_POST
def task_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_for(request.user, pk)

    def work() -> str:
        services.task_withdraw(task=task, user=request.user, reason=request.POST.get("reason", ""))
        return "任务已撤回，并通知了相关部门和单位。"

    return _run(request, task, work)


@login_required
@require_POST
def task_department_due(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_for(request.user, pk)
    form = DueForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写本部门的单位截止日期。")
        return redirect("season:detail", pk=task.pk)
    department = Organisation.objects.filter(pk=form.cleaned_data["department"]).first()
    if department is None:
        raise Http404("没有找到该部门")
    due = form.cleaned_data["unit_due"]

    def work() -> str:
        services.task_set_department_due(
            task=task, department=department, unit_due=due, user=request.user
        )
        return f"已将本部门所属单位的截止日期设为 {due:%Y-%m-%d}，并通知了各单位。"

    return _run(request, task, work)


@login_required
@require_POST
def task_remind(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_for(request.user, pk)
    ids = {int(v) for v in request.POST.getlist("unit") if v.isdigit()}
    units = [
        u for u in selectors.filing_units(task, selectors.task_departments(task)) if u.pk in ids
    ]

    def work() -> str:
        sent = services.task_remind(
            task=task,
            units=units,
            user=request.user,
            message=request.POST.get("message", ""),
            today=today(),
        )
        return f"已向 {len(sent)} 个单位催报，催报记录已保存。"

    return _run(request, task, work)
