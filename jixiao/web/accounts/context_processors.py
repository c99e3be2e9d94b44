from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def session_policy(request: HttpRequest) -> dict[str, int | bool]:
    """The idle timeout, for the page's warning before it; which single sign-on is on."""
    return {
        "session_idle_seconds": settings.JIXIAO_SESSION_IDLE_SECONDS,
        "oidc_enabled": settings.OIDC_ENABLED,
        "cas_enabled": settings.CAS_ENABLED,
    }
