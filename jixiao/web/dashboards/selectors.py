"""The numbers behind the dashboards, computed in Python from the figures read model and the
core; the page only draws them.

A chart groups the forms of a subtree by the root's children ("by department"): each group's
budgets and spending are summed and its rates recomputed from the sums by the core (never an
average of rates). A form already consolidated (汇总) stands for its whole subtree, so the forms
below it are not counted again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from jixiao.core import computations
from jixiao.core.headline import GroupRow, Headline, Ranked, headline, ranking
from jixiao.core.model import DepartmentFunds
from jixiao.core.money import ZERO, percent, round_rate
from jixiao.core.rulesets import RuleSet, default_ruleset_id, load_ruleset
from jixiao.core.workflow import STATUS_LABELS, Status
from jixiao.web.dashboards.models import FormFigures
from jixiao.web.organisations.models import Organisation

DEPARTMENT = "department_overall"
PROJECT = "project"
NOT_FILED = "未填报"
OWN = "（本级）"


@dataclass
class Chart:
    """One chart: a title, its table (columns and rows of display strings) and the series the
    page draws (``data``, JSON-ready)."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[str]]
    data: dict[str, object] = field(default_factory=dict)


@dataclass
class Dashboard:
    root: Organisation
    year: int | None
    years: list[int]
    charts: list[Chart]
    headline: Headline | None = None
    ranking: list[Ranked] = field(default_factory=list)
    member: str = "部门"

    def chart(self, key: str) -> Chart | None:
        return next((c for c in self.charts if c.key == key), None)


@dataclass
class _Sums:
    initial: Decimal = ZERO
    adjusted: Decimal = ZERO
    actual: Decimal = ZERO
    task_funds: Decimal = ZERO
    forms: int = 0

    def add(
        self,
        initial: Decimal | None,
        adjusted: Decimal | None,
        actual: Decimal | None,
        task_funds: Decimal | None,
    ) -> None:
        self.initial += initial or ZERO
        self.adjusted += adjusted or ZERO
        self.actual += actual or ZERO
        self.task_funds += task_funds or ZERO
        self.forms += 1

    def funds(self) -> DepartmentFunds:
        return DepartmentFunds(
            initial_budget=self.initial, adjusted_budget=self.adjusted, actual_spending=self.actual
        )


def _text(value: Decimal | None, places: int = 2) -> str:
    return "" if value is None else format(round_rate(value, places), "f")


class _Tree:
    """The subtree's organisations, read once: names and which group each belongs to."""

    def __init__(self, root: Organisation) -> None:
        self.root = root
        rows = Organisation.objects.filter(path__startswith=root.path).values_list(
            "id", "name", "path", "kind"
        )
        self.names: dict[int, str] = {}
        self.paths: dict[int, str] = {}
        # Organisations expected to file a department form (a finance bureau files none).
        self.filers: list[int] = []
        for pk, name, path, kind in rows:
            self.names[pk] = name
            self.paths[pk] = path
            if kind != Organisation.Kind.FINANCE_BUREAU:
                self.filers.append(pk)
        self.groups = sorted(
            (pk for pk, path in self.paths.items() if path.count("/") == root.path.count("/") + 1),
            key=lambda pk: self.paths[pk],
        )

    def group_of(self, pk: int) -> int:
        rest = self.paths[pk][len(self.root.path) :]
        return int(rest.split("/", 1)[0]) if rest else self.root.pk

    @property
    def member(self) -> str:
        """What the groups are called: a bureau's children are 部门, a department's 单位."""
        return "部门" if self.root.kind == Organisation.Kind.FINANCE_BUREAU else "单位"

    def label(self, group: int) -> str:
        return self.names[group] + (OWN if group == self.root.pk else "")

    def ancestors(self, pk: int) -> list[int]:
        return [int(p) for p in self.paths[pk].strip("/").split("/")[:-1]]


_FIELDS = (
    "organisation_id",
    "year",
    "form_type",
    "status",
    "consolidated",
    "initial_budget",
    "adjusted_budget",
    "actual_spending",
    "task_funds",
    "total_score",
    "grade",
)


def _rows(root: Organisation) -> list[tuple]:  # type: ignore[type-arg]
    return list(
        FormFigures.objects.filter(organisation__path__startswith=root.path).values_list(*_FIELDS)
    )


def _counted(tree: _Tree, rows: list[tuple]) -> list[tuple]:  # type: ignore[type-arg]
    """Department rows without those a consolidated form of an ancestor already includes."""
    consolidated = {(r[0], r[1]) for r in rows if r[2] == DEPARTMENT and r[4]}
    return [
        r
        for r in rows
        if r[2] == DEPARTMENT
        and r[0] in tree.paths
        and not any((a, r[1]) in consolidated for a in tree.ancestors(r[0]) if a in tree.paths)
    ]


