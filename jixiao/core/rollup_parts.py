"""The dashboards' roll-up in parts: one part per subtree, merged into the dashboard.

A province's dashboard rolls up tens of thousands of forms; after a change only the subtree of
one department holds a changed form. So each child of a dashboard's root keeps the roll-up of
its own subtree (:func:`part_of`, a :class:`Part`: sums, counts and tallies, no rate), and the
dashboard is the :func:`merge` of its root's own part and its children's parts. A change makes
only the part of its subtree be rolled up again.

The rules of :mod:`jixiao.core.rollup` are applied where they can be, once:

* **Consolidated forms count once.** A part leaves out the forms that a consolidated form of
  its subtree stands for (:func:`jixiao.core.rollup.counted`); a consolidated form of the root
  itself stands for every part below it, so :func:`merge` leaves their sums out that year.
* **Rates from sums.** A part keeps sums only; :func:`merge` adds the parts' sums of a group
  and computes its rates from them (:meth:`GroupFigures.finish`), as :func:`roll_up` does.
* **Bands and grades from the rule set.** A part keeps each score and grade with how often it
  occurs; :func:`merge` places them in the rule set's bands.

So merging parts gives what :func:`jixiao.core.rollup.roll_up` gives for all the forms at once
(a property test holds this, consolidated forms included). A part holds no rule set: it stays
valid whatever rule set the dashboard is drawn with.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jixiao.core.aggregation import NOT_FILED_LABEL
from jixiao.core.money import ZERO
from jixiao.core.rollup import (
    DEPARTMENT,
    PROJECT,
    FiledForm,
    GroupFigures,
    Node,
    RollUp,
    Tree,
    add_form,
    add_sums,
    adjustment_lines,
    completion_lines,
    counted,
    score_bands,
)
from jixiao.core.rulesets import RuleSet
from jixiao.core.workflow import STATUS_LABELS, Status

_MONEY = ("initial_budget", "adjusted_budget", "actual_spending", "task_funds")


@dataclass
class Sums:
    """One year's sums of the department forms a part counts (in 万元)."""

    initial_budget: Decimal = ZERO
    adjusted_budget: Decimal = ZERO
    actual_spending: Decimal = ZERO
    task_funds: Decimal = ZERO
    forms: int = 0
    provisional: int = 0

    def add(self, form: FiledForm) -> None:
        add_form(self, form)

    def into(self, group: GroupFigures) -> None:
        """Add these sums to ``group``'s (rates are computed once every part is in)."""
        add_sums(group, self)


