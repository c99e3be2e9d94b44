"""Reads for the season: which tasks a person sees, who files for a task and by when, and the
填报进度 table. Each read is a fixed number of queries whatever the number of units; the figures
come from :mod:`jixiao.core.season`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from jixiao.core.access import Act, Kind, Reach, Role, reach_of
from jixiao.core.season import (
    HANDED_IN,
    PROGRESS_LABELS,
    Progress,
    Tally,
    days_late,
    days_left,
    due_text,
    tally,
    unit_progress,
)
from jixiao.web.evaluations.access import User, memberships_of
from jixiao.web.organisations.access import permits
from jixiao.web.organisations.models import Organisation
from jixiao.web.season.models import FormFacts, Reminder, Task, TaskDepartment, UnitDeadline


def _reach(role: str, kind: Kind, act: Act = Act.VIEW) -> Reach | None:
    return reach_of(Role(role), kind, act)


def _ancestor_ids(organisation: Organisation) -> list[int]:
    return [int(part) for part in organisation.path.strip("/").split("/") if part]


def tasks_visible_to(user: User) -> QuerySet[Task]:
    """Tasks issued by or to an organisation the user reaches, or to the department over the
    user's unit."""
    tasks = Task.objects.select_related("issuer")
    if not user.is_authenticated or not user.is_active:
        return tasks.none()
    if getattr(user, "is_superuser", False):
        return tasks
    condition = Q(pk__in=[])
    for membership in memberships_of(user):
        org = membership.organisation
        reach = _reach(membership.role, Kind.TASK)
        if reach is None:
            continue
        if reach is not Reach.OWN:
            condition |= Q(issuer__path__startswith=org.path)
            condition |= Q(departments__department__path__startswith=org.path)
        condition |= Q(departments__department_id__in=_ancestor_ids(org))
    return tasks.filter(condition).distinct()


def task_for(user: User, pk: object) -> Task:
    from django.http import Http404

    try:
        return tasks_visible_to(user).get(pk=int(str(pk)))
    except (Task.DoesNotExist, ValueError, TypeError):
        raise Http404("没有找到该自评任务") from None


def may_manage(user: User, task: Task) -> bool:
    """Issue, extend for all, withdraw: whoever the policy lets issue tasks at the issuer."""
    return permits(user, task.issuer, Kind.TASK, Act.ISSUE)


def may_remind(user: User, organisation: Organisation) -> bool:
    """催报 and per-unit extension: the bureau, or the department reviewing the unit."""
    return permits(user, organisation, Kind.TASK, Act.REMIND)


def may_set_unit_due(user: User, department: Organisation) -> bool:
    """A department's earlier due date for its units."""
    return permits(user, department, Kind.TASK, Act.SET_UNIT_DUE)


def filing_units(task: Task, departments: list[TaskDepartment]) -> list[Organisation]:
    """Every organisation that files for the task: the departments and all under them (name
    and place only: a bureau has thousands)."""
    if not departments:
        return []
    condition = Q(pk__in=[])
    for td in departments:
        condition |= Q(path__startswith=td.department.path)
    return list(
        Organisation.objects.filter(condition).only("id", "name", "kind", "path").order_by("path")
    )


def reach_test(user: User) -> Callable[[Organisation | Place], bool]:
    """Whether the user sees an organisation's forms, decided in memory (the same reach as
    :func:`~jixiao.web.evaluations.access.roles_at`, for thousands of rows at once)."""
    if not user.is_authenticated or not user.is_active:
        return lambda organisation: False
    if getattr(user, "is_superuser", False):
        return lambda organisation: True
    own: set[int] = set()
    paths: list[str] = []
    for membership in memberships_of(user):
        reach = _reach(membership.role, Kind.EVALUATION)
        if reach is Reach.PUBLIC:
            return lambda organisation: True
        if reach is Reach.SUBTREE:
            paths.append(membership.organisation.path)
        elif reach is Reach.OWN:
            own.add(membership.organisation_id)
    prefixes = tuple(paths)
    return lambda organisation: (
        organisation.pk in own or (bool(prefixes) and organisation.path.startswith(prefixes))
    )


