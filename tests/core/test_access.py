"""The access policy table: each role's reach, and the workflow asking it who may step."""

from __future__ import annotations

from jixiao.core.access import (
    POLICY,
    ROLE_LABELS,
    Act,
    Kind,
    Reach,
    Role,
    is_public,
    reach_of,
    reaches,
    roles_for,
)
from jixiao.core.workflow import TRANSITIONS, Status, allowed_actions


def test_unit_roles_reach_their_own_unit_and_reviewers_their_subtree() -> None:
    assert reach_of(Role.FILLER, Kind.EVALUATION, Act.EDIT) is Reach.OWN
    assert reach_of(Role.DEPARTMENT_REVIEWER, Kind.EVALUATION, Act.DEPT_APPROVE) is Reach.SUBTREE
    assert reach_of(Role.DEPARTMENT_REVIEWER, Kind.EVALUATION, Act.EDIT) is None
    assert reach_of(Role.OBSERVER, Kind.DASHBOARD, Act.VIEW) is Reach.SUBTREE


def test_an_observer_may_only_look() -> None:
    granted = {g.act for g in POLICY if g.role is Role.OBSERVER}
    assert granted == {Act.VIEW}


def test_every_role_has_a_label_and_sees_something() -> None:
    for role in Role:
        assert ROLE_LABELS[role]
        assert any(g.role is role and g.act is Act.VIEW for g in POLICY), role


def test_every_workflow_step_is_granted_to_someone_on_evaluations() -> None:
    for transition in TRANSITIONS:
        assert roles_for(Kind.EVALUATION, Act(transition.action.value)), transition.action


def test_the_workflow_reads_who_may_step_from_the_policy() -> None:
    assert allowed_actions(Status.SUBMITTED, [Role.DEPARTMENT_REVIEWER]) == [
        a for a in (t.action for t in TRANSITIONS) if a.value in {"dept_approve", "dept_return"}
    ]
    # Finance may review targets at the department's stage, but not evaluations.
    submitted = [Role.FINANCE_ADMIN]
    assert allowed_actions(Status.SUBMITTED, submitted) == []
    assert [a.value for a in allowed_actions(Status.SUBMITTED, submitted, Kind.TARGETS)] == [
        "dept_approve",
        "dept_return",
    ]


def test_only_published_evaluations_are_public() -> None:
    assert is_public(Kind.EVALUATION, Act.VIEW)
    assert not is_public(Kind.TARGETS, Act.VIEW)
    assert not is_public(Kind.EVALUATION, Act.EDIT)


def test_reach_compares_materialised_paths() -> None:
    assert reaches(Reach.SUBTREE, "/1/4/", "/1/4/9/")
    assert not reaches(Reach.SUBTREE, "/1/4/", "/1/41/")
    assert reaches(Reach.OWN, "/1/4/", "/1/4/")
    assert not reaches(Reach.OWN, "/1/4/", "/1/4/9/")
    assert not reaches(None, "/1/", "/1/")


def test_the_season_is_run_by_the_policy() -> None:
    # The bureau issues tasks and re-scores; departments pass tasks on; both chase late units.
    assert roles_for(Kind.TASK, Act.ISSUE) == {Role.FINANCE_ADMIN}
    assert roles_for(Kind.TASK, Act.SET_UNIT_DUE) == {Role.DEPARTMENT_REVIEWER}
    assert roles_for(Kind.TASK, Act.REMIND) == {Role.FINANCE_ADMIN, Role.DEPARTMENT_REVIEWER}
    assert roles_for(Kind.EVALUATION, Act.SCORE) == {Role.FINANCE_ADMIN}
    # A unit sees the tasks addressed to it and does nothing else with them.
    assert reach_of(Role.FILLER, Kind.TASK, Act.VIEW) is Reach.OWN
    assert reach_of(Role.FILLER, Kind.TASK, Act.REMIND) is None
    assert reach_of(Role.OBSERVER, Kind.TASK, Act.VIEW) is Reach.SUBTREE
