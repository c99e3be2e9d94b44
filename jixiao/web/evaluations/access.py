"""Who may see and do what with an evaluation: the one permission check of the web layer.

Every view, API route and export link fetches its evaluation through :func:`evaluation_for`.
A person with no role reaching the form's organisation gets 404 (the form's existence is not
disclosed); a person who may see it but not take the step gets 403. Which step a role may take in
which status is the core's state table (:mod:`jixiao.core.workflow`).

Reach of a role held at an organisation: unit roles (单位填报人, 单位负责人) that organisation
only; 主管部门审核人 and 只读观察员 its whole subtree; 财政局管理员 its subtree too, which for the
bureau at the root is everything. A superuser is a finance admin everywhere.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as Account
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from jixiao.core.workflow import Action, Role, allowed_actions, transition_for
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.organisations.models import Membership, Organisation

#: Whoever is asking, as ``request.user`` has it: a signed-in account or an anonymous visitor.
#: Reads accept either (an anonymous visitor simply reaches nothing); writes that record who
#: acted take an :class:`Account`.
User = Account | AnonymousUser


class AuthenticatedHttpRequest(HttpRequest):
    """The request a ``login_required`` view (or an authenticated API route) receives: its
    user is signed in. For type checking only; Django builds the request."""

    user: Account


_UNIT_ROLES = frozenset({Role.FILLER, Role.UNIT_HEAD})


def memberships_of(user: User) -> list[Membership]:
    """The user's memberships, read once per request (cached on the user object)."""
    if not user.is_authenticated or not user.is_active:
        return []
    cached: list[Membership] | None = getattr(user, "_jixiao_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("organisation"))
        # Django's User declares no such attribute: it is this module's per-request cache.
        user._jixiao_memberships = cached  # type: ignore[attr-defined]
    return cached


def roles_at(user: User, organisation: Organisation) -> frozenset[Role]:
    """The roles ``user`` holds over ``organisation``'s forms."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    roles: set[Role] = set()
    if getattr(user, "is_superuser", False):
        roles.add(Role.FINANCE_ADMIN)
    for membership in memberships_of(user):
        role = Role(membership.role)
        if role in _UNIT_ROLES:
            if membership.organisation_id == organisation.pk:
                roles.add(role)
        elif membership.organisation.contains(organisation):
            roles.add(role)
    return frozenset(roles)


def may(roles: frozenset[Role], action: Action) -> bool:
    """Whether a role may ever take ``action`` (whatever the status)."""
    return bool(roles & transition_for(action).roles)


def evaluation_for(user: User, pk: int, action: Action | None = None) -> Evaluation:
    """The evaluation ``pk`` if ``user`` may see it (404 otherwise) and, when ``action`` is
    given, may take that step (403 otherwise). Whether the status allows the step now is the
    service's question, answered with a message rather than an error page."""
    try:
        evaluation = Evaluation.objects.select_related("organisation").get(pk=pk)
    except (Evaluation.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该表单") from None
    roles = roles_at(user, evaluation.organisation)
    if not roles:
        raise Http404("没有找到该表单")
    if action is not None and not may(roles, action):
        raise PermissionDenied("您没有执行此操作的权限")
    return evaluation


def actions_available(user: User, evaluation: Evaluation) -> list[Action]:
    return allowed_actions(evaluation.core_status, roles_at(user, evaluation.organisation))


def require_action(user: User, evaluation: Evaluation, action: Action) -> frozenset[Role]:
    """The roles that allow ``action`` on ``evaluation`` (PermissionDenied when none do). Used
    by services so that no write happens without the check, whoever calls."""
    roles = roles_at(user, evaluation.organisation)
    if not may(roles, action):
        raise PermissionDenied("您没有执行此操作的权限")
    return roles


def organisation_for_new_form(user: User, pk: object) -> Organisation:
    """The organisation ``pk`` if ``user`` may start a form for it: 404 when they have no role
    reaching it (its existence is not disclosed), 403 when they see its forms but do not fill
    them."""
    try:
        organisation = Organisation.objects.get(pk=int(str(pk)))
    except (Organisation.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该单位") from None
    roles = roles_at(user, organisation)
    if not roles:
        raise Http404("没有找到该单位")
    if not may(roles, Action.EDIT):
        raise PermissionDenied("只有该单位的填报人或负责人可以新建表单")
    return organisation
