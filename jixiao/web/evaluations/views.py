"""Thin views: fetch through the access check, call one service, render or redirect."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.core.access import Kind
from jixiao.core.serialization import FormReadError, form_from_data
from jixiao.core.workflow import (
    ACTION_LABELS,
    ROLE_LABELS,
    Action,
    WorkflowError,
    is_editable,
    transition_for,
)
from jixiao.web.evaluations import selectors, services
from jixiao.web.evaluations.access import (
    AuthenticatedHttpRequest,
    actions_available,
    evaluation_for,
    memberships_of,
    roles_at,
)
from jixiao.web.evaluations.analysis import analyse
from jixiao.web.evaluations.editor.session import read_post
from jixiao.web.evaluations.editor.state import build_state
from jixiao.web.evaluations.exports import (
    EXPORT_FORMATS,
    ExportUnavailable,
    attachment_header,
    export_bytes,
)
from jixiao.web.evaluations.models import FORM_TYPE_CHOICES, Evaluation
from jixiao.web.indicators.selectors import picker_for
from jixiao.web.organisations.years import closed_for, closed_year_message
from jixiao.web.review import selectors as review_selectors
from jixiao.web.review import services as review_services

log = logging.getLogger("jixiao.web")


@login_required
@require_GET
def evaluation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The 自评表 list: one server-side page, filtered, searched and sorted, with figures and
    the batch actions (:mod:`jixiao.web.season.lists`)."""
    from jixiao.web.season.lists import SORTS, list_options, listing

    visible = selectors.evaluations_visible_to(request.user)
    result = listing(visible, request.GET, timezone.localdate())
    return render(
        request,
        "evaluations/list.html",
        {
            "listing": result,
            "page": result.page,
            "query": result.query,
            "statuses": Evaluation.Status.choices,
            "form_types": FORM_TYPE_CHOICES,
            "sorts": [(key, label) for key, (label, _expr) in SORTS.items()],
            "options": list_options(request.user),
            "narrowed_to": selectors.list_narrowed_to(request.user, request.GET.dict()),
            "can_batch": request.user.is_superuser
            or any(
                m.role in ("department_reviewer", "finance_admin")
                for m in memberships_of(request.user)
            ),
            "can_import": selectors.organisations_for_new_forms(request.user).exists(),
        },
    )


@login_required
@require_GET
def evaluation_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """待我处理, one page at a time (longest waiting first), grouped by what it needs."""
    from django.core.paginator import Paginator

    awaiting = selectors.evaluations_awaiting(request.user).select_related("facts")
    page = Paginator(awaiting, 50).get_page(request.GET.get("page"))
    queue = selectors.queue_of(request.user, page.object_list)
    groups: dict[str, list[selectors.Awaiting]] = {}
    for item in queue:
        groups.setdefault(item.group, []).append(item)
    return render(
        request,
        "evaluations/queue.html",
        {
            "queue": queue,
            "page": page,
            "query": "",
            "groups": sorted(groups.items(), key=lambda g: _GROUP_ORDER[g[0]]),
            "can_batch": "待审核" in groups,
        },
    )


_GROUP_ORDER = {"待审核": 0, "待修改": 1, "待填报": 2, "待公开": 3}


def _detail_context(request: HttpRequest, evaluation: Evaluation) -> dict[str, Any]:
    rules = evaluation.rules
    form = form_from_data(evaluation.data)
    actions = actions_available(request.user, evaluation)
    from jixiao.formats.exporters.html import print_css, render_html_table

    return {
        "evaluation": evaluation,
        "analysis": analyse(form, rules),
        "print_table": render_html_table(form, rules),
        "print_css": print_css(),
        "actions": actions,
        "can_edit": Action.EDIT in actions,
        "can_submit": Action.SUBMIT in actions,
        "can_review": bool({Action.DEPT_APPROVE, Action.FINANCE_APPROVE} & set(actions)),
        "can_publish": Action.PUBLISH in actions,
        "rounds": selectors.rounds_of(evaluation),
        "changes_since_round": selectors.changes_since_previous_round(evaluation),
        "return_decisions": selectors.latest_decisions(evaluation),
        **_review_context(request, evaluation, Action.EDIT in actions),
        "export_formats": EXPORT_FORMATS,
    }


def _review_context(
    request: HttpRequest, evaluation: Evaluation, can_answer: bool, typed: list[Any] | None = None
) -> dict[str, Any]:
    """Field comments (with answer boxes for the unit) and, for a reviewer, the phrases and the
    fields to comment on."""
    comments = list(review_selectors.comments_of(evaluation))
    return {
        "field_comments": comments,
        "open_count": sum(1 for c in comments if not c.answered),
        "can_answer": can_answer,
        "phrases": review_selectors.phrases_for(request.user),
        "comment_fields": review_selectors.fields_of(evaluation),
        "field_comment_rows": (typed or []) + [("", "")] * max(0, 3 - len(typed or [])),
    }


