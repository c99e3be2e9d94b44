"""Who may see and do what with an evaluation, through the one access policy.

Every view, API route and export link fetches its evaluation through :func:`evaluation_for`.
A person with no role reaching the form's organisation gets 404 (the form's existence is not
disclosed); a person who may see it but not take the step gets 403. Who may take which step is
the policy's table (:mod:`jixiao.core.access`, applied by :mod:`jixiao.web.organisations.access`);
in which status, the workflow's (:mod:`jixiao.core.workflow`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jixiao.core.access import Act, Kind
from jixiao.core.access import may as policy_may
from jixiao.core.workflow import Action, Role, allowed_actions
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.organisations.access import (
    Account,
    AuthenticatedHttpRequest,
    User,
    memberships_of,
    organisation_for,
    roles_at,
)
from jixiao.web.organisations.models import Organisation

__all__ = ["Account", "AuthenticatedHttpRequest", "User", "memberships_of", "roles_at"]

KIND = Kind.EVALUATION


def may(roles: frozenset[Role], action: Action) -> bool:
    """Whether a role may ever take ``action`` on an evaluation (whatever the status)."""
    return policy_may(roles, KIND, Act(action.value))


def evaluation_for(user: User, pk: int, action: Action | None = None) -> Evaluation:
    """The evaluation ``pk`` if ``user`` may see it (404 otherwise) and, when ``action`` is
    given, may take that step (403 otherwise). Whether the status allows the step now is the
    service's question, answered with a message rather than an error page."""
    try:
        evaluation = Evaluation.objects.select_related("organisation").get(pk=pk)
    except (Evaluation.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该表单") from None
    if not roles_at(user, evaluation.organisation, KIND):
        raise Http404("没有找到该表单")
    if action is not None:
        require_action(user, evaluation, action)
    return evaluation


def actions_available(user: User, evaluation: Evaluation) -> list[Action]:
    """The steps ``user`` may take on ``evaluation`` now, each within its own reach."""
    organisation = evaluation.organisation
    return [
        action
        for action in allowed_actions(evaluation.core_status, roles_at(user, organisation, KIND))
        if roles_at(user, organisation, KIND, Act(action.value))
    ]


def require_action(user: User, evaluation: Evaluation, action: Action) -> frozenset[Role]:
    """The roles that allow ``action`` on ``evaluation`` (PermissionDenied when none do). Used
    by services so that no write happens without the check, whoever calls."""
    roles = roles_at(user, evaluation.organisation, KIND, Act(action.value))
    if not roles:
        raise PermissionDenied("您没有执行此操作的权限")
    return roles


def organisation_for_new_form(user: User, pk: object) -> Organisation:
    """The organisation ``pk`` if ``user`` may start a form for it: 404 when they have no role
    reaching it (its existence is not disclosed), 403 when they see its forms but do not fill
    them."""
    organisation = organisation_for(user, pk, KIND, missing="没有找到该单位")
    if not roles_at(user, organisation, KIND, Act.EDIT):
        raise PermissionDenied("只有该单位的填报人或负责人可以新建表单")
    return organisation
