"""The dashboards' roll-up: every figure a dashboard shows, computed here and only here.

A dashboard looks at the forms of one subtree of organisations (a finance bureau and its
departments, or a department and its units) grouped by the root's children. The web layer
reads each stored form's chartable figures (:func:`form_figures`, kept in a read model for
speed) and the subtree's organisations, and hands them to :func:`roll_up`; it sums nothing.

The rules, each stated once:

* **Units.** Every amount is charted in :data:`CHART_UNIT` (万元): :func:`form_figures`
  converts a form kept in 元 when it reads it, so a sum never mixes units.
* **Consolidated forms count once.** A department form flagged 汇总 stands for its whole
  subtree: the forms below it are left out of the sums (:func:`counted`).
* **Rates from sums.** A group's rates are recomputed by :mod:`jixiao.core.computations` from
  its summed budgets, never averaged (an average weighs a small unit like a large one).
* **Drafts are labelled, not hidden.** Every filed form is counted, and each group says how
  many of its forms are not yet approved (:func:`is_provisional`): a bureau watching the season
  sees the figures as they stand, and knows which are final.
* **Bands and lines come from the rule set**: score bands are the rule set's grades, warning
  lines its monitoring thresholds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple, Protocol

from jixiao.core import computations
from jixiao.core.aggregation import APPROVED_STATUSES, NOT_FILED_LABEL
from jixiao.core.model import DepartmentForm, DepartmentFunds, ProjectForm
from jixiao.core.money import HUNDRED, ZERO, in_money_unit, percent, round_rate
from jixiao.core.rulesets import RuleSet
from jixiao.core.scoring import score_project
from jixiao.core.serialization import Form
from jixiao.core.workflow import STATUS_LABELS, Status

CHART_UNIT = "万元"
DEPARTMENT = "department_overall"
PROJECT = "project"
OWN = "（本级）"
#: Charted rates are shown at two decimals whatever a rule set prints on its forms.
CHART_RATE_PLACES = 2


class FiledForm(NamedTuple):
    """One stored form as the roll-up reads it: amounts already in :data:`CHART_UNIT`."""

    organisation: int
    year: int
    form_type: str
    status: str
    consolidated: bool
    initial_budget: Decimal | None
    adjusted_budget: Decimal | None
    actual_spending: Decimal | None
    task_funds: Decimal | None
    total_score: Decimal | None
    grade: str


#: The fields of :class:`FiledForm` after its identity (organisation, year, type, status):
#: what :func:`form_figures` returns and the read model stores.
FIGURE_FIELDS = FiledForm._fields[4:]


def _chart(value: Decimal | None, unit: str) -> Decimal | None:
    return None if value is None else in_money_unit(value, unit, CHART_UNIT)


def form_figures(form: Form, rules: RuleSet) -> dict[str, Any]:
    """The chartable figures of one form, in :data:`CHART_UNIT`; a project form not yet scored
    is scored with ``rules`` (the rule set the form is judged by)."""
    unit = form.money_unit
    if isinstance(form, DepartmentForm):
        task_funds = [t.funds for t in form.tasks if t.funds is not None]
        return {
            "consolidated": form.consolidated,
            "initial_budget": _chart(form.funds.initial_budget, unit),
            "adjusted_budget": _chart(form.funds.adjusted_budget, unit),
            "actual_spending": _chart(form.funds.actual_spending, unit),
            "task_funds": _chart(sum(task_funds, ZERO), unit) if task_funds else None,
            "total_score": None,
            "grade": "",
        }
    if not isinstance(form, ProjectForm):  # a target declaration has nothing to chart
        return {}
    total = form.total_score
    grade: str = form.grade or ""
    if total is None:
        card = score_project(form, rules)
        total, grade = card.total, card.grade
    return {
        "consolidated": False,
        "initial_budget": _chart(form.funds.total.initial_budget, unit),
        "adjusted_budget": _chart(form.funds.total.annual_budget, unit),
        "actual_spending": _chart(form.funds.total.executed, unit),
        "task_funds": None,
        "total_score": total,
        "grade": grade,
    }


_APPROVED = frozenset(s.value for s in APPROVED_STATUSES)


def is_provisional(status: str) -> bool:
    """A form whose figures may still change: not yet approved by its supervising level."""
    return status not in _APPROVED


class Summed(Protocol):
    """What keeps a group's sums: :class:`GroupFigures`, or a part's sums
    (:class:`jixiao.core.rollup_parts.Sums`)."""

    initial_budget: Decimal
    adjusted_budget: Decimal
    actual_spending: Decimal
    task_funds: Decimal
    forms: int
    provisional: int


def add_form(into: Summed, form: FiledForm) -> None:
    """Add one counted department form's amounts to ``into`` (a missing amount adds nothing)."""
    into.initial_budget += form.initial_budget or ZERO
    into.adjusted_budget += form.adjusted_budget or ZERO
    into.actual_spending += form.actual_spending or ZERO
    into.task_funds += form.task_funds or ZERO
    into.forms += 1
    into.provisional += is_provisional(form.status)


