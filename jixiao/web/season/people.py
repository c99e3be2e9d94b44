"""Who is concerned by what happens to an organisation's forms or tasks."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User as Account
from django.db.models import QuerySet

from jixiao.core.workflow import Role
from jixiao.web.organisations.models import Membership, Organisation

UNIT_ROLES = (Role.FILLER.value, Role.UNIT_HEAD.value)


def _ancestor_ids(organisation: Organisation) -> list[int]:
    return [int(part) for part in organisation.path.strip("/").split("/") if part]


def fillers_of(organisations: Iterable[Organisation]) -> QuerySet[Account]:
    """The people who fill in (or sign off) these organisations' forms."""
    ids = [o.pk for o in organisations]
    return Account.objects.filter(
        memberships__organisation_id__in=ids, memberships__role__in=UNIT_ROLES, is_active=True
    ).distinct()


def reviewers_over(organisation: Organisation, role: Role) -> QuerySet[Account]:
    """The people holding ``role`` at the organisation or above it (whose reach includes it)."""
    return Account.objects.filter(
        memberships__organisation_id__in=_ancestor_ids(organisation),
        memberships__role=role.value,
        is_active=True,
    ).distinct()


def department_reviewers(departments: Iterable[Organisation]) -> QuerySet[Account]:
    ids = [d.pk for d in departments]
    return Account.objects.filter(
        memberships__organisation_id__in=ids,
        memberships__role=Role.DEPARTMENT_REVIEWER.value,
        is_active=True,
    ).distinct()


def memberships_in(organisations: Iterable[Organisation]) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation__in=list(organisations))
