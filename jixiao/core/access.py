"""Who may do what, where: the one access policy, as a table.

Each row grants a role an action on a kind of document within a reach:

* **own** — the organisation where the role is held (a unit's 填报人 fills in its own forms);
* **subtree** — that organisation and every one below it (a 主管部门审核人 reviews its units);
* **public** — anyone, signed in or not (published forms on the portal).

Which status allows a step is the workflow's question (:mod:`jixiao.core.workflow`); who may take
it, and where, is answered here only. The web layer reads this table for every check — views,
services, the API, 汇总, dashboards, linking and the menu — through
:mod:`jixiao.web.organisations.access`. A new role is a :class:`Role` member, its Chinese label
and its rows below (docs/architecture.md lists the files).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache


class Role(StrEnum):
    FILLER = "filler"
    UNIT_HEAD = "unit_head"
    DEPARTMENT_REVIEWER = "department_reviewer"
    FINANCE_ADMIN = "finance_admin"
    OBSERVER = "observer"


ROLE_LABELS: dict[Role, str] = {
    Role.FILLER: "单位填报人",
    Role.UNIT_HEAD: "单位负责人",
    Role.DEPARTMENT_REVIEWER: "主管部门审核人",
    Role.FINANCE_ADMIN: "财政局管理员",
    Role.OBSERVER: "只读观察员",
}


class Kind(StrEnum):
    """What is being reached: a kind of document, or a page family built on them."""

    EVALUATION = "evaluation"  # 绩效自评表
    TARGETS = "targets"  # 绩效目标申报表
    MONITORING = "monitoring"  # 绩效运行监控表
    CONSOLIDATION = "consolidation"  # 部门汇总
    DASHBOARD = "dashboard"  # 统计分析
    LINK = "link"  # 跨年度关联
    TASK = "task"  # 自评任务 (the season's campaign)


class Act(StrEnum):
    """Actions. The workflow's steps keep their names (``jixiao.core.workflow.Action`` values
    are the same strings), so a step is checked by its own name."""

    VIEW = "view"
    CREATE = "create"
    EDIT = "edit"
    SUBMIT = "submit"
    DEPT_APPROVE = "dept_approve"
    DEPT_RETURN = "dept_return"
    FINANCE_APPROVE = "finance_approve"
    FINANCE_RETURN = "finance_return"
    PUBLISH = "publish"
    BUILD = "build"  # build or rebuild a 汇总
    WRITE_CLOSED_YEAR = "write_closed_year"  # change documents of a year closed to units
    ISSUE = "issue"  # issue a 自评任务, extend it for all, withdraw it (at the issuer)
    SET_UNIT_DUE = "set_unit_due"  # a department's earlier due date for its units
    REMIND = "remind"  # 催报 a unit and extend its own due date
    SCORE = "score"  # 复核评分: the bureau's score beside the unit's self-score


class Reach(StrEnum):
    OWN = "own"
    SUBTREE = "subtree"
    PUBLIC = "public"


@dataclass(frozen=True)
class Grant:
    """``role`` may ``act`` on ``kind`` within ``reach`` (``role`` None: anyone at all)."""

    role: Role | None
    kind: Kind
    act: Act
    reach: Reach


#: What a Django superuser counts as, everywhere.
SUPERUSER_ROLE = Role.FINANCE_ADMIN

UNIT = (Role.FILLER, Role.UNIT_HEAD)
DOCUMENTS = (Kind.EVALUATION, Kind.TARGETS, Kind.MONITORING)
EVERYTHING = tuple(Kind)

# who, on what, may do what, where. One line per rule; :data:`POLICY` is every combination.
_RULES: tuple[tuple[tuple[Role | None, ...], tuple[Kind, ...], tuple[Act, ...], Reach], ...] = (
    # A unit's people see and fill in their own unit's documents; its head submits them.
    (UNIT, EVERYTHING, (Act.VIEW,), Reach.OWN),
    (UNIT, DOCUMENTS, (Act.CREATE, Act.EDIT), Reach.OWN),
    ((Role.UNIT_HEAD,), (Kind.EVALUATION, Kind.TARGETS), (Act.SUBMIT,), Reach.OWN),
    # A department's own people build its 汇总 (then submit it as its head).
    (UNIT, (Kind.CONSOLIDATION,), (Act.BUILD,), Reach.OWN),
    (UNIT, (Kind.LINK,), (Act.EDIT,), Reach.OWN),
    # The supervising department reviews what its subtree files.
    ((Role.DEPARTMENT_REVIEWER,), EVERYTHING, (Act.VIEW,), Reach.SUBTREE),
    (
        (Role.DEPARTMENT_REVIEWER,),
        (Kind.EVALUATION, Kind.TARGETS),
        (Act.DEPT_APPROVE, Act.DEPT_RETURN),
        Reach.SUBTREE,
    ),
    ((Role.DEPARTMENT_REVIEWER,), (Kind.LINK,), (Act.EDIT,), Reach.SUBTREE),
    # In the season it passes the task on with an earlier date and chases its late units.
    ((Role.DEPARTMENT_REVIEWER,), (Kind.TASK,), (Act.SET_UNIT_DUE, Act.REMIND), Reach.SUBTREE),
    # The finance bureau: everything below it; the last review, publication; it may correct
    # targets and monitoring figures and start forms for a unit (the year-end hand-off).
    ((Role.FINANCE_ADMIN,), EVERYTHING, (Act.VIEW,), Reach.SUBTREE),
    ((Role.FINANCE_ADMIN,), (Kind.EVALUATION,), (Act.CREATE,), Reach.SUBTREE),
    (
        (Role.FINANCE_ADMIN,),
        (Kind.TARGETS, Kind.MONITORING),
        (Act.CREATE, Act.EDIT),
        Reach.SUBTREE,
    ),
    (
        (Role.FINANCE_ADMIN,),
        (Kind.TARGETS,),
        (Act.SUBMIT, Act.DEPT_APPROVE, Act.DEPT_RETURN),
        Reach.SUBTREE,
    ),
    (
        (Role.FINANCE_ADMIN,),
        (Kind.EVALUATION,),
        (Act.FINANCE_APPROVE, Act.FINANCE_RETURN, Act.PUBLISH),
        Reach.SUBTREE,
    ),
    ((Role.FINANCE_ADMIN,), (Kind.LINK,), (Act.EDIT,), Reach.SUBTREE),
    # It runs the 自评 season: issues the task, chases units, re-scores approved forms.
    ((Role.FINANCE_ADMIN,), (Kind.TASK,), (Act.ISSUE, Act.REMIND), Reach.SUBTREE),
    ((Role.FINANCE_ADMIN,), (Kind.EVALUATION,), (Act.SCORE,), Reach.SUBTREE),
    # It closed the year (开放填报 off) and answers for it, so it alone may still correct.
    ((Role.FINANCE_ADMIN,), DOCUMENTS, (Act.WRITE_CLOSED_YEAR,), Reach.SUBTREE),
    # An observer sees what is below it and changes nothing.
    ((Role.OBSERVER,), EVERYTHING, (Act.VIEW,), Reach.SUBTREE),
    # Anyone reads published forms (the portal decides which forms are published).
    ((None,), (Kind.EVALUATION,), (Act.VIEW,), Reach.PUBLIC),
)

POLICY: tuple[Grant, ...] = tuple(
    Grant(role, kind, act, reach)
    for roles, kinds, acts, reach in _RULES
    for role in roles
    for kind in kinds
    for act in acts
)


@cache
def reach_of(role: Role, kind: Kind, act: Act) -> Reach | None:
    """How far ``role`` may ``act`` on ``kind`` (None: nowhere). The widest row wins."""
    found = {g.reach for g in POLICY if g.role is role and g.kind is kind and g.act is act}
    for reach in (Reach.PUBLIC, Reach.SUBTREE, Reach.OWN):
        if reach in found:
            return reach
    return None


@cache
def roles_for(kind: Kind, act: Act) -> frozenset[Role]:
    """The roles that may ``act`` on ``kind`` somewhere."""
    return frozenset(g.role for g in POLICY if g.kind is kind and g.act is act and g.role)


def is_public(kind: Kind, act: Act) -> bool:
    return any(g.role is None and g.kind is kind and g.act is act for g in POLICY)


def may(roles: Iterable[Role], kind: Kind, act: Act) -> bool:
    """Whether any of ``roles`` may ever ``act`` on ``kind`` (within its reach)."""
    return bool(frozenset(roles) & roles_for(kind, act))


def reaches(reach: Reach | None, held_at: str, target: str) -> bool:
    """Whether a role held at the organisation with materialised path ``held_at`` reaches the
    one at ``target`` (paths of ids such as ``/1/4/9/``)."""
    if reach is Reach.PUBLIC:
        return True
    if reach is Reach.SUBTREE:
        return target.startswith(held_at)
    if reach is Reach.OWN:
        return target == held_at
    return False