def _sums_by_group(tree: _Tree, rows: list[tuple], year: int) -> dict[int, _Sums]:  # type: ignore[type-arg]
    sums: dict[int, _Sums] = defaultdict(_Sums)
    for r in rows:
        if r[1] == year:
            sums[tree.group_of(r[0])].add(r[5], r[6], r[7], r[8])
    return sums


def _rates_chart(tree: _Tree, sums: dict[int, _Sums], rules: RuleSet) -> Chart:
    items = []
    for group, s in sums.items():
        funds = s.funds()
        items.append(
            (
                tree.label(group),
                computations.completion_rate(funds),
                computations.adjustment_rate(funds, rules),
                s,
            )
        )
    items.sort(key=lambda i: (i[1] is None, -(i[1] or ZERO), i[0]))
    monitoring = rules.monitoring
    full = Decimal(100)
    return Chart(
        key="rates",
        title=f"各{tree.member}预算完成率与预算调整率",
        columns=[
            tree.member,
            "年初预算（万元）",
            "调整预算（万元）",
            "实际支出（万元）",
            "预算完成率（%）",
            "预算调整率（%）",
        ],
        rows=[
            [name, _text(s.initial), _text(s.adjusted), _text(s.actual), _text(c), _text(a)]
            for name, c, a, s in items
        ],
        data={
            "names": [i[0] for i in items],
            "completion": [_text(i[1]) for i in items],
            "adjustment": [_text(i[2]) for i in items],
            # Year end: a completion rate behind the whole year's time by the monitoring lag is
            # a warning, twice the lag an alarm (the rule set's monitoring thresholds).
            "completion_lines": [
                {"name": "预警线", "value": _text(full - monitoring.lag_points)},
                {
                    "name": "警戒线",
                    "value": _text(full - monitoring.lag_points * monitoring.lag_red_factor),
                },
            ],
            "adjustment_lines": [
                {"name": "预警线", "value": _text(monitoring.adjustment_rate_warning)},
                {"name": "警戒线", "value": _text(monitoring.adjustment_rate_limit)},
            ],
        },
    )


def _funds_chart(tree: _Tree, sums: dict[int, _Sums]) -> Chart:
    items = sorted(sums.items(), key=lambda kv: -kv[1].actual)
    return Chart(
        key="funds",
        title="任务涉及资金与实际支出",
        columns=[tree.member, "任务涉及资金（万元）", "实际支出（万元）", "任务资金占比（%）"],
        rows=[
            [
                tree.label(g),
                _text(s.task_funds),
                _text(s.actual),
                _text(percent(s.task_funds, s.actual)),
            ]
            for g, s in items
        ],
        data={
            "names": [tree.label(g) for g, _ in items],
            "task_funds": [_text(s.task_funds) for _, s in items],
            "actual": [_text(s.actual) for _, s in items],
        },
    )


def _scores_chart(rows: list[tuple], year: int, project_rules: RuleSet) -> Chart:  # type: ignore[type-arg]
    scores = [r[9] for r in rows if r[1] == year and r[2] == PROJECT and r[9] is not None]
    bands = [
        ("<60", ZERO, Decimal(60)),
        ("60–70", Decimal(60), Decimal(70)),
        ("70–80", Decimal(70), Decimal(80)),
        ("80–90", Decimal(80), Decimal(90)),
        ("≥90", Decimal(90), Decimal(1000)),
    ]
    counts = [sum(1 for s in scores if low <= s < high) for _, low, high in bands]
    grades = [g.name for g in project_rules.grades]
    by_grade = {g: 0 for g in grades}
    for r in rows:
        if r[1] == year and r[2] == PROJECT and r[10] in by_grade:
            by_grade[r[10]] += 1
    return Chart(
        key="scores",
        title="项目自评得分与等级分布",
        columns=["得分区间", "项目数"],
        rows=[[label, str(n)] for (label, _, _), n in zip(bands, counts, strict=True)]
        + [[f"等级：{g}", str(n)] for g, n in by_grade.items()],
        data={
            "bands": [b[0] for b in bands],
            "counts": counts,
            # A pie of zeros would draw equal slices: only grades that occur are drawn.
            "grades": [{"name": g, "value": n} for g, n in by_grade.items() if n],
        },
    )


