from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def session_policy(request: HttpRequest) -> dict[str, int]:
    """The idle timeout, for the page's warning before it."""
    return {"session_idle_seconds": settings.JIXIAO_SESSION_IDLE_SECONDS}
