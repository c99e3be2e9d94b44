"""Confirming and removing cross-year links."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from jixiao.core.access import Act, Kind
from jixiao.core.workflow import WorkflowError
from jixiao.web.linking.models import ItemLink
from jixiao.web.linking.selectors import forms_by_year, names_of
from jixiao.web.organisations.access import Account, User, permits
from jixiao.web.organisations.models import Organisation


def may_link(user: User, organisation: Organisation) -> bool:
    return permits(user, organisation, Kind.LINK, Act.EDIT)


@transaction.atomic
def link_confirm(
    *,
    organisation: Organisation,
    user: Account,
    kind: str,
    earlier_year: int,
    earlier_name: str,
    later_year: int,
    later_name: str,
) -> ItemLink:
    """Record that ``later_name`` of ``later_year`` continues ``earlier_name``."""
    if not may_link(user, organisation):
        raise PermissionDenied("您没有为该单位关联跨年度事项的权限")
    if kind not in ItemLink.Kind.values:
        raise WorkflowError("未知的事项类别")
    if earlier_year >= later_year:
        raise WorkflowError("只能关联到更早年度的事项")
    forms = forms_by_year(organisation)
    for year, name in ((earlier_year, earlier_name), (later_year, later_name)):
        if year not in forms or name not in names_of(forms[year], kind):
            raise WorkflowError(f"{year}年度的表中没有“{name}”")
    link, _ = ItemLink.objects.update_or_create(
        organisation=organisation,
        kind=kind,
        later_year=later_year,
        later_name=later_name,
        defaults={"earlier_year": earlier_year, "earlier_name": earlier_name, "confirmed_by": user},
    )
    return link


@transaction.atomic
def link_remove(*, link: ItemLink, user: Account) -> None:
    if not may_link(user, link.organisation):
        raise PermissionDenied("您没有为该单位关联跨年度事项的权限")
    link.delete()
