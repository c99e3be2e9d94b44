"""Which part of the organisation tree a person's reports may cover.

Built on :func:`jixiao.web.evaluations.access.roles_at`, the one permission check: a person
sees an organisation's figures when they hold a role reaching it. Reviewers, observers and
finance admins reach a subtree; unit roles their own unit only. An organisation out of reach is
404, so its existence is not disclosed.
"""

from __future__ import annotations

from django.http import Http404

from jixiao.core.workflow import Role
from jixiao.web.evaluations.access import User, memberships_of, roles_at
from jixiao.web.organisations.models import Organisation


def organisation_for(user: User, pk: object) -> Organisation:
    """Organisation ``pk`` if ``user`` holds any role reaching it, 404 otherwise."""
    try:
        organisation = Organisation.objects.get(pk=int(str(pk)))
    except (Organisation.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该组织") from None
    if not roles_at(user, organisation):
        raise Http404("没有找到该组织")
    return organisation


def home_organisation(user: User) -> Organisation | None:
    """The widest organisation the user reaches: where their dashboard opens."""
    if not user.is_authenticated or not user.is_active:
        return None
    if getattr(user, "is_superuser", False):
        return Organisation.objects.filter(parent__isnull=True).order_by("path").first()
    memberships = memberships_of(user)
    wide = [m for m in memberships if Role(m.role) not in {Role.FILLER, Role.UNIT_HEAD}]
    chosen = min(wide or memberships, key=lambda m: m.organisation.depth, default=None)
    return None if chosen is None else chosen.organisation


def top_organisations(user: User) -> list[Organisation]:
    """The top-level organisations (finance bureaus, or generated provinces) the user reaches:
    every root for a superuser, the roots of their finance or observer roles otherwise. More
    than one gives the dashboard a selector."""
    if not user.is_authenticated or not user.is_active:
        return []
    roots = Organisation.objects.filter(parent__isnull=True).order_by("name", "pk")
    return [o for o in roots if roles_at(user, o)]
