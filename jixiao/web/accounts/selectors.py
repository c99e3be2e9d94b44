"""Reads of the authentication log."""

from __future__ import annotations

from django.db.models import QuerySet

from jixiao.web.accounts.models import AuthEvent

EVENT_KINDS = AuthEvent.Kind.choices
#: One export holds at most this many rows (newest first); filter for older ones.
EXPORT_LIMIT = 100_000


def auth_events(*, username: str = "", kind: str = "") -> QuerySet[AuthEvent]:
    events = AuthEvent.objects.select_related("user")
    if username.strip():
        events = events.filter(username__icontains=username.strip())
    if kind in AuthEvent.Kind.values:
        events = events.filter(kind=kind)
    return events.order_by("-at", "-pk")
