"""The API tokens page of the logged-in person: list, create (shown once), revoke."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from jixiao.core.workflow import WorkflowError
from jixiao.web.api import services
from jixiao.web.api.models import ApiToken
from jixiao.web.evaluations.access import AuthenticatedHttpRequest

# The new token waits in the session for exactly one page view after the redirect.
_FRESH = "jixiao_fresh_api_token"


def _days(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        return 0  # refused by the service with the allowed range


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    problem, name = "", ""
    scope = request.POST.get("scope", ApiToken.Scope.READ)
    days = request.POST.get("days", str(settings.API_TOKEN_DAYS))
    if request.method == "POST":
        name = request.POST.get("name", "")
        try:
            row, token = services.token_create(
                user=request.user, name=name, scope=scope, days=_days(days), request=request
            )
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
            "scope": scope,
            "days": days,
            "scopes": ApiToken.Scope.choices,
            "max_days": settings.API_TOKEN_DAYS,
            "api_root": request.build_absolute_uri("/api/"),
        },
        status=400 if problem else 200,
    )


@login_required
@require_POST
def token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = services.token_revoke(user=request.user, pk=pk, request=request)
    messages.success(request, f"已撤销令牌“{token.name}”，使用它的程序将无法再访问接口。")
    return redirect("tokens:list")
