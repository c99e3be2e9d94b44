"""The unread badge in the navigation bar (one count query per page)."""

from __future__ import annotations

from typing import Any

from django import template

from jixiao.web.notifications.services import unread_of

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_count(context: dict[str, Any]) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return unread_of(user).count()