def department_of(unit: Organisation, departments: list[TaskDepartment]) -> TaskDepartment | None:
    """The task department over ``unit`` (the nearest, should one sit under another)."""
    by_id = {td.department_id: td for td in departments}
    for part in reversed(unit.path.strip("/").split("/")):
        if part and int(part) in by_id:
            return by_id[int(part)]
    return None


def due_for(
    task: Task,
    unit: Organisation,
    departments: list[TaskDepartment],
    own: dict[int, date],
) -> date:
    """The unit's due date: its own (an extension), else its department's earlier date, else
    the task's. A department's own form (its 部门整体 form, built from its units') is due on
    the department date."""
    if unit.pk in own:
        return own[unit.pk]
    td = department_of(unit, departments)
    if td is not None and td.department_id == unit.pk:
        return task.department_due
    if td is not None and td.unit_due is not None:
        return td.unit_due
    return task.unit_due


def task_departments(task: Task) -> list[TaskDepartment]:
    return list(task.departments.select_related("department").order_by("department__path"))


def own_deadlines(task: Task) -> dict[int, date]:
    return dict(UnitDeadline.objects.filter(task=task).values_list("unit_id", "due"))


@dataclass(frozen=True, slots=True)
class Place:
    """An organisation as the progress table needs it (thousands are read at once)."""

    pk: int
    name: str
    path: str


def _places(departments: list[TaskDepartment]) -> list[Place]:
    condition = Q(pk__in=[])
    for td in departments:
        condition |= Q(path__startswith=td.department.path)
    rows = Organisation.objects.filter(condition).order_by("path").values_list("pk", "name", "path")
    return [Place(pk, name, path) for pk, name, path in rows]


@dataclass
class UnitRow:
    unit: Place
    department: Organisation | None
    due: date
    state: Progress
    forms: int
    late: int
    last_activity: datetime | None
    reminders: int
    last_reminded: datetime | None

    @property
    def state_label(self) -> str:
        return PROGRESS_LABELS[self.state]

    @property
    def handed_in(self) -> bool:
        return self.state in HANDED_IN


@dataclass
class DepartmentBlock:
    department: Organisation
    unit_due: date
    rows: list[UnitRow]
    tally: Tally


@dataclass
class ProgressTable:
    task: Task
    blocks: list[DepartmentBlock]
    overall: Tally
    today: date
    states: list[tuple[str, str]] = field(
        default_factory=lambda: [(s.value, label) for s, label in PROGRESS_LABELS.items()]
    )

    @property
    def rows(self) -> list[UnitRow]:
        """The unit rows the filters keep, department by department."""
        return [row for block in self.blocks for row in block.rows]


