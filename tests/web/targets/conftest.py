"""Targets of the test world: the unit's 2023 targets drafted from its 2022 form."""

from __future__ import annotations

import pytest

from jixiao.web.targets.models import TargetSet
from jixiao.web.targets.services import targets_create


@pytest.fixture
def unit_targets(world) -> TargetSet:
    return targets_create(organisation=world.unit, year=2023, user=world.unit_user)


def form_post(target_set: TargetSet, **changes: str) -> dict[str, str]:
    """The editor's POST for the stored targets, with some fields changed."""
    from jixiao.core.targets import DepartmentTargets
    from jixiao.web.evaluations.editor.fields import LIST_MARK, flatten

    post = flatten(DepartmentTargets, target_set.data)
    post.pop("form_type", None)
    post.pop("year", None)
    post = {k: v for k, v in post.items() if v != ""}
    data = target_set.data
    marks = ["annual_goals", "tasks", "projects"]
    marks += [f"tasks-{i}-indicators" for i in range(len(data["tasks"]))]
    marks += [f"projects-{i}-indicators" for i in range(len(data["projects"]))]
    marks += [f"projects-{i}-key" for i in range(len(data["projects"]))]
    post.update({f"{m}-{LIST_MARK}": "1" for m in marks})
    post["version"] = str(target_set.version)
    post.update(changes)
    return post


# The browser fixtures of the web suite, shared rather than copied.
from tests.web.test_browser import chromium, open_as  # noqa: E402, F401
