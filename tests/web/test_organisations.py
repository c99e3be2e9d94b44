"""The organisation tree keeps its materialised paths right, also when a branch moves."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from jixiao.web.organisations.models import Organisation


def test_a_subtree_holds_the_organisation_and_everything_below(world) -> None:
    names = {o.name for o in world.department.subtree()}
    assert names == {world.department.name, world.unit.name, world.other_unit.name}
    assert world.unit.depth == 2


def test_moving_a_branch_moves_its_descendants(world) -> None:
    team = Organisation.objects.create(name="下属科室", kind="unit", parent=world.unit)
    new_parent = Organisation.objects.create(
        name="另一部门", kind="department", parent=world.bureau
    )
    world.unit.parent = new_parent
    world.unit.save()
    team.refresh_from_db()
    assert team.path == f"{new_parent.path}{world.unit.pk}/{team.pk}/"
    assert not world.department.contains(team)


def test_an_organisation_cannot_be_put_under_its_own_child(world) -> None:
    world.department.parent = world.unit
    with pytest.raises(ValidationError):
        world.department.full_clean()
