"""Whether the person has an indicator library to open (the menu shows 指标库 only then).

Read from the memberships already cached for the request, so the menu costs no query: everyone
who belongs to an organisation under a finance bureau reads that bureau's library."""

from __future__ import annotations

from typing import Any

from django import template

from jixiao.web.evaluations.access import memberships_of

register = template.Library()


@register.simple_tag(takes_context=True)
def has_library(context: dict[str, Any]) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return bool(memberships_of(user))