@login_required
@require_GET
def evaluation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = evaluation_for(request.user, pk)
    context = _detail_context(request, evaluation)
    refused = request.session.get(_REFUSED)
    if refused and refused.get("pk") == evaluation.pk:
        del request.session[_REFUSED]
        typed_fields = [(str(f), str(t)) for f, t in refused.get("field_comments", [])]
        labels = dict(review_selectors.fields_of(evaluation))
        context.update(
            problem=refused["problem"],
            typed_comment=refused["comment"],
            typed_explanation=refused["explanation"],
            typed_field_comments=[(labels.get(f, f), t) for f, t in typed_fields],
            **_review_context(request, evaluation, context["can_edit"], typed_fields),
        )
    return render(request, "evaluations/detail.html", context)


#: Session key: a refused workflow step's message and what was typed, for the next page.
_REFUSED = "jixiao_refused_step"


def _missing_role(evaluation: Evaluation, step: str) -> str:
    """Why a step was refused for want of a role: the role it needs now, in this status."""
    label = evaluation.get_status_display()
    needed = [
        ROLE_LABELS[role]
        for action in actions_for_step(step, evaluation.core_status)
        for role in sorted(transition_for(action).roles(Kind.EVALUATION))
    ]
    who = "、".join(dict.fromkeys(needed)) or "其他角色"
    return f"表单当前状态为“{label}”，这一步需由{who}执行，您没有该角色。"


_STEP_ACTIONS: dict[str, dict[str | None, Action]] = {
    "submit": {None: Action.SUBMIT},
    "approve": {"dept_approved": Action.FINANCE_APPROVE, None: Action.DEPT_APPROVE},
    "return": {"dept_approved": Action.FINANCE_RETURN, None: Action.DEPT_RETURN},
    "publish": {None: Action.PUBLISH},
}


def actions_for_step(step: str, status: Any) -> list[Action]:
    choices = _STEP_ACTIONS.get(step, {})
    action = choices.get(getattr(status, "value", status)) or choices.get(None)
    return [action] if action is not None else []


