"""API authentication: a bearer token (for programs) or the browser session (CSRF checked).

A token must be unexpired and its owner active; a read-only token may read, download and
compute but not write. Every use is in the authentication log. Wrong tokens count as failed
logins of the sending address (django-axes), so guessing tokens locks the address out like
guessing passwords does.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import UserRateThrottle

from jixiao.web.accounts.models import AuthEvent
from jixiao.web.accounts.services import auth_event_record
from jixiao.web.api.models import ApiToken, hash_token

#: Operations a read-only token may call besides reads: they compute and store nothing.
_READ_ONLY_POSTS = ("/compute",)
_READS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenLockedOut(HttpError):
    def __init__(self) -> None:
        super().__init__(429, "locked")


class ReadOnlyToken(HttpError):
    def __init__(self) -> None:
        super().__init__(403, "该令牌为只读令牌，不能执行保存、提交、审核或公开；请使用读写令牌")


def _writes(request: HttpRequest) -> bool:
    return request.method not in _READS and not request.path.endswith(_READ_ONLY_POSTS)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        digest = hash_token(token)
        # The digest's start names the attempt in the lockout records and the log without
        # writing any part of the token itself down.
        credentials = {"username": f"接口令牌 {digest[:12]}"}
        if not AxesProxyHandler.is_allowed(request, credentials):
            raise TokenLockedOut()
        row = ApiToken.objects.select_related("user").filter(digest=digest).first()
        if row is None or row.expired or not row.user.is_active:
            why = "令牌已过期" if row is not None and row.expired else "令牌无效"
            auth_event_record(
                kind=AuthEvent.Kind.TOKEN_REFUSED,
                request=request,
                username=row.user.get_username() if row else "",
                detail=why,
            )
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            return None
        if row.scope == ApiToken.Scope.READ and _writes(request):
            raise ReadOnlyToken()
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        auth_event_record(
            kind=AuthEvent.Kind.TOKEN_USED,
            request=request,
            user=row.user,
            detail=f"{row.name}（{row.get_scope_display()[:2]}）{request.method}",
        )
        request.user = row.user
        return row.user


class PersonThrottle(UserRateThrottle):
    """Requests per person (token or session alike), at the rate the settings name now
    (``JIXIAO_API_RATE``), so that a runaway program cannot starve everyone else."""

    scope = "person"

    def __init__(self) -> None:
        super().__init__(settings.API_RATE)

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = settings.API_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return bool(super().allow_request(request))


AUTH = [TokenAuth(), SessionAuth()]
