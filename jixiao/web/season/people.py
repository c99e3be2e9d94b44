"""Who is concerned by what happens to an organisation's forms or tasks: the people whose roles
the access policy (:mod:`jixiao.core.access`) lets take a step there. No role is named here; a
new role reaches the right inboxes by its rows in the policy."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User as Account
from django.db.models import Q, QuerySet

from jixiao.core.access import Act, Kind, Reach, reach_of, roles_for
from jixiao.web.organisations.models import Membership, Organisation


def _ancestor_ids(organisation: Organisation) -> list[int]:
    return [int(part) for part in organisation.path.strip("/").split("/") if part]


def able_at(
    organisations: Iterable[Organisation], kind: Kind, act: Act, *, above: bool = False
) -> QuerySet[Account]:
    """The active people who may ``act`` on ``kind`` at any of ``organisations``: roles held
    there, and, with ``above``, roles held higher up whose reach is the subtree."""
    organisations = list(organisations)
    own_ids = [o.pk for o in organisations]
    ancestor_ids = sorted({a for o in organisations for a in _ancestor_ids(o)}) if above else []
    condition = Q(pk__in=[])
    for role in roles_for(kind, act):
        reach = reach_of(role, kind, act)
        if reach in (Reach.OWN, Reach.SUBTREE):
            condition |= Q(memberships__role=role.value, memberships__organisation_id__in=own_ids)
        if reach is Reach.SUBTREE and ancestor_ids:
            condition |= Q(
                memberships__role=role.value, memberships__organisation_id__in=ancestor_ids
            )
    return Account.objects.filter(condition, is_active=True).distinct()


def fillers_of(organisations: Iterable[Organisation]) -> QuerySet[Account]:
    """The people who fill in these organisations' own forms."""
    return able_at(organisations, Kind.EVALUATION, Act.EDIT)


def reviewers_over(organisation: Organisation, act: Act) -> QuerySet[Account]:
    """The people who may take review step ``act`` on the organisation's forms (held there or
    above it)."""
    return able_at([organisation], Kind.EVALUATION, act, above=True)


def department_reviewers(departments: Iterable[Organisation]) -> QuerySet[Account]:
    """The people at the departments themselves who review their units' forms."""
    return able_at(departments, Kind.EVALUATION, Act.DEPT_APPROVE)


def memberships_in(organisations: Iterable[Organisation]) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation__in=list(organisations))
