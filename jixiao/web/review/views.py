"""Answering a field comment; keeping the phrases reviewers reuse."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jixiao.core.workflow import WorkflowError
from jixiao.web.evaluations.access import AuthenticatedHttpRequest, evaluation_for
from jixiao.web.review import selectors, services
from jixiao.web.review.models import FieldComment, ReviewPhrase


@login_required
@require_POST
def comment_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(FieldComment, pk=pk)
    evaluation_for(request.user, comment.evaluation_id)  # 404 outside the person's reach
    try:
        services.field_comment_answer(
            comment=comment, user=request.user, answer=request.POST.get("answer", "")
        )
    except (WorkflowError, PermissionDenied) as exc:
        messages.error(request, str(getattr(exc, "message", "")) or "您不能答复这条意见。")
    else:
        messages.success(request, f"已答复对“{comment.label}”的意见。")
    back = request.POST.get("next", "")
    if back.startswith("/evaluations/"):
        return redirect(back)
    return redirect("evaluations:detail", pk=comment.evaluation_id)


@login_required
@require_http_methods(["GET", "POST"])
def phrases(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = selectors.reviewing_organisations(request.user)
    if not organisations:
        raise Http404("只有审核人可以维护常用审核意见")
    problem, typed, status = "", "", 200
    if request.method == "POST":
        organisation = next(
            (o for o in organisations if str(o.pk) == request.POST.get("organisation")),
            organisations[0],
        )
        typed = request.POST.get("text", "")
        try:
            services.phrase_add(organisation=organisation, user=request.user, text=typed)
        except WorkflowError as exc:
            problem, status = exc.message, 400
        else:
            messages.success(request, "已加入常用审核意见。")
            return redirect("review:phrases")
    return render(
        request,
        "review/phrases.html",
        {
            "organisations": organisations,
            "phrases": selectors.phrases_for(request.user),
            "problem": problem,
            "typed": typed,
        },
        status=status,
    )


@login_required
@require_POST
def phrase_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    phrase = get_object_or_404(ReviewPhrase, pk=pk)
    try:
        services.phrase_remove(phrase=phrase, user=request.user)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已删除该常用审核意见。")
    return redirect("review:phrases")