def progress_of(
    task: Task,
    user: User,
    today: date,
    *,
    department: int | None = None,
    state: str = "",
    late_only: bool = False,
    q: str = "",
) -> ProgressTable:
    """填报进度: a row per unit the user reaches, grouped by department, each department and the
    whole task tallied. Filters narrow the rows shown, not the tallies of what is shown."""
    departments = task_departments(task)
    own = own_deadlines(task)
    sees = reach_test(user)
    units = [u for u in _places(departments) if sees(u)]
    facts = FormFacts.objects.filter(task=task).values_list(
        "evaluation__organisation_id",
        "evaluation__status",
        "submitted_at",
        "evaluation__updated_at",
    )
    statuses: dict[int, list[str]] = defaultdict(list)
    handed: dict[int, datetime] = {}
    activity: dict[int, datetime] = {}
    for org_id, status, submitted_at, updated_at in facts:
        statuses[org_id].append(status)
        if submitted_at is not None and (org_id not in handed or submitted_at > handed[org_id]):
            handed[org_id] = submitted_at
        if org_id not in activity or updated_at > activity[org_id]:
            activity[org_id] = updated_at
    reminded = {
        row["unit_id"]: (row["n"], row["last"])
        for row in Reminder.objects.filter(task=task)
        .values("unit_id")
        .annotate(n=Count("pk"), last=Max("sent_at"))
    }
    index = {td.department_id: td for td in departments}
    by_department: dict[int, list[UnitRow]] = defaultdict(list)
    for unit in units:
        td = next(
            (index[int(p)] for p in reversed(unit.path.strip("/").split("/")) if int(p) in index),
            None,
        )
        if td is None:
            continue
        # As due_for says: own date, the department's own form, its date for units, the task's.
        if unit.pk in own:
            due = own[unit.pk]
        elif td.department_id == unit.pk:
            due = task.department_due
        else:
            due = td.unit_due or task.unit_due
        progress = unit_progress(statuses.get(unit.pk, ()))
        handed_on = handed.get(unit.pk) if progress in HANDED_IN else None
        count, last = reminded.get(unit.pk, (0, None))
        by_department[td.department_id].append(
            UnitRow(
                unit=unit,
                department=td.department,
                due=due,
                state=progress,
                forms=len(statuses.get(unit.pk, ())),
                late=days_late(due, today, timezone.localdate(handed_on) if handed_on else None),
                last_activity=activity.get(unit.pk),
                reminders=count,
                last_reminded=last,
            )
        )
    blocks = []
    all_rows: list[UnitRow] = []
    for td in departments:
        rows = by_department.get(td.department.pk, [])
        if not rows:
            continue
        all_rows += rows
        shown = [
            r
            for r in rows
            if (department is None or td.department.pk == department)
            and (not state or r.state.value == state)
            and (not late_only or (r.late > 0 and not r.handed_in))
            and (not q or q in r.unit.name)
        ]
        blocks.append(
            DepartmentBlock(
                td.department,
                td.unit_due or task.unit_due,
                shown,
                tally((r.state, r.late) for r in rows),
            )
        )
    return ProgressTable(task, blocks, tally((r.state, r.late) for r in all_rows), today)


@dataclass(frozen=True)
class PendingTask:
    """A task as a unit's home page shows it: due date, days left, what it still has to do."""

    task: Task
    unit: Organisation
    due: date
    state: Progress
    text: str
    overdue: bool

    @property
    def state_label(self) -> str:
        return PROGRESS_LABELS[self.state]


def pending_for_unit(user: User, today: date) -> list[PendingTask]:
    """待完成的任务 of the units the user fills in for (handed-in ones are left out)."""
    # One entry per unit, however many of its roles (填报人 and 单位负责人) the user holds.
    units = list(
        {
            m.organisation.pk: m.organisation
            for m in memberships_of(user)
            if _reach(m.role, Kind.EVALUATION, Act.EDIT) is Reach.OWN
        }.values()
    )
    if not units:
        return []
    unit_ids = {u.pk for u in units}
    ancestors = {a for u in units for a in _ancestor_ids(u)}
    tasks = list(
        Task.objects.filter(
            status=Task.Status.ISSUED, departments__department_id__in=ancestors
        ).distinct()
    )
    if not tasks:
        return []
    tds: dict[int, list[TaskDepartment]] = defaultdict(list)
    for td in TaskDepartment.objects.filter(task__in=tasks).select_related("department"):
        tds[td.task_id].append(td)
    own: dict[int, dict[int, date]] = defaultdict(dict)
    for ud in UnitDeadline.objects.filter(task__in=tasks, unit_id__in=unit_ids):
        own[ud.task_id][ud.unit_id] = ud.due
    statuses: dict[tuple[int, int], list[str]] = defaultdict(list)
    for task_id, org_id, status in FormFacts.objects.filter(
        task__in=tasks, evaluation__organisation_id__in=unit_ids
    ).values_list("task_id", "evaluation__organisation_id", "evaluation__status"):
        statuses[(task_id, org_id)].append(status)
    out = []
    for task in tasks:
        for unit in units:
            if department_of(unit, tds[task.pk]) is None:
                continue
            state = unit_progress(statuses.get((task.pk, unit.pk), []))
            if state in HANDED_IN:
                continue
            due = due_for(task, unit, tds[task.pk], own[task.pk])
            out.append(
                PendingTask(
                    task, unit, due, state, due_text(due, today, False), days_left(due, today) < 0
                )
            )
    out.sort(key=lambda p: p.due)
    return out
