"""Session rules of a government network: an idle timeout and an absolute lifetime, and a
password that must be changed before anything else is done.

The last request's time is kept in the session (written at most once a minute, so that a busy
page does not write the session on every request); ``/account/session/`` reports the time left
without counting as activity, so the editor's warning can ask it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from jixiao.web.accounts.models import AuthEvent
from jixiao.web.accounts.services import auth_event_record
from jixiao.web.accounts.signals import LOGIN_AT, MUST_CHANGE, SEEN_AT

_WRITE_EVERY = 60  # seconds


def seconds_left(request: HttpRequest, now: int | None = None) -> int:
    """Seconds until this session ends, by idle timeout or absolute lifetime."""
    now = int(time.time()) if now is None else now
    session = request.session
    seen = int(session.get(SEEN_AT, now))
    login_at = int(session.get(LOGIN_AT, now))
    return min(
        seen + settings.JIXIAO_SESSION_IDLE_SECONDS - now,
        login_at + settings.JIXIAO_SESSION_MAX_SECONDS - now,
    )


def _wants_json(request: HttpRequest) -> bool:
    """The API, htmx and the page's own timeout check read JSON, not a redirect to login."""
    return (
        request.path.startswith(("/api/", "/account/session/"))
        or request.headers.get("HX-Request") == "true"
    )


class SessionPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            refused = self._check(request)
            if refused is not None:
                return refused
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> HttpResponse | None:
        now = int(time.time())
        session = request.session
        session.setdefault(LOGIN_AT, now)
        session.setdefault(SEEN_AT, now)
        if seconds_left(request, now) <= 0:
            return self._expired(request)
        status_only = request.path == reverse("accounts:session")
        if not status_only and now - int(session[SEEN_AT]) >= _WRITE_EVERY:
            session[SEEN_AT] = now
        if session.get(MUST_CHANGE) and not self._exempt(request):
            if _wants_json(request):
                return JsonResponse({"detail": "请先修改密码后再继续操作"}, status=403)
            return redirect("accounts:password_change")
        return None

    def _exempt(self, request: HttpRequest) -> bool:
        allowed = (
            reverse("accounts:password_change"),
            reverse("accounts:session"),
            reverse("logout"),
        )
        return request.path in allowed or request.path.startswith(settings.STATIC_URL)

    def _expired(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        auth_event_record(kind=AuthEvent.Kind.SESSION_EXPIRED, request=request, user=user)
        logout(request)
        text = "登录已超时，请重新登录；未保存的内容已保留在本浏览器中，登录后可恢复。"
        if _wants_json(request):
            response = JsonResponse({"detail": text, "expired": True}, status=401)
            response["HX-Refresh"] = "true"
            return response
        messages.info(request, text)
        if request.method == "GET":
            return redirect(f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}")
        return redirect(reverse("login"))