def _progress_counts(tree: _Tree, rows: list[tuple], year: int) -> dict[str, int]:  # type: ignore[type-arg]
    filed = {r[0]: r[3] for r in rows if r[1] == year and r[2] == DEPARTMENT}
    counts: dict[str, int] = {label: 0 for label in [NOT_FILED, *STATUS_LABELS.values()]}
    for pk in tree.filers:
        status = filed.get(pk)
        counts[NOT_FILED if status is None else STATUS_LABELS[Status(status)]] += 1
    return counts


def _progress_chart(tree: _Tree, rows: list[tuple], year: int) -> Chart:  # type: ignore[type-arg]
    counts = _progress_counts(tree, rows, year)
    return Chart(
        key="progress",
        title="部门整体支出自评表填报进度",
        columns=["状态", "单位数"],
        rows=[[label, str(n)] for label, n in counts.items()],
        data={"items": [{"name": label, "value": n} for label, n in counts.items() if n]},
    )


def _trend_chart(tree: _Tree, rows: list[tuple], years: list[int], rules: RuleSet) -> Chart:  # type: ignore[type-arg]
    by_year = {year: _sums_by_group(tree, rows, year) for year in years}
    groups = [g for g in [tree.root.pk, *tree.groups] if any(g in s for s in by_year.values())]
    series = []
    table = []
    for g in groups:
        values = []
        for year in years:
            s = by_year[year].get(g)
            values.append(_text(computations.completion_rate(s.funds())) if s else "")
        series.append({"name": tree.label(g), "values": values})
        table.append([tree.label(g), *values])
    return Chart(
        key="trend",
        title=f"各{tree.member}预算完成率年度趋势（%）",
        columns=[tree.member, *[f"{y}年" for y in years]],
        rows=table,
        data={"years": [str(y) for y in years], "series": series},
    )


def dashboard_for(root: Organisation, year: int | None) -> Dashboard:
    """Every chart of the dashboard of ``root``'s subtree for ``year`` (default: the latest
    year with forms). Two queries whatever the size of the subtree."""
    tree = _Tree(root)
    rows = _rows(root)
    years = sorted({r[1] for r in rows})
    if year is None or year not in years:
        year = years[-1] if years else year
    department_rules = load_ruleset(default_ruleset_id(DEPARTMENT))
    project_rules = load_ruleset(default_ruleset_id(PROJECT))
    charts: list[Chart] = []
    if year is not None:
        counted = _counted(tree, rows)
        sums = _sums_by_group(tree, counted, year)
        charts = [
            _rates_chart(tree, sums, department_rules),
            _funds_chart(tree, sums),
            _scores_chart(rows, year, project_rules),
            _progress_chart(tree, rows, year),
            _trend_chart(tree, counted, years, department_rules),
        ]
        lead, ranked = _headline(tree, rows, counted, years, year, charts[0])
        return Dashboard(root, year, years, charts, lead, ranked, tree.member)
    return Dashboard(root=root, year=year, years=years, charts=charts, member=tree.member)


def _group_rows(tree: _Tree, counted: list[tuple], year: int) -> list[GroupRow]:  # type: ignore[type-arg]
    return [
        GroupRow(tree.label(g), s.adjusted, s.actual)
        for g, s in _sums_by_group(tree, counted, year).items()
    ]


def _headline_of(tree: _Tree, rows: list[tuple], counted: list[tuple], year: int) -> Headline:  # type: ignore[type-arg]
    counts = _progress_counts(tree, rows, year)
    scores = [r[9] for r in rows if r[1] == year and r[2] == PROJECT and r[9] is not None]
    return headline(
        year=year,
        groups=_group_rows(tree, counted, year),
        expected=sum(counts.values()),
        filed=sum(counts.values()) - counts[NOT_FILED],
        returned=counts[STATUS_LABELS[Status.RETURNED]],
        scores=scores,
    )


def _headline(
    tree: _Tree,
    rows: list[tuple],  # type: ignore[type-arg]
    counted: list[tuple],  # type: ignore[type-arg]
    years: list[int],
    year: int,
    rates: Chart,
) -> tuple[Headline, list[Ranked]]:
    """The tiles (against the year before, when it has forms) and the ranking, from the core."""
    before = year - 1 if year - 1 in years else None
    previous = None if before is None else _headline_of(tree, rows, counted, before)
    lead = _headline_of(tree, rows, counted, year)
    lead = replace(lead, previous=previous)
    lines = [Decimal(str(line["value"])) for line in rates.data["completion_lines"]]  # type: ignore[attr-defined]
    last = {} if before is None else {g.label: g for g in _group_rows(tree, counted, before)}
    return lead, ranking(_group_rows(tree, counted, year), last, lines)