def add_sums(into: Summed, sums: Summed) -> None:
    """Add sums already made (a part's) to ``into``."""
    into.initial_budget += sums.initial_budget
    into.adjusted_budget += sums.adjusted_budget
    into.actual_spending += sums.actual_spending
    into.task_funds += sums.task_funds
    into.forms += sums.forms
    into.provisional += sums.provisional


@dataclass(frozen=True)
class Node:
    """An organisation of the subtree: ``path`` is its materialised path of ids (``/1/4/9/``);
    ``files`` whether it is expected to file a department form (a finance bureau is not)."""

    id: int
    name: str
    path: str
    files: bool = True


class Tree:
    """The subtree of ``root``: which group (child of the root) each organisation belongs to."""

    def __init__(self, root: Node, nodes: Iterable[Node], *, member: str) -> None:
        self.root = root
        self.nodes = {n.id: n for n in nodes}
        self.nodes.setdefault(root.id, root)
        # What the groups are called: a bureau's children are 部门, a department's 单位.
        self.member = member
        depth = root.path.count("/") + 1
        self.groups = sorted(
            (n.id for n in self.nodes.values() if n.path.count("/") == depth),
            key=lambda pk: self.nodes[pk].path,
        )
        # Asked once per form and year: a province has tens of thousands.
        self._group_of: dict[int, int] = {}

    def group_of(self, pk: int) -> int:
        group = self._group_of.get(pk)
        if group is None:
            rest = self.nodes[pk].path[len(self.root.path) :]
            group = int(rest.split("/", 1)[0]) if rest else self.root.id
            self._group_of[pk] = group
        return group

    def ancestors(self, pk: int) -> list[int]:
        return [int(p) for p in self.nodes[pk].path.strip("/").split("/")[:-1]]

    def label(self, group: int) -> str:
        return self.nodes[group].name + (OWN if group == self.root.id else "")


def counted(tree: Tree, forms: Iterable[FiledForm]) -> list[FiledForm]:
    """The department forms of the subtree that the sums count: those a consolidated form of an
    ancestor already includes are left out."""
    department = [f for f in forms if f.form_type == DEPARTMENT and f.organisation in tree.nodes]
    consolidated = {(f.organisation, f.year) for f in department if f.consolidated}
    if not consolidated:
        return department
    holders = {pk for pk, _ in consolidated}
    # Only organisations below a consolidated form can be left out: their ancestors are read.
    below = {
        pk: [a for a in tree.ancestors(pk) if a in holders]
        for pk in {f.organisation for f in department}
    }
    return [
        f for f in department if not any((a, f.year) in consolidated for a in below[f.organisation])
    ]


@dataclass
class GroupFigures:
    """One group's sums (in :data:`CHART_UNIT`) and the rates computed from them."""

    group: int
    label: str
    initial_budget: Decimal = ZERO
    adjusted_budget: Decimal = ZERO
    actual_spending: Decimal = ZERO
    task_funds: Decimal = ZERO
    forms: int = 0
    provisional: int = 0
    completion_rate: Decimal | None = None
    adjustment_rate: Decimal | None = None
    task_share: Decimal | None = None

    def add(self, form: FiledForm) -> None:
        add_form(self, form)

    def finish(self, rules: RuleSet) -> GroupFigures:
        funds = DepartmentFunds(
            initial_budget=self.initial_budget,
            adjusted_budget=self.adjusted_budget,
            actual_spending=self.actual_spending,
        )
        self.completion_rate = _rounded(computations.completion_rate(funds))
        self.adjustment_rate = _rounded(computations.adjustment_rate(funds, rules))
        self.task_share = _rounded(percent(self.task_funds, self.actual_spending))
        return self


def _rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_rate(value, CHART_RATE_PLACES)


def _groups_by_year(
    tree: Tree, forms: Iterable[FiledForm], rules: RuleSet
) -> dict[int, dict[int, GroupFigures]]:
    """Per year, each group's sums and rates (one pass over the forms)."""
    by_year: dict[int, dict[int, GroupFigures]] = defaultdict(dict)
    for f in forms:
        groups = by_year[f.year]
        g = tree.group_of(f.organisation)
        if g not in groups:
            groups[g] = GroupFigures(group=g, label=tree.label(g))
        groups[g].add(f)
    return {
        year: {g: figures.finish(rules) for g, figures in groups.items()}
        for year, groups in by_year.items()
    }


@dataclass(frozen=True)
class Line:
    name: str
    value: Decimal


@dataclass(frozen=True)
class Band:
    """A score band: ``low`` ≤ score < ``high`` (no upper bound when ``high`` is None)."""

    label: str
    low: Decimal
    high: Decimal | None

    def holds(self, score: Decimal) -> bool:
        return score >= self.low and (self.high is None or score < self.high)