def _render_editor(
    request: HttpRequest,
    evaluation: Evaluation,
    raw: dict[str, Any],
    errors: dict[str, str],
    analysis: Any,
    *,
    version: int,
    problem: str = "",
    status: int = 200,
    keep_inputs: bool = False,
    notices: dict[str, str] | None = None,
) -> HttpResponse:
    # A refused save shows what was typed in its inputs even if the form has just been locked,
    # so that nothing is lost and it can be copied.
    editable = keep_inputs or is_editable(evaluation.core_status)
    state = build_state(evaluation.form_type, raw, errors, analysis, editable, notices)
    return render(
        request,
        "evaluations/edit.html",
        {
            "evaluation": evaluation,
            "ed": state,
            "version": version,
            "problem": problem,
            "changes_since_submission": selectors.changes_since_last_submission(evaluation),
            "return_decisions": selectors.latest_decisions(evaluation),
            **_review_context(request, evaluation, True),
            # The indicator library's picker, where the form has a 三级指标 column to fill.
            "library": picker_for(evaluation.organisation, evaluation.year)
            if evaluation.form_type == Evaluation.FormType.PROJECT
            else [],
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = evaluation_for(request.user, pk, Action.EDIT)
    if request.method == "GET":
        if not is_editable(evaluation.core_status):
            messages.info(request, "表单正在审核或已公开，不能修改。")
            return redirect("evaluations:detail", pk=evaluation.pk)
        if closed_for(evaluation.year, roles_at(request.user, evaluation.organisation)):
            messages.info(request, closed_year_message(evaluation.year))
            return redirect("evaluations:detail", pk=evaluation.pk)
        rules = evaluation.rules
        analysis = analyse(form_from_data(evaluation.data), rules)
        return _render_editor(
            request, evaluation, evaluation.data, {}, analysis, version=evaluation.version
        )

    read = read_post(evaluation.form_type, request.POST, evaluation.data, evaluation.rules)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    raw, errors = read.parsed.raw, read.parsed.errors
    if request.POST.get("op"):
        # A structural edit re-renders the page with what was typed; nothing is saved.
        return _render_editor(
            request,
            evaluation,
            raw,
            errors,
            read.analysis,
            version=version,
            problem=read.op_error,
            notices=read.parsed.notices,
        )
    if errors or read.form is None:
        return _render_editor(
            request,
            evaluation,
            raw,
            errors,
            read.analysis,
            version=version,
            problem=f"有 {len(errors)} 处填写有误，尚未保存；请按字段旁的提示修改。",
            status=400,
            keep_inputs=True,
            notices=read.parsed.notices,
        )
    try:
        services.evaluation_save_draft(
            evaluation=evaluation,
            data=read.clean_data,
            expected_version=version,
            user=request.user,
        )
    except services.VersionConflict as exc:
        return _render_editor(
            request,
            evaluation,
            raw,
            errors,
            read.analysis,
            version=version,
            problem=exc.message,
            status=409,
            keep_inputs=True,
            notices=read.parsed.notices,
        )
    except (WorkflowError, FormReadError) as exc:
        evaluation.refresh_from_db()
        kept = "" if is_editable(evaluation.core_status) else _KEPT_WHILE_LOCKED
        return _render_editor(
            request,
            evaluation,
            raw,
            errors,
            read.analysis,
            version=version,
            problem=f"保存失败：{exc.message}{kept}",
            status=400,
            keep_inputs=True,
            notices=read.parsed.notices,
        )
    messages.success(request, "草稿已保存。")
    for notice in read.parsed.notices.values():
        messages.info(request, f"{notice}。")
    return redirect("evaluations:edit", pk=evaluation.pk)


_KEPT_WHILE_LOCKED = "。您填写的内容仍保留在下方（尚未保存），请复制留存，待表单退回后再填入。"


@login_required
@require_POST
def evaluation_compute(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The htmx round trip while typing: the core recomputes figures and findings."""
    evaluation = evaluation_for(request.user, pk, Action.EDIT)
    read = read_post(evaluation.form_type, request.POST, evaluation.data, evaluation.rules)
    state = build_state(
        evaluation.form_type,
        read.parsed.raw,
        read.parsed.errors,
        read.analysis,
        True,
        read.parsed.notices,
    )
    return render(request, "evaluations/_computed.html", {"ed": state, "evaluation": evaluation})


@login_required
@require_GET
def evaluation_history(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    evaluation = evaluation_for(request.user, pk)
    return render(
        request,
        "evaluations/history.html",
        {"evaluation": evaluation, "entries": selectors.history_of(evaluation)},
    )


@login_required
@require_GET
def evaluation_export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    evaluation = evaluation_for(request.user, pk)
    if fmt not in EXPORT_FORMATS:
        raise Http404("不支持该导出格式")
    try:
        content, media_type, filename = export_bytes(evaluation, fmt)
    except ExportUnavailable as exc:
        messages.error(request, exc.message)
        return redirect("evaluations:detail", pk=evaluation.pk)
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = attachment_header(filename)
    return response


_TRANSITION_DONE = {
    "submit": "已提交审核。",
    "approve": "已审核通过。",
    # No notice is sent from here (the 自评 season's reminders do that): say only what happened.
    "return": "已退回，并通知填报单位修改。",
    "publish": "已公开。",
}


@login_required
@require_POST
def evaluation_transition(request: AuthenticatedHttpRequest, pk: int, step: str) -> HttpResponse:
    evaluation = evaluation_for(request.user, pk)
    comment = request.POST.get("comment", "")
    try:
        if step == "submit":
            review_services.evaluation_submit_answered(
                evaluation=evaluation,
                user=request.user,
                explanation=request.POST.get("explanation", ""),
            )
        elif step == "approve":
            services.evaluation_approve(evaluation=evaluation, user=request.user, comment=comment)
        elif step == "return":
            review_services.evaluation_return_with_comments(
                evaluation=evaluation,
                user=request.user,
                comment=comment,
                field_comments=_typed_field_comments(request),
            )
        elif step == "publish":
            services.evaluation_publish(evaluation=evaluation, user=request.user)
        else:
            raise Http404("没有这个操作")
    except (WorkflowError, PermissionDenied) as exc:
        # Redirect after the refused POST (a reload must not post again); what was typed (an
        # explanation, a review comment, the comments on single fields) waits in the session
        # for the page, never dropped.
        evaluation.refresh_from_db()
        why = exc.message if isinstance(exc, WorkflowError) else _missing_role(evaluation, step)
        request.session[_REFUSED] = {
            "pk": evaluation.pk,
            "problem": why,
            "comment": comment,
            "explanation": request.POST.get("explanation", ""),
            "field_comments": [list(pair) for pair in _typed_field_comments(request)],
        }
        return redirect(f"{reverse('evaluations:detail', args=[evaluation.pk])}#problem")
    messages.success(request, _TRANSITION_DONE[step])
    return redirect("evaluations:detail", pk=evaluation.pk)


def _typed_field_comments(request: HttpRequest) -> list[tuple[str, str]]:
    fields = request.POST.getlist("field")
    texts = request.POST.getlist("field_comment")
    return [(f, t) for f, t in zip(fields, texts, strict=False) if f or t.strip()][:20]


def action_label(action: Action) -> str:
    return ACTION_LABELS[action]


__all__ = ["roles_at"]
