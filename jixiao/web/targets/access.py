"""Who may see and do what with targets and monitoring records: the one permission check of
both apps, built on the reach of roles in :mod:`jixiao.web.evaluations.access`.

Seeing: any role reaching the organisation. Editing (targets and monthly figures): 单位填报人
and 单位负责人 of the organisation, and 财政局管理员. Submitting: 单位负责人 (and finance).
Approving or returning: 主管部门审核人 and 财政局管理员 over the organisation. A person with no
role reaching the organisation gets 404, one who may see but not act 403.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q
from django.http import Http404

from jixiao.core.workflow import Role
from jixiao.web.evaluations.access import User, memberships_of, roles_at
from jixiao.web.organisations.models import Organisation

T = TypeVar("T", bound=Model)


class Need(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    SUBMIT = "submit"
    REVIEW = "review"


ROLES_FOR = {
    Need.VIEW: frozenset(Role),
    Need.EDIT: frozenset({Role.FILLER, Role.UNIT_HEAD, Role.FINANCE_ADMIN}),
    Need.SUBMIT: frozenset({Role.UNIT_HEAD, Role.FINANCE_ADMIN}),
    Need.REVIEW: frozenset({Role.DEPARTMENT_REVIEWER, Role.FINANCE_ADMIN}),
}


def allowed(user: User, organisation: Organisation, need: Need) -> bool:
    return bool(roles_at(user, organisation) & ROLES_FOR[need])


def require(user: User, organisation: Organisation, need: Need) -> None:
    """403 unless ``user`` may ``need`` at ``organisation`` (services call this too)."""
    if not allowed(user, organisation, need):
        raise PermissionDenied("您没有执行此操作的权限")


def object_for(model: type[T], user: User, pk: int, need: Need = Need.VIEW) -> T:
    """The row ``pk`` of ``model`` (which has an ``organisation``) if ``user`` may see it (404
    otherwise) and may ``need`` (403 otherwise)."""
    try:
        obj = model._default_manager.select_related("organisation").get(pk=pk)  # type: ignore[attr-defined]
    except (model.DoesNotExist, ValueError, TypeError):  # type: ignore[attr-defined]
        raise Http404("没有找到该记录") from None
    # Every model passed here belongs to an organisation (TargetSet, MonitoringRecord, uploads).
    organisation: Organisation = obj.organisation  # type: ignore[attr-defined]
    if not roles_at(user, organisation):
        raise Http404("没有找到该记录")
    require(user, organisation, need)
    return obj


def organisation_for(user: User, pk: int | str | None, need: Need = Need.VIEW) -> Organisation:
    if pk is None:
        raise Http404("没有找到该组织")
    try:
        organisation = Organisation.objects.get(pk=pk)
    except (Organisation.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该组织") from None
    if not roles_at(user, organisation):
        raise Http404("没有找到该组织")
    require(user, organisation, need)
    return organisation


def reach(user: User) -> Q | None:
    """A filter on Organisation for every organisation ``user`` reaches; None for all."""
    if getattr(user, "is_superuser", False):
        return None
    condition = Q(pk__in=[])
    for membership in memberships_of(user):
        if Role(membership.role) in {Role.FILLER, Role.UNIT_HEAD}:
            condition |= Q(pk=membership.organisation_id)
        else:
            condition |= Q(path__startswith=membership.organisation.path)
    return condition


def organisations_visible_to(user: User) -> list[Organisation]:
    if not user.is_authenticated or not user.is_active:
        return []
    condition = reach(user)
    queryset = Organisation.objects.all()
    return list(queryset if condition is None else queryset.filter(condition))