@dataclass
class Part:
    """The roll-up of one organisation's subtree, by year, before any rule set is applied."""

    organisation: int
    #: Organisations of the subtree expected to file a department form.
    filers: int = 0
    #: Every year with a form of the subtree (of any type).
    years: set[int] = field(default_factory=set)
    #: Years in which the organisation itself filed a consolidated (汇总) department form.
    consolidated: set[int] = field(default_factory=set)
    #: Per year, the sums of the department forms counted (consolidated forms counted once).
    sums: dict[int, Sums] = field(default_factory=dict)
    #: Per year, the organisations that filed a department form, per status label.
    filed: dict[int, dict[str, int]] = field(default_factory=dict)
    #: Per year, the project forms' scores and grades with how many forms have each.
    scores: dict[int, dict[Decimal, int]] = field(default_factory=dict)
    grades: dict[int, dict[str, int]] = field(default_factory=dict)

    def as_data(self) -> dict[str, Any]:
        """JSON-ready (amounts and scores as decimal strings, exact)."""
        return {
            "organisation": self.organisation,
            "filers": self.filers,
            "years": sorted(self.years),
            "consolidated": sorted(self.consolidated),
            "sums": {
                str(y): {
                    **{k: str(getattr(s, k)) for k in _MONEY},
                    "forms": s.forms,
                    "provisional": s.provisional,
                }
                for y, s in self.sums.items()
            },
            "filed": {str(y): counts for y, counts in self.filed.items()},
            "scores": {
                str(y): [[str(score), n] for score, n in tally.items()]
                for y, tally in self.scores.items()
            },
            "grades": {str(y): tally for y, tally in self.grades.items()},
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Part:
        return cls(
            organisation=data["organisation"],
            filers=data["filers"],
            years=set(data["years"]),
            consolidated=set(data["consolidated"]),
            sums={
                int(y): Sums(
                    **{k: Decimal(s[k]) for k in _MONEY},
                    forms=s["forms"],
                    provisional=s["provisional"],
                )
                for y, s in data["sums"].items()
            },
            filed={int(y): dict(counts) for y, counts in data["filed"].items()},
            scores={
                int(y): {Decimal(score): n for score, n in tally}
                for y, tally in data["scores"].items()
            },
            grades={int(y): dict(tally) for y, tally in data["grades"].items()},
        )


def part_of(tree: Tree, forms: Iterable[FiledForm]) -> Part:
    """The part of ``tree`` (the subtree of ``tree.root``: its organisations and the stored
    forms of them)."""
    forms = [f for f in forms if f.organisation in tree.nodes]
    part = Part(organisation=tree.root.id)
    part.filers = sum(1 for node in tree.nodes.values() if node.files)
    part.years = {f.year for f in forms}
    for f in counted(tree, forms):
        part.sums.setdefault(f.year, Sums()).add(f)
        if f.organisation == tree.root.id and f.consolidated:
            part.consolidated.add(f.year)
    # One status per organisation and year, as the whole roll-up reads it (the last one read).
    status: dict[int, dict[int, str]] = defaultdict(dict)
    scores: dict[int, Counter[Decimal]] = defaultdict(Counter)
    grades: dict[int, Counter[str]] = defaultdict(Counter)
    for f in forms:
        if f.form_type == DEPARTMENT and tree.nodes[f.organisation].files:
            status[f.year][f.organisation] = f.status
        elif f.form_type == PROJECT:
            if f.total_score is not None:
                scores[f.year][f.total_score] += 1
            grades[f.year][f.grade] += 1
    part.filed = {
        year: dict(Counter(STATUS_LABELS[Status(s)] for s in of_year.values()))
        for year, of_year in status.items()
    }
    part.scores = {year: dict(tally) for year, tally in scores.items()}
    part.grades = {year: dict(tally) for year, tally in grades.items()}
    return part


def _tally(parts: Iterable[Part], year: int) -> tuple[Counter[Decimal], Counter[str]]:
    scores: Counter[Decimal] = Counter()
    grades: Counter[str] = Counter()
    for part in parts:
        scores.update(part.scores.get(year, {}))
        grades.update(part.grades.get(year, {}))
    return scores, grades


def _progress(parts: Iterable[Part], year: int) -> list[tuple[str, int]]:
    counts: dict[str, int] = {label: 0 for label in [NOT_FILED_LABEL, *STATUS_LABELS.values()]}
    for part in parts:
        filed = part.filed.get(year, {})
        for label, n in filed.items():
            counts[label] += n
        counts[NOT_FILED_LABEL] += part.filers - sum(filed.values())
    return list(counts.items())


def merge(
    tree: Tree,
    own: Part,
    parts: Mapping[int, Part],
    year: int | None,
    *,
    department_rules: RuleSet,
    project_rules: RuleSet,
) -> RollUp:
    """The dashboard of ``tree`` for ``year`` (as :func:`jixiao.core.rollup.roll_up`) from the
    root's ``own`` part (its own forms only) and the part of each of its children (``parts``,
    by organisation id; ``tree`` needs only the root and its children)."""
    every = [own, *(parts[g] for g in tree.groups if g in parts)]
    years = sorted({y for p in every for y in p.years})
    if year is None or year not in years:
        year = years[-1] if years else year
    result = RollUp(year=year, years=years, member=tree.member)
    if year is None:
        return result
    by_year: dict[int, dict[int, GroupFigures]] = {}
    for y in years:
        groups: dict[int, GroupFigures] = {}
        # The root's consolidated form stands for everything below it that year.
        below = [] if y in own.consolidated else [parts[g] for g in tree.groups if g in parts]
        for part in [own, *below]:
            sums = part.sums.get(y)
            if sums is not None:
                figures = GroupFigures(group=part.organisation, label=tree.label(part.organisation))
                sums.into(figures)
                groups[part.organisation] = figures.finish(department_rules)
        if groups:
            by_year[y] = groups
    result.groups = sorted(
        by_year.get(year, {}).values(),
        key=lambda g: (g.completion_rate is None, -(g.completion_rate or ZERO), g.label),
    )
    result.completion_lines = completion_lines(department_rules)
    result.adjustment_lines = adjustment_lines(department_rules)
    scores, grades = _tally(every, year)
    result.score_bands = [
        (band.label, sum(n for score, n in scores.items() if band.holds(score)))
        for band in score_bands(project_rules)
    ]
    result.grades = [(g.name, grades.get(g.name, 0)) for g in project_rules.grades]
    result.scores = sorted(scores.elements())
    result.progress = _progress(every, year)
    for g in [tree.root.id, *tree.groups]:
        if any(g in groups for groups in by_year.values()):
            rates = [
                by_year[y][g].completion_rate if g in by_year.get(y, {}) else None for y in years
            ]
            result.trend.append((tree.label(g), rates))
    return result


def parts_of(
    tree: Tree, forms: Iterable[FiledForm], groups: Iterable[int] | None = None
) -> dict[int, Part]:
    """The part of each of ``groups`` of ``tree`` (default: the root, whose part holds its own
    forms only, and every child of the root), from the forms and organisations of ``tree``
    (which needs only the subtrees of ``groups``: the root and the children that changed)."""
    wanted = [tree.root.id, *tree.groups] if groups is None else list(groups)
    nodes: dict[int, list[Node]] = defaultdict(list)
    for node in tree.nodes.values():
        nodes[tree.group_of(node.id)].append(node)
    # The root's own part: the root alone (its group holds no other organisation).
    nodes[tree.root.id] = [tree.root]
    of_group: dict[int, list[FiledForm]] = defaultdict(list)
    for f in forms:
        if f.organisation in tree.nodes:
            of_group[tree.group_of(f.organisation)].append(f)
    return {
        g: part_of(Tree(tree.nodes[g], nodes[g], member=tree.member), of_group[g]) for g in wanted
    }
