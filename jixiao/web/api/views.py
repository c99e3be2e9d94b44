"""The API tokens page of the logged-in person: list, create (shown once), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jixiao.core.workflow import WorkflowError
from jixiao.web.api import services
from jixiao.web.evaluations.access import AuthenticatedHttpRequest

# The new token waits in the session for exactly one page view after the redirect.
_FRESH = "jixiao_fresh_api_token"


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    problem, name = "", ""
    if request.method == "POST":
        name = request.POST.get("name", "")
        try:
            row, token = services.token_create(user=request.user, name=name)
        except WorkflowError as exc:
            problem = exc.message
        else:
            request.session[_FRESH] = {"id": row.pk, "token": token}
            return redirect("tokens:list")
    fresh = request.session.pop(_FRESH, None)
    return render(
        request,
        "api/tokens.html",
        {
            "tokens": services.tokens_of(request.user),
            "fresh": fresh,
            "problem": problem,
            "name": name,
            "api_root": request.build_absolute_uri("/api/"),
        },
        status=400 if problem else 200,
    )


@login_required
@require_POST
def token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = services.token_revoke(user=request.user, pk=pk)
    messages.success(request, f"已撤销令牌“{token.name}”，使用它的程序将无法再访问接口。")
    return redirect("tokens:list")
