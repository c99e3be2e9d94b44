"""Accounts around the organisation roles: the authentication log and each person's password
state (must it be changed at the next login, when was it last changed)."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.db import models


class AuthEvent(models.Model):
    """One entry of the authentication log: who (or which name was tried), from where, what.

    Rows are only ever added; administrators read and export them (等保 2.0 安全审计)."""

    class Kind(models.TextChoices):
        LOGIN = "login", "登录成功"
        LOGIN_FAILED = "login_failed", "登录失败"
        LOCKED_OUT = "locked_out", "账户锁定"
        UNLOCKED = "unlocked", "管理员解锁"
        LOGOUT = "logout", "退出登录"
        PASSWORD_CHANGED = "password_changed", "修改密码"
        PASSWORD_RESET = "password_reset", "管理员重置密码"
        SESSION_EXPIRED = "session_expired", "会话超时"
        TOKEN_USED = "token_used", "使用接口令牌"
        TOKEN_REFUSED = "token_refused", "接口令牌被拒绝"
        TOKEN_CREATED = "token_created", "创建接口令牌"
        TOKEN_REVOKED = "token_revoked", "撤销接口令牌"
        SSO_UNMAPPED = "sso_unmapped", "统一认证用户未分配单位"

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    kind = models.CharField("事件", max_length=30, choices=Kind.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField("用户名", max_length=150, blank=True, db_index=True)
    address = models.CharField("来源地址", max_length=45, blank=True)
    user_agent = models.CharField("浏览器", max_length=255, blank=True)
    path = models.CharField("请求地址", max_length=255, blank=True)
    detail = models.CharField("说明", max_length=255, blank=True)

    class Meta:
        verbose_name = "认证日志"
        verbose_name_plural = "认证日志"
        ordering = ("-at", "-pk")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.get_kind_display()} {self.username}"


class PasswordState(models.Model):
    """Whether a person must choose a new password before doing anything else (after an
    administrator's reset), and when the password was last changed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="password_state",
    )
    must_change = models.BooleanField("下次登录须修改密码", default=False)
    changed_at = models.DateTimeField("最近修改", null=True, blank=True)

    class Meta:
        verbose_name = "密码状态"
        verbose_name_plural = "密码状态"

    def __str__(self) -> str:
        return str(self.user)


class LoginLock(AccessAttempt):
    """django-axes' failed-attempt records, shown to administrators in Chinese; deleting one
    (the admin's 解锁 action) lifts the lockout it causes."""

    class Meta:
        proxy = True
        verbose_name = "登录失败与锁定"
        verbose_name_plural = "登录失败与锁定"
