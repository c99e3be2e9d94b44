"""A person's own API tokens: issue one (the token is shown once) and revoke one."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from jixiao.core.workflow import WorkflowError
from jixiao.web.accounts.models import AuthEvent
from jixiao.web.accounts.services import auth_event_record
from jixiao.web.api.models import ApiToken
from jixiao.web.evaluations.access import Account

MAX_TOKENS = 20


def tokens_of(user: Account) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user_id=user.pk).order_by("-created_at", "-pk")


@transaction.atomic
def token_create(
    *,
    user: Account,
    name: str,
    scope: str = ApiToken.Scope.READ,
    days: int | None = None,
    request: HttpRequest | None = None,
) -> tuple[ApiToken, str]:
    """A new token for ``user``: the row and the token text, which is not stored anywhere.
    It lives ``days`` (at most the configured lifetime, 90 days by default)."""
    name = name.replace("\x00", "").strip()  # PostgreSQL cannot store U+0000
    if not name:
        raise WorkflowError("请填写令牌用途，便于日后辨认和撤销。")
    if scope not in ApiToken.Scope.values:
        raise WorkflowError("请选择令牌的权限范围：只读或读写。")
    longest = settings.API_TOKEN_DAYS
    days = longest if days is None else days
    if not 1 <= days <= longest:
        raise WorkflowError(f"有效期应为 1 至 {longest} 天。")
    if tokens_of(user).count() >= MAX_TOKENS:
        raise WorkflowError(f"每人最多 {MAX_TOKENS} 个令牌，请先撤销不再使用的令牌。")
    row, token = ApiToken.issue(user=user, name=name[:100], scope=scope, days=days)
    auth_event_record(
        kind=AuthEvent.Kind.TOKEN_CREATED,
        request=request,
        user=user,
        detail=f"{row.name}（{row.get_scope_display()[:2]}，{days}天）",
    )
    return row, token


@transaction.atomic
def token_revoke(*, user: Account, pk: int, request: HttpRequest | None = None) -> ApiToken:
    """Delete one of ``user``'s own tokens; someone else's is not found (404)."""
    token = tokens_of(user).filter(pk=pk).first()
    if token is None:
        raise Http404("没有找到该令牌")
    token.delete()
    auth_event_record(
        kind=AuthEvent.Kind.TOKEN_REVOKED, request=request, user=user, detail=token.name
    )
    return token
