"""Account pages: change one's password, the session's time left, the lockout answer, the
authentication log for administrators and the page for single sign-on users with no role."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from jixiao.formats.exporters.cells import safe_rows
from jixiao.web.accounts import selectors, services
from jixiao.web.accounts.middleware import seconds_left
from jixiao.web.accounts.signals import MUST_CHANGE, SEEN_AT
from jixiao.web.evaluations.access import AuthenticatedHttpRequest
from jixiao.web.evaluations.exports import attachment_header


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    forced = bool(request.session.get(MUST_CHANGE))
    if request.method == "POST" and form.is_valid():
        services.password_change(
            user=request.user, new_password=form.cleaned_data["new_password1"], request=request
        )
        update_session_auth_hash(request, request.user)
        request.session.pop(MUST_CHANGE, None)
        messages.success(request, "密码已修改。")
        return redirect("evaluations:list")
    return render(
        request,
        "accounts/password_change.html",
        {"form": form, "forced": forced},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def session_status(request: AuthenticatedHttpRequest) -> JsonResponse:
    """Seconds left before the session ends (asking does not count as activity)."""
    return JsonResponse({"seconds_left": max(0, seconds_left(request))})


@login_required
@require_http_methods(["POST"])
def keep_alive(request: AuthenticatedHttpRequest) -> JsonResponse:
    """The warning's 继续 button: a request that counts as activity."""
    request.session[SEEN_AT] = int(timezone.now().timestamp())
    return JsonResponse({"seconds_left": max(0, seconds_left(request))})


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer to a locked account or address: when to retry, in Chinese."""
    from axes.helpers import get_cool_off

    cool_off = get_cool_off(request) or timedelta(0)
    minutes = max(1, round(cool_off.total_seconds() / 60))
    retry_at = timezone.localtime(timezone.now() + cool_off)
    text = (
        f"登录失败次数过多，该账户或来源地址已被暂时锁定。请在 {minutes} 分钟后"
        f"（{retry_at:%H:%M} 以后）重试，或联系系统管理员解锁。"
    )
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": text}, status=429)
    return render(request, "accounts/locked_out.html", {"text": text}, status=429)


def _require_auditor(request: AuthenticatedHttpRequest) -> None:
    if not request.user.has_perm("accounts.view_authevent"):
        raise PermissionDenied("只有系统管理员可以查看认证日志")


@login_required
@require_GET
def audit_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_auditor(request)
    events = selectors.auth_events(
        username=request.GET.get("username", ""), kind=request.GET.get("kind", "")
    )
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/audit.html",
        {
            "page": page,
            "kinds": selectors.EVENT_KINDS,
            "username": request.GET.get("username", ""),
            "kind": request.GET.get("kind", ""),
            "query": _without_page(request),
        },
    )


def _without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
@require_GET
def audit_log_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_auditor(request)
    events = selectors.auth_events(
        username=request.GET.get("username", ""), kind=request.GET.get("kind", "")
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    rows: list[list[Any]] = [["时间", "事件", "用户名", "来源地址", "浏览器", "请求地址", "说明"]]
    rows += [
        [
            timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
            e.get_kind_display(),
            e.username,
            e.address,
            e.user_agent,
            e.path,
            e.detail,
        ]
        for e in events[: selectors.EXPORT_LIMIT]
    ]
    writer.writerows(safe_rows(rows))
    response = HttpResponse(
        buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = attachment_header("认证日志.csv")
    return response


@require_GET
def unmapped(request: HttpRequest) -> HttpResponse:
    """Where a refused single sign-on lands: for want of organisation and role (no account is
    made), or for another reason the provider did not say."""
    from jixiao.web.accounts.sso import UNMAPPED

    placed = not request.session.pop(UNMAPPED, False)
    return render(request, "accounts/unmapped.html", {"other_reason": placed}, status=403)
