"""The batch steps of the 自评表 list (批量审核通过 / 批量退回 / 批量催报 / 批量导出), the export's
progress page, and 复核评分 of one form."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from jixiao.core.model import ProjectForm
from jixiao.core.scoring import score_project
from jixiao.core.serialization import form_from_data
from jixiao.core.workflow import WorkflowError
from jixiao.web.evaluations.access import AuthenticatedHttpRequest, evaluation_for
from jixiao.web.evaluations.analysis import rules_named
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.evaluations.selectors import evaluations_visible_to
from jixiao.web.organisations.models import Organisation
from jixiao.web.season import services
from jixiao.web.season.batch import batch_export_start
from jixiao.web.season.models import LineScore, Task
from jixiao.web.season.views import today

BATCH_LIMIT = 500


def _back(request: AuthenticatedHttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("evaluations:list")


@login_required
@require_POST
def batch_action(request: AuthenticatedHttpRequest) -> HttpResponse:
    ids = [int(v) for v in request.POST.getlist("ids") if v.isdigit()][:BATCH_LIMIT]
    action = request.POST.get("action", "")
    chosen = list(evaluations_visible_to(request.user).filter(pk__in=ids).order_by("pk"))
    if not chosen:
        messages.error(request, "请先勾选要处理的表单。")
        return _back(request)
    comment = request.POST.get("comment", "")
    if action in ("approve", "return"):
        if action == "return" and not comment.strip():
            messages.error(request, "批量退回须填写退回意见（各单位都会收到这条意见）。")
            return _back(request)
        result = services.evaluations_review_many(
            evaluations=chosen, user=request.user, approve=action == "approve", comment=comment
        )
        verb = "审核通过" if action == "approve" else "退回并通知填报单位"
        if result.done:
            messages.success(request, f"已{verb} {len(result.done)} 份表单。")
        for evaluation, reason in result.refused[:20]:
            messages.error(
                request, f"《{evaluation.title}》（{evaluation.organisation}）未处理：{reason}"
            )
        if len(result.refused) > 20:
            messages.error(request, f"另有 {len(result.refused) - 20} 份表单未处理。")
        return _back(request)
    if action == "remind":
        return _batch_remind(request, chosen)
    if action == "export":
        job = batch_export_start(user=request.user, evaluations=chosen)
        return redirect(job.get_absolute_url())
    messages.error(request, "请选择批量操作。")
    return _back(request)


def _batch_remind(request: AuthenticatedHttpRequest, chosen: list[Evaluation]) -> HttpResponse:
    by_task: dict[Task, dict[int, Organisation]] = defaultdict(dict)
    for evaluation in Evaluation.objects.filter(pk__in=[e.pk for e in chosen]).select_related(
        "organisation", "facts__task"
    ):
        facts = getattr(evaluation, "facts", None)
        if facts is not None and facts.task is not None:
            by_task[facts.task][evaluation.organisation.pk] = evaluation.organisation
    if not by_task:
        messages.error(request, "所选表单不属于任何自评任务，无法催报。")
        return _back(request)
    sent = 0
    for task, units in by_task.items():
        try:
            sent += len(
                services.task_remind(
                    task=task,
                    units=units.values(),
                    user=request.user,
                    message=request.POST.get("comment", ""),
                    today=today(),
                )
            )
        except (WorkflowError, PermissionDenied) as exc:
            messages.error(request, f"{task.title}：{getattr(exc, 'message', str(exc))}")
    if sent:
        messages.success(request, f"已向 {sent} 个单位催报，催报记录已保存。")
    return _back(request)


@login_required
@require_http_methods(["GET", "POST"])
def bureau_score(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = evaluation_for(request.user, pk)
    if evaluation.form_type != Evaluation.FormType.PROJECT:
        raise Http404("该表单不按评分表计分")
    form = form_from_data(evaluation.data)
    assert isinstance(form, ProjectForm)
    card = score_project(form, rules_named(evaluation.ruleset_id, evaluation.form_type))
    saved = {s.path: s for s in LineScore.objects.filter(evaluation=evaluation)}
    problem = ""
    typed: dict[str, tuple[str, str]] = {}
    if request.method == "POST":
        inputs = []
        for line in card.lines:
            raw = request.POST.get(f"score:{line.path}", "").strip()
            reason = request.POST.get(f"reason:{line.path}", "")
            typed[line.path] = (raw, reason)
            if not raw:
                continue
            try:
                value = Decimal(raw)
            except InvalidOperation:
                problem = f"“{line.name}”的复核得分请填写数字，如 8.5。"
                break
            inputs.append(services.ScoreInput(line.path, value, reason))
        if not problem:
            try:
                services.evaluation_bureau_score(
                    evaluation=evaluation, user=request.user, scores=inputs
                )
            except WorkflowError as exc:
                problem = exc.message
            else:
                messages.success(request, "复核评分已保存，等级按复核得分确定，并已通知填报单位。")
                return redirect("evaluations:detail", pk=evaluation.pk)
    rows = []
    for line in card.lines:
        mine = saved.get(line.path)
        raw, reason = typed.get(
            line.path,
            (
                str(mine.bureau_score) if mine else "",
                mine.reason if mine else "",
            ),
        )
        rows.append({"line": line, "value": raw, "reason": reason})
    return render(
        request,
        "season/score.html",
        {
            "evaluation": evaluation,
            "card": card,
            "rows": rows,
            "facts": getattr(evaluation, "facts", None),
            "problem": problem,
        },
        status=400 if problem else 200,
    )