def score_bands(rules: RuleSet) -> list[Band]:
    """The rule set's grades as score bands, lowest first (优 ≥ 90, 良 80–90…)."""
    grades = sorted(rules.grades, key=lambda g: g.min_score)
    bands = []
    for index, grade in enumerate(grades):
        high = grades[index + 1].min_score if index + 1 < len(grades) else None
        if high is None:
            label = f"≥{grade.min_score:f}"
        elif grade.min_score <= 0:
            label = f"<{high:f}"
        else:
            label = f"{grade.min_score:f}–{high:f}"
        bands.append(Band(f"{label}（{grade.name}）", grade.min_score, high))
    return bands


def completion_lines(rules: RuleSet) -> list[Line]:
    """Year end: a completion rate behind the whole year's time by the monitoring lag is a
    warning, twice the lag an alarm (the rule set's monitoring thresholds)."""
    monitoring = rules.monitoring
    return [
        Line("预警线", HUNDRED - monitoring.lag_points),
        Line("警戒线", HUNDRED - monitoring.lag_points * monitoring.lag_red_factor),
    ]


def adjustment_lines(rules: RuleSet) -> list[Line]:
    monitoring = rules.monitoring
    return [
        Line("预警线", monitoring.adjustment_rate_warning),
        Line("警戒线", monitoring.adjustment_rate_limit),
    ]


@dataclass
class RollUp:
    """Everything a dashboard of one subtree and year shows."""

    year: int | None
    years: list[int]
    member: str
    #: Groups with forms this year, highest completion rate first.
    groups: list[GroupFigures] = field(default_factory=list)
    completion_lines: list[Line] = field(default_factory=list)
    adjustment_lines: list[Line] = field(default_factory=list)
    #: Project forms of the year per score band and per grade of the project rule set.
    score_bands: list[tuple[str, int]] = field(default_factory=list)
    grades: list[tuple[str, int]] = field(default_factory=list)
    #: The scores of the year's project forms, lowest first (the headline's average).
    scores: list[Decimal] = field(default_factory=list)
    #: Organisations expected to file, per status label of their department form (未填报…).
    progress: list[tuple[str, int]] = field(default_factory=list)
    #: Per group, its completion rate in each of ``years`` (None where it filed nothing).
    trend: list[tuple[str, list[Decimal | None]]] = field(default_factory=list)


def _progress(tree: Tree, forms: Sequence[FiledForm], year: int) -> list[tuple[str, int]]:
    filed = {
        f.organisation: f.status for f in forms if f.year == year and f.form_type == DEPARTMENT
    }
    counts: dict[str, int] = {label: 0 for label in [NOT_FILED_LABEL, *STATUS_LABELS.values()]}
    for node in tree.nodes.values():
        if node.files:
            status = filed.get(node.id)
            counts[NOT_FILED_LABEL if status is None else STATUS_LABELS[Status(status)]] += 1
    return list(counts.items())


def _scores(
    forms: Sequence[FiledForm], year: int, rules: RuleSet
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    projects = [f for f in forms if f.year == year and f.form_type == PROJECT]
    scores = [f.total_score for f in projects if f.total_score is not None]
    bands = [(b.label, sum(1 for s in scores if b.holds(s))) for b in score_bands(rules)]
    by_grade = {g.name: 0 for g in rules.grades}
    for f in projects:
        if f.grade in by_grade:
            by_grade[f.grade] += 1
    return bands, list(by_grade.items())


def roll_up(
    tree: Tree,
    forms: Sequence[FiledForm],
    year: int | None,
    *,
    department_rules: RuleSet,
    project_rules: RuleSet,
) -> RollUp:
    """The dashboard of ``tree`` for ``year`` (default, or a year with no forms: the latest
    year with forms)."""
    years = sorted({f.year for f in forms})
    if year is None or year not in years:
        year = years[-1] if years else year
    result = RollUp(year=year, years=years, member=tree.member)
    if year is None:
        return result
    department = counted(tree, forms)
    by_year = _groups_by_year(tree, department, department_rules)
    result.groups = sorted(
        by_year.get(year, {}).values(),
        key=lambda g: (g.completion_rate is None, -(g.completion_rate or ZERO), g.label),
    )
    result.completion_lines = completion_lines(department_rules)
    result.adjustment_lines = adjustment_lines(department_rules)
    result.score_bands, result.grades = _scores(forms, year, project_rules)
    result.scores = sorted(
        f.total_score
        for f in forms
        if f.year == year and f.form_type == PROJECT and f.total_score is not None
    )
    result.progress = _progress(tree, forms, year)
    for g in [tree.root.id, *tree.groups]:
        if any(g in groups for groups in by_year.values()):
            rates = [
                by_year[y][g].completion_rate if g in by_year.get(y, {}) else None for y in years
            ]
            result.trend.append((tree.label(g), rates))
    return result
