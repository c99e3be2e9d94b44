"""Which part of the organisation tree a person's dashboards may cover: the access policy's
reach for dashboards (:mod:`jixiao.core.access`). Reviewers, observers and finance admins reach
a subtree; unit roles their own unit only. An organisation out of reach is 404, so its existence
is not disclosed.
"""

from __future__ import annotations

from jixiao.core.access import Act, Kind, Reach, Role, reach_of
from jixiao.web.organisations import access
from jixiao.web.organisations.access import User, memberships_of, permits, reach_filter
from jixiao.web.organisations.models import Organisation

KIND = Kind.DASHBOARD


def organisation_for(user: User, pk: object) -> Organisation:
    """Organisation ``pk`` if ``user`` may see its dashboard, 404 otherwise."""
    return access.organisation_for(user, pk, KIND)


def may_see(user: User, organisation: Organisation) -> bool:
    return permits(user, organisation, KIND)


def sees_all_monitoring(user: User, root: Organisation) -> bool:
    """Whether ``user`` sees every monitoring record of ``root``'s subtree: then the
    dashboard's kept 运行监控预警 tile is theirs; anyone else's is counted over what they see."""
    if reach_filter(user, Kind.MONITORING) is None:
        return True
    return any(
        reach_of(Role(m.role), Kind.MONITORING, Act.VIEW) is Reach.SUBTREE
        and m.organisation.contains(root)
        for m in memberships_of(user)
    )


def home_organisation(user: User) -> Organisation | None:
    """The widest organisation the user reaches: where their dashboard opens."""
    if not user.is_authenticated or not user.is_active:
        return None
    if getattr(user, "is_superuser", False):
        return Organisation.objects.filter(parent__isnull=True).order_by("path").first()
    memberships = [
        m for m in memberships_of(user) if reach_of(Role(m.role), KIND, Act.VIEW) is not None
    ]
    wide = [m for m in memberships if reach_of(Role(m.role), KIND, Act.VIEW) is Reach.SUBTREE]
    chosen = min(wide or memberships, key=lambda m: m.organisation.depth, default=None)
    return None if chosen is None else chosen.organisation


def top_organisations(user: User) -> list[Organisation]:
    """The top-level organisations (finance bureaus, or generated provinces) the user reaches:
    every root for a superuser, the roots of their finance or observer roles otherwise. More
    than one gives the dashboard a selector."""
    if not user.is_authenticated or not user.is_active:
        return []
    roots = Organisation.objects.filter(parent__isnull=True).order_by("name", "pk")
    return [o for o in roots if may_see(user, o)]
