"""A person's own API tokens: issue one (the token is shown once) and revoke one."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404

from jixiao.core.workflow import WorkflowError
from jixiao.web.api.models import ApiToken
from jixiao.web.evaluations.access import Account

MAX_TOKENS = 20


def tokens_of(user: Account) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user_id=user.pk).order_by("-created_at", "-pk")


@transaction.atomic
def token_create(*, user: Account, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``: the row and the token text, which is not stored anywhere."""
    name = name.replace("\x00", "").strip()  # PostgreSQL cannot store U+0000
    if not name:
        raise WorkflowError("请填写令牌用途，便于日后辨认和撤销。")
    if tokens_of(user).count() >= MAX_TOKENS:
        raise WorkflowError(f"每人最多 {MAX_TOKENS} 个令牌，请先撤销不再使用的令牌。")
    return ApiToken.issue(user=user, name=name[:100])


@transaction.atomic
def token_revoke(*, user: Account, pk: int) -> ApiToken:
    """Delete one of ``user``'s own tokens; someone else's is not found (404)."""
    token = tokens_of(user).filter(pk=pk).first()
    if token is None:
        raise Http404("没有找到该令牌")
    token.delete()
    return token
