"""The one permission check: reach of each role and the 404/403 split."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from jixiao.core.workflow import Action, Role
from jixiao.web.evaluations.access import evaluation_for, roles_at
from jixiao.web.evaluations.selectors import evaluations_visible_to


def test_a_unit_user_holds_roles_only_at_their_own_unit(world) -> None:
    assert roles_at(world.unit_user, world.unit) == {Role.FILLER, Role.UNIT_HEAD}
    assert roles_at(world.unit_user, world.other_unit) == frozenset()
    assert roles_at(world.unit_user, world.department) == frozenset()


def test_a_reviewer_reaches_the_department_and_its_units_but_not_above(world) -> None:
    for org in (world.department, world.unit, world.other_unit):
        assert roles_at(world.reviewer, org) == {Role.DEPARTMENT_REVIEWER}
    assert roles_at(world.reviewer, world.bureau) == frozenset()


def test_the_finance_admin_reaches_everything(world) -> None:
    assert roles_at(world.finance, world.other_unit) == {Role.FINANCE_ADMIN}


def test_another_units_form_is_not_found_for_a_unit_user(world) -> None:
    with pytest.raises(Http404):
        evaluation_for(world.unit_user, world.other_form.pk)


def test_a_visible_form_without_the_right_role_is_forbidden(world) -> None:
    assert evaluation_for(world.observer, world.unit_form.pk) == world.unit_form
    with pytest.raises(PermissionDenied):
        evaluation_for(world.observer, world.unit_form.pk, Action.EDIT)
    with pytest.raises(PermissionDenied):
        evaluation_for(world.reviewer, world.unit_form.pk, Action.SUBMIT)


@pytest.mark.parametrize("pk", [999999, "abc", None])
def test_nonsense_ids_are_not_found(world, pk) -> None:
    with pytest.raises(Http404):
        evaluation_for(world.finance, pk)


def test_anonymous_and_outsiders_see_nothing(world) -> None:
    assert list(evaluations_visible_to(AnonymousUser())) == []
    assert list(evaluations_visible_to(world.outsider)) == []
    with pytest.raises(Http404):
        evaluation_for(world.outsider, world.unit_form.pk)


def test_lists_show_exactly_what_each_persona_may_open(world) -> None:
    def titles(user):
        return sorted(e.organisation.name for e in evaluations_visible_to(user))

    assert titles(world.unit_user) == [world.unit.name]
    assert titles(world.other_unit_user) == [world.other_unit.name]
    both = sorted([world.unit.name, world.other_unit.name])
    assert titles(world.reviewer) == both
    assert titles(world.finance) == both
    assert titles(world.observer) == both


def test_an_inactive_user_has_no_roles(world) -> None:
    world.unit_user.is_active = False
    world.unit_user.save()
    assert roles_at(world.unit_user, world.unit) == frozenset()
