"""API tokens. Only a hash is stored: the token itself is shown once, when it is made."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", "只读（查询、下载、计算核验）"
        WRITE = "write", "读写（另可保存草稿、提交、审核、公开）"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField("用途", max_length=100)
    digest = models.CharField("摘要", max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    # None is refused like an expired token (the migration gave existing tokens 90 days).
    expires_at = models.DateTimeField("有效期至", null=True)
    scope = models.CharField("权限范围", max_length=10, choices=Scope.choices, default=Scope.WRITE)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"

    def __str__(self) -> str:
        return f"{self.user} · {self.name}"

    @property
    def expired(self) -> bool:
        return self.expires_at is None or self.expires_at <= timezone.now()

    @classmethod
    def issue(
        cls, *, user: User, name: str, scope: str = "write", days: int | None = None
    ) -> tuple[ApiToken, str]:
        """A new token for ``user``; returns the row and the token text (shown once)."""
        token = "jx_" + secrets.token_urlsafe(32)
        lifetime = timedelta(days=days or settings.API_TOKEN_DAYS)
        row = cls.objects.create(
            user=user,
            name=name,
            digest=hash_token(token),
            scope=scope,
            expires_at=timezone.now() + lifetime,
        )
        return row, token
