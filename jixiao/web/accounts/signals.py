"""Logins, failures, logouts and lockouts go to the authentication log."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from jixiao.web.accounts.models import AuthEvent
from jixiao.web.accounts.services import auth_event_record, must_change_password

#: Session keys: when this login began (for the absolute lifetime) and the last request.
LOGIN_AT = "jixiao_login_at"
SEEN_AT = "jixiao_seen_at"
#: Session key: the person must choose a new password before anything else.
MUST_CHANGE = "jixiao_must_change_password"


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = int(timezone.now().timestamp())
        request.session[LOGIN_AT] = now
        request.session[SEEN_AT] = now
        if must_change_password(user):
            request.session[MUST_CHANGE] = True
    auth_event_record(kind=AuthEvent.Kind.LOGIN, request=request, user=user)


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        auth_event_record(kind=AuthEvent.Kind.LOGOUT, request=request, user=user)


@receiver(user_login_failed)
def _failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username", "") or "")
    auth_event_record(kind=AuthEvent.Kind.LOGIN_FAILED, request=request, username=username)


@receiver(user_locked_out)
def _locked_out(sender: Any, request: Any, username: Any = None, **kwargs: Any) -> None:
    auth_event_record(kind=AuthEvent.Kind.LOCKED_OUT, request=request, username=str(username or ""))
