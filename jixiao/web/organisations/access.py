"""The web layer's one permission check: the core's access policy
(:mod:`jixiao.core.access`) applied to the roles people hold at organisations.

Every view, service, API route, 汇总 and dashboard page, link and menu entry asks here:
:func:`permits` for a yes or no, :func:`require` to refuse with 403 (services call it too, so no
entry point can forget), :func:`organisation_for` and :func:`object_for` to fetch a row with the
check — 404 when the person reaches nothing there (its existence is not disclosed), 403 when they
see it but may not take the step — and :func:`reach_filter` to narrow a list.

A superuser holds :data:`~jixiao.core.access.SUPERUSER_ROLE` (finance admin) everywhere.
"""

from __future__ import annotations

import weakref
from typing import TypeVar

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as Account
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q
from django.http import Http404, HttpRequest

from jixiao.core.access import SUPERUSER_ROLE, Act, Kind, Reach, Role, reach_of, reaches
from jixiao.web.organisations.models import Membership, Organisation

#: Whoever is asking, as ``request.user`` has it: a signed-in account or an anonymous visitor.
#: Reads accept either (an anonymous visitor simply reaches nothing); writes that record who
#: acted take an :class:`Account`.
User = Account | AnonymousUser

T = TypeVar("T", bound=Model)


class AuthenticatedHttpRequest(HttpRequest):
    """The request a ``login_required`` view (or an authenticated API route) receives: its
    user is signed in. For type checking only; Django builds the request."""

    user: Account


# Memberships read once per user object: a request's user lives as long as the request, so the
# entry goes with it. Kept here, beside the object, rather than as an attribute on Django's User.
_memberships: dict[int, list[Membership]] = {}


def memberships_of(user: User) -> list[Membership]:
    """The user's memberships with their organisations (one query per user object)."""
    if not user.is_authenticated or not user.is_active:
        return []
    key = id(user)
    found = _memberships.get(key)
    if found is None:
        found = list(Membership.objects.filter(user=user).select_related("organisation"))
        _memberships[key] = found
        weakref.finalize(user, _memberships.pop, key, None)
    return found


def _is_superuser(user: User) -> bool:
    return bool(getattr(user, "is_superuser", False)) and user.is_active


def roles_at(
    user: User, organisation: Organisation, kind: Kind = Kind.EVALUATION, act: Act = Act.VIEW
) -> frozenset[Role]:
    """The roles ``user`` holds that may ``act`` on ``kind`` at ``organisation``."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    held: set[Role] = set()
    if _is_superuser(user) and reach_of(SUPERUSER_ROLE, kind, act) is not None:
        held.add(SUPERUSER_ROLE)
    for membership in memberships_of(user):
        role = Role(membership.role)
        if reaches(reach_of(role, kind, act), membership.organisation.path, organisation.path):
            held.add(role)
    return frozenset(held)


def permits(user: User, organisation: Organisation, kind: Kind, act: Act = Act.VIEW) -> bool:
    return bool(roles_at(user, organisation, kind, act))


def require(user: User, organisation: Organisation, kind: Kind, act: Act) -> frozenset[Role]:
    """The roles allowing ``act``; PermissionDenied when none does."""
    roles = roles_at(user, organisation, kind, act)
    if not roles:
        raise PermissionDenied("您没有执行此操作的权限")
    return roles


def uses(user: User, kind: Kind, act: Act = Act.VIEW) -> bool:
    """Whether ``user`` may ``act`` on ``kind`` anywhere: what the menu shows."""
    if _is_superuser(user):
        return reach_of(SUPERUSER_ROLE, kind, act) is not None
    return any(reach_of(Role(m.role), kind, act) is not None for m in memberships_of(user))


def organisation_for(
    user: User, pk: object, kind: Kind, act: Act = Act.VIEW, missing: str = "没有找到该组织"
) -> Organisation:
    """Organisation ``pk``: 404 unless ``user`` sees ``kind`` there, 403 unless they may
    ``act``."""
    try:
        organisation = Organisation.objects.get(pk=int(str(pk)))
    except (Organisation.DoesNotExist, ValueError, TypeError):
        raise Http404(missing) from None
    if not permits(user, organisation, kind):
        raise Http404(missing)
    if act is not Act.VIEW:
        require(user, organisation, kind, act)
    return organisation


def object_for(model: type[T], user: User, pk: object, kind: Kind, act: Act = Act.VIEW) -> T:
    """Row ``pk`` of ``model`` (which belongs to an ``organisation``): 404 unless ``user``
    sees ``kind`` there, 403 unless they may ``act``."""
    try:
        obj = model._default_manager.select_related("organisation").get(pk=pk)  # type: ignore[misc]
    except (model.DoesNotExist, ValueError, TypeError):  # type: ignore[attr-defined]
        raise Http404("没有找到该记录") from None
    organisation: Organisation = obj.organisation  # type: ignore[attr-defined]
    if not permits(user, organisation, kind):
        raise Http404("没有找到该记录")
    if act is not Act.VIEW:
        require(user, organisation, kind, act)
    return obj


def reach_filter(user: User, kind: Kind, act: Act = Act.VIEW, field: str = "") -> Q | None:
    """A filter on ``field`` (an Organisation, or a relation to one; "" for Organisation
    itself) for every organisation where ``user`` may ``act`` on ``kind``; None for all."""
    if _is_superuser(user) and reach_of(SUPERUSER_ROLE, kind, act) is not None:
        return None
    prefix = f"{field}__" if field else ""
    condition = Q(pk__in=[])
    for membership in memberships_of(user):
        reach = reach_of(Role(membership.role), kind, act)
        if reach is Reach.PUBLIC:
            return None
        if reach is Reach.OWN:
            condition |= Q(**{f"{prefix}pk": membership.organisation_id})
        elif reach is Reach.SUBTREE:
            condition |= Q(**{f"{prefix}path__startswith": membership.organisation.path})
    return condition


def organisations_visible_to(user: User, kind: Kind, act: Act = Act.VIEW) -> list[Organisation]:
    if not user.is_authenticated or not user.is_active:
        return []
    condition = reach_filter(user, kind, act)
    queryset = Organisation.objects.all()
    return list(queryset if condition is None else queryset.filter(condition))
