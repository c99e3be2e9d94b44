"""Every write about accounts: the authentication log, password changes and resets.

A person changes their own password; an administrator resets someone's, after which that person
must choose a new one at their next login. Each step writes an :class:`AuthEvent`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from jixiao.demo import DEMO_PASSWORD
from jixiao.web.accounts.models import AuthEvent, PasswordState


def client_address(request: HttpRequest | None) -> str:
    """The client's address as django-axes sees it (behind a proxy, the forwarded one)."""
    if request is None:
        return ""
    from axes.helpers import get_client_ip_address

    return (get_client_ip_address(request) or "")[:45]


def auth_event_record(
    *,
    kind: str,
    request: HttpRequest | None = None,
    user: Any = None,
    username: str = "",
    detail: str = "",
) -> AuthEvent:
    """Add one row to the authentication log."""
    account = user if user is not None and getattr(user, "is_authenticated", False) else None
    meta = request.META if request is not None else {}
    return AuthEvent.objects.create(
        kind=kind,
        user=account,
        username=(username or (account.get_username() if account else ""))[:150],
        address=client_address(request),
        user_agent=str(meta.get("HTTP_USER_AGENT", ""))[:255],
        path=(request.path if request is not None else "")[:255],
        detail=detail[:255],
    )


def password_state_of(user: User) -> PasswordState:
    state, _ = PasswordState.objects.get_or_create(user=user)
    return state


def must_change_password(user: Any) -> bool:
    """Whether ``user`` must choose a new password before anything else: after an
    administrator's reset, and outside debug while the shared demo password is in use."""
    if not getattr(user, "is_authenticated", False):
        return False
    if PasswordState.objects.filter(user=user, must_change=True).exists():
        return True
    if settings.DEBUG:
        return False
    return bool(user.check_password(DEMO_PASSWORD))


@transaction.atomic
def password_change(*, user: User, new_password: str, request: HttpRequest | None = None) -> None:
    """Set the person's own new password (already validated by the form)."""
    user.set_password(new_password)
    user.save(update_fields=["password"])
    state = password_state_of(user)
    state.must_change = False
    state.changed_at = timezone.now()
    state.save()
    auth_event_record(kind=AuthEvent.Kind.PASSWORD_CHANGED, request=request, user=user)


@transaction.atomic
def password_reset_by_admin(
    *, admin: User, user: User, new_password: str, request: HttpRequest | None = None
) -> None:
    """An administrator sets a temporary password; the person must change it at next login."""
    password_validation.validate_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    state = password_state_of(user)
    state.must_change = True
    state.changed_at = timezone.now()
    state.save()
    auth_event_record(
        kind=AuthEvent.Kind.PASSWORD_RESET,
        request=request,
        user=user,
        detail=f"由管理员 {admin.get_username()} 重置，下次登录须修改",
    )
