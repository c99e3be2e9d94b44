"""Admin: the authentication log (read only) and the password reset that forces a change."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.http import HttpRequest

from jixiao.web.accounts.models import AuthEvent, LoginLock, PasswordState
from jixiao.web.organisations.admin import MembershipInline


@admin.register(AuthEvent)
class AuthEventAdmin(admin.ModelAdmin):
    list_display = ("at", "kind", "username", "address", "path", "detail")
    list_filter = ("kind",)
    search_fields = ("username", "address")
    date_hierarchy = "at"

    # The log is evidence: nobody edits or deletes it, not even a superuser in the admin.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(LoginLock)
class LoginLockAdmin(admin.ModelAdmin):
    list_display = ("when", "who", "address", "failures", "locked")
    list_display_links = None
    search_fields = ("username", "ip_address")
    actions = ("unlock",)

    @admin.display(description="最近失败时间", ordering="attempt_time")
    def when(self, obj: LoginLock) -> Any:
        return obj.attempt_time

    @admin.display(description="用户名", ordering="username")
    def who(self, obj: LoginLock) -> str:
        return obj.username or ""

    @admin.display(description="来源地址", ordering="ip_address")
    def address(self, obj: LoginLock) -> str:
        return obj.ip_address or ""

    @admin.display(description="连续失败次数", ordering="failures_since_start")
    def failures(self, obj: LoginLock) -> int:
        return obj.failures_since_start

    @admin.display(description="已锁定", boolean=True)
    def locked(self, obj: LoginLock) -> bool:
        return obj.failures_since_start >= settings.AXES_FAILURE_LIMIT

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> Any:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description="解锁所选账户或地址", permissions=["delete"])
    def unlock(self, request: HttpRequest, queryset: Any) -> None:
        from jixiao.web.accounts.services import auth_event_record

        for lock in queryset:
            auth_event_record(
                kind=AuthEvent.Kind.UNLOCKED,
                request=request,
                username=lock.username or "",
                detail=f"由 {request.user.get_username()} 解锁（{lock.ip_address or '—'}）",
            )
        count = queryset.count()
        queryset.delete()
        self.message_user(request, f"已解锁 {count} 条记录，相应账户和地址可以重新登录。")


@admin.register(PasswordState)
class PasswordStateAdmin(admin.ModelAdmin):
    list_display = ("user", "must_change", "changed_at")
    list_filter = ("must_change",)
    search_fields = ("user__username",)
    autocomplete_fields = ("user",)


class ResetPasswordForm(AdminPasswordChangeForm):
    """The admin's "修改密码" for someone else: a temporary password the person must change at
    their next login. An administrator changing their own keeps it."""

    def save(self, commit: bool = True) -> Any:
        from jixiao.web.accounts.models import AuthEvent
        from jixiao.web.accounts.services import auth_event_record, password_state_of

        user = super().save(commit=commit)
        if commit:
            state = password_state_of(user)
            state.must_change = True
            state.save()
            auth_event_record(
                kind=AuthEvent.Kind.PASSWORD_RESET, user=user, detail="管理员重置，下次登录须修改"
            )
        return user


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class JixiaoUserAdmin(UserAdmin):
    inlines = (MembershipInline,)
    # A password set here is temporary: its holder must change it at the next login.
    change_password_form = ResetPasswordForm
