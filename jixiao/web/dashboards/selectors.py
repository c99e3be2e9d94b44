"""The dashboards' reads: the subtree and its forms' stored figures, handed to the core, which
computes every figure: the part of each child's subtree (:func:`jixiao.core.rollup_parts.part_of`,
kept as :class:`~jixiao.web.dashboards.models.SubtreePart` until a form of that subtree
changes) and their merge (:func:`jixiao.core.rollup_parts.merge`). This module only turns the
result into tables of display strings and the series the page draws, and keeps them
(:class:`~jixiao.web.dashboards.models.DashboardSnapshot`) until a form below changes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.db.models import Count, JSONField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from jixiao.core.aggregation import NOT_FILED_LABEL
from jixiao.core.headline import GroupRow, Headline, Level, Ranked, headline, ranking
from jixiao.core.monitoring import stored_light_counts
from jixiao.core.rollup import (
    DEPARTMENT,
    PROJECT,
    FiledForm,
    Line,
    Node,
    RollUp,
    Tree,
)
from jixiao.core.rollup_parts import Part, merge, parts_of
from jixiao.core.rulesets import RuleSet, default_ruleset_id, load_ruleset
from jixiao.core.workflow import STATUS_LABELS, Status
from jixiao.web.dashboards.models import DashboardSnapshot, SubtreeChange, SubtreePart
from jixiao.web.monitoring.models import MonitoringRecord
from jixiao.web.monitoring.selectors import LIGHT_CLASSES
from jixiao.web.organisations.models import Organisation
from jixiao.web.season.models import FormFacts


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
    #: The 运行监控预警 tile of every monitoring record of the subtree, kept with the charts
    #: (None: no monitoring data).
    warnings: WarningsTile | None = None

    def chart(self, key: str) -> Chart | None:
        return next((c for c in self.charts if c.key == key), None)


@dataclass(frozen=True)
class WarningsTile:
    """What the dashboard's 运行监控预警 tile shows of the warnings board
    (:func:`jixiao.web.monitoring.selectors.warnings_board`, whose lights the core computes):
    the latest year with monitoring data, its count of records per light, and how many records
    it has."""

    year: int
    counts: dict[str, int]
    total: int


def warnings_tile(records: QuerySet[MonitoringRecord]) -> WarningsTile | None:
    """The tile of ``records`` (None when there is none): those of the latest year counted by
    the light the core judged each one at its last save (:mod:`jixiao.web.monitoring.lights`),
    as on the warnings board, without the board's year-end projections."""
    year = records.order_by("-year").values_list("year", flat=True).first()
    if year is None:
        return None
    rows = list(records.filter(year=year).order_by().values_list("light").annotate(n=Count("pk")))
    counts = {LIGHT_CLASSES[light]: n for light, n in stored_light_counts(rows).items()}
    return WarningsTile(year=year, counts=counts, total=sum(n for _, n in rows))


def _warnings_tile(root: Organisation) -> WarningsTile | None:
    """The tile of every monitoring record of ``root``'s subtree (what a person who sees the
    whole subtree's monitoring sees), kept with the snapshot."""
    return warnings_tile(MonitoringRecord.objects.filter(organisation__path__startswith=root.path))


def _text(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def _lines(lines: list[Line]) -> list[dict[str, str]]:
    return [{"name": line.name, "value": _text(line.value)} for line in lines]


def _tree_of(root: Organisation, rows: Iterable[tuple[int, str, str, str]]) -> Tree:
    nodes = [
        # A finance bureau files no department form and is not counted as missing one.
        Node(pk, name, path, files=kind != Organisation.Kind.FINANCE_BUREAU)
        for pk, name, path, kind in rows
    ]
    own = next(n for n in nodes if n.id == root.pk)
    member = "部门" if root.kind == Organisation.Kind.FINANCE_BUREAU else "单位"
    return Tree(own, nodes, member=member)


def _tree(root: Organisation, condition: Q) -> Tree:
    """The tree of ``root`` with the organisations of its subtree that ``condition`` selects."""
    return _tree_of(
        root, Organisation.objects.filter(condition).values_list("id", "name", "path", "kind")
    )


# The season's one table of stored figures, as the roll-up reads it: the score and grade that
# count (the bureau's once it re-scored a form, else the unit's).
_FIELDS = {
    "organisation": "organisation_id",
    "year": "year",
    "form_type": "form_type",
    "status": "status",
    "consolidated": "consolidated",
    "initial_budget": "initial_budget",
    "adjusted_budget": "adjusted_budget",
    "actual_spending": "actual_spending",
    "task_funds": "task_funds",
    "total_score": "counted_score",
    "grade": "grade",
}


def _forms(condition: Q) -> list[FiledForm]:
    rows = (
        FormFacts.objects.filter(condition)
        .annotate(counted_score=Coalesce("bureau_score", "self_score"))
        .values_list(*(_FIELDS[name] for name in FiledForm._fields))
    )
    return [FiledForm._make(row) for row in rows]


def _parts(root: Organisation) -> tuple[Tree, dict[int, Part]]:
    """The tree of ``root`` and its children, and the core's part of the root's own forms and
    of each child's subtree: a child's kept part while its subtree's change count stands, else
    rolled up again (with the root's own, always: a few forms at most) and kept."""
    # The root, its children, and each child's change count and kept part: one query.
    of_child = {"organisation": OuterRef("pk")}
    rows = list(
        Organisation.objects.filter(Q(pk=root.pk) | Q(parent=root))
        .annotate(
            changes=Subquery(SubtreeChange.objects.filter(**of_child).values("generation")),
            kept_at=Subquery(SubtreePart.objects.filter(**of_child).values("generation")),
            kept=Subquery(
                SubtreePart.objects.filter(**of_child).values("data"), output_field=JSONField()
            ),
        )
        .values_list("id", "name", "path", "kind", "changes", "kept_at", "kept")
    )
    top = _tree_of(root, [row[:4] for row in rows])
    generations = {row[0]: row[4] or 0 for row in rows}
    parts = {
        row[0]: Part.from_data(row[6])
        for row in rows
        if row[0] != root.pk and row[5] is not None and row[5] == generations[row[0]]
    }
    stale = [pk for pk in top.groups if pk not in parts]
    if len(stale) == len(top.groups):
        organisations, forms = (
            Q(path__startswith=root.path),
            Q(organisation__path__startswith=root.path),
        )
    else:
        organisations, forms = Q(pk=root.pk), Q(organisation=root)
        for pk in stale:
            path = top.nodes[pk].path
            organisations |= Q(path__startswith=path)
            forms |= Q(organisation__path__startswith=path)
    rolled = parts_of(_tree(root, organisations), _forms(forms), [root.pk, *stale])
    SubtreePart.objects.bulk_create(
        [
            SubtreePart(organisation_id=pk, generation=generations.get(pk, 0), data=part.as_data())
            for pk, part in rolled.items()
            if pk != root.pk
        ],
        update_conflicts=True,
        unique_fields=["organisation"],
        update_fields=["generation", "data", "built_at"],
    )
    return top, {**parts, **rolled}


def _rates_chart(r: RollUp) -> Chart:
    return Chart(
        key="rates",
        title=f"各{r.member}预算完成率与预算调整率",
        columns=[
            r.member,
            "年初预算（万元）",
            "调整预算（万元）",
            "实际支出（万元）",
            "预算完成率（%）",
            "预算调整率（%）",
            "其中未审核（份）",
        ],
        rows=[
            [
                g.label,
                _text(g.initial_budget),
                _text(g.adjusted_budget),
                _text(g.actual_spending),
                _text(g.completion_rate),
                _text(g.adjustment_rate),
                str(g.provisional),
            ]
            for g in r.groups
        ],
        data={
            "names": [g.label for g in r.groups],
            "completion": [_text(g.completion_rate) for g in r.groups],
            "adjustment": [_text(g.adjustment_rate) for g in r.groups],
            "completion_lines": _lines(r.completion_lines),
            "adjustment_lines": _lines(r.adjustment_lines),
        },
    )


def _funds_chart(r: RollUp) -> Chart:
    items = sorted(r.groups, key=lambda g: -g.actual_spending)
    return Chart(
        key="funds",
        title="任务涉及资金与实际支出",
        columns=[r.member, "任务涉及资金（万元）", "实际支出（万元）", "任务资金占比（%）"],
        rows=[
            [g.label, _text(g.task_funds), _text(g.actual_spending), _text(g.task_share)]
            for g in items
        ],
        data={
            "names": [g.label for g in items],
            "task_funds": [_text(g.task_funds) for g in items],
            "actual": [_text(g.actual_spending) for g in items],
        },
    )


def _scores_chart(r: RollUp) -> Chart:
    return Chart(
        key="scores",
        title="项目自评得分与等级分布",
        columns=["得分区间", "项目数"],
        rows=[[label, str(n)] for label, n in r.score_bands]
        + [[f"等级：{g}", str(n)] for g, n in r.grades],
        data={
            "bands": [label for label, _ in r.score_bands],
            "counts": [n for _, n in r.score_bands],
            # A pie of zeros would draw equal slices: only grades that occur are drawn.
            "grades": [{"name": g, "value": n} for g, n in r.grades if n],
        },
    )


def _progress_chart(r: RollUp) -> Chart:
    return Chart(
        key="progress",
        title="部门整体支出自评表填报进度",
        columns=["状态", "单位数"],
        rows=[[label, str(n)] for label, n in r.progress],
        data={"items": [{"name": label, "value": n} for label, n in r.progress if n]},
    )


def _trend_chart(r: RollUp) -> Chart:
    table = [[label, *(_text(v) for v in values)] for label, values in r.trend]
    return Chart(
        key="trend",
        title=f"各{r.member}预算完成率年度趋势（%）",
        columns=[r.member, *[f"{y}年" for y in r.years]],
        rows=table,
        data={
            "years": [str(y) for y in r.years],
            "series": [{"name": row[0], "values": row[1:]} for row in table],
        },
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a province is read and rolled up: its tens of
    thousands of rows (tuples, dataclasses) would otherwise set off collections that walk the
    whole process's heap again and again (measured: a third of a rolled-up dashboard's time on a
    generated province of 30,125 forms). The roll-up makes no reference cycles: what it drops is
    freed as before; the collector runs again when the block ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _computed(
    root: Organisation, year: int | None, department: RuleSet, project: RuleSet
) -> Dashboard:
    """The charts, tiles and ranking of the core's merge of the subtree's parts (the warnings
    tile apart)."""
    top, parts = _parts(root)
    own = parts.pop(root.pk)
    result = merge(top, own, parts, year, department_rules=department, project_rules=project)
    charts: list[Chart] = []
    if result.year is not None:
        charts = [
            _rates_chart(result),
            _funds_chart(result),
            _scores_chart(result),
            _progress_chart(result),
            _trend_chart(result),
        ]
    dashboard = Dashboard(
        root=root, year=result.year, years=result.years, charts=charts, member=result.member
    )
    if result.year is not None:
        previous = None
        if result.year - 1 in result.years:
            previous = merge(
                top, own, parts, result.year - 1, department_rules=department, project_rules=project
            )
        dashboard.headline, dashboard.ranking = _headline(result, previous)
    return dashboard


def _group_rows(r: RollUp) -> list[GroupRow]:
    return [GroupRow(g.label, g.adjusted_budget, g.actual_spending) for g in r.groups]


def _headline_of(r: RollUp) -> Headline:
    counts = dict(r.progress)
    expected = sum(counts.values())
    return headline(
        year=r.year or 0,
        groups=_group_rows(r),
        expected=expected,
        filed=expected - counts.get(NOT_FILED_LABEL, 0),
        returned=counts.get(STATUS_LABELS[Status.RETURNED], 0),
        scores=r.scores,
    )


def _headline(result: RollUp, previous: RollUp | None) -> tuple[Headline, list[Ranked]]:
    """The tiles (against the year before, when it has forms: ``previous``, the core's merge
    of that year) and the ranking."""
    lead = _headline_of(result)
    last: dict[str, GroupRow] = {}
    if previous is not None:
        lead = replace(lead, previous=_headline_of(previous))
        last = {g.label: g for g in _group_rows(previous)}
    lines = [line.value for line in result.completion_lines]
    return lead, ranking(_group_rows(result), last, lines)


def _number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


_HEADLINE_DECIMALS = ("adjusted_budget", "actual_spending", "completion_rate", "average_score")
_RANKED_DECIMALS = ("completion_rate", "previous_rate", "change")


def _headline_data(h: Headline | None) -> dict[str, Any] | None:
    if h is None:
        return None
    data: dict[str, Any] = {"year": h.year, "filed": h.filed, "expected": h.expected}
    data["returned"] = h.returned
    data.update({k: _number(getattr(h, k)) for k in _HEADLINE_DECIMALS})
    data["previous"] = _headline_data(h.previous)
    return data


def _headline_from(data: dict[str, Any] | None) -> Headline | None:
    if data is None:
        return None
    decimals = {k: _decimal(data[k]) for k in _HEADLINE_DECIMALS}
    return Headline(
        year=data["year"],
        filed=data["filed"],
        expected=data["expected"],
        returned=data["returned"],
        adjusted_budget=decimals["adjusted_budget"] or Decimal(0),
        actual_spending=decimals["actual_spending"] or Decimal(0),
        completion_rate=decimals["completion_rate"],
        average_score=decimals["average_score"],
        previous=_headline_from(data["previous"]),
    )


def _as_data(dashboard: Dashboard) -> dict[str, Any]:
    tile = dashboard.warnings
    return {
        "warnings": asdict(tile) if isinstance(tile, WarningsTile) else None,
        "year": dashboard.year,
        "years": dashboard.years,
        "charts": [asdict(chart) for chart in dashboard.charts],
        "member": dashboard.member,
        "headline": _headline_data(dashboard.headline),
        "ranking": [
            {
                "rank": r.rank,
                "label": r.label,
                "level": r.level.value,
                **{k: _number(getattr(r, k)) for k in _RANKED_DECIMALS},
            }
            for r in dashboard.ranking
        ],
    }


def _from_data(root: Organisation, data: dict[str, Any]) -> Dashboard:
    return Dashboard(
        root=root,
        year=data["year"],
        years=data["years"],
        charts=[Chart(**chart) for chart in data["charts"]],
        headline=_headline_from(data.get("headline")),
        ranking=[
            Ranked(
                rank=r["rank"],
                label=r["label"],
                level=Level(r["level"]),
                **{k: _decimal(r[k]) for k in _RANKED_DECIMALS},
            )
            for r in data.get("ranking", [])
        ],
        member=data.get("member", "部门"),
        warnings=WarningsTile(**data["warnings"]) if data["warnings"] else None,
    )


def dashboard_for(root: Organisation, year: int | None) -> Dashboard:
    """Every chart of the dashboard of ``root``'s subtree for ``year`` (default: the latest
    year with forms). Read from the snapshot when no form of the subtree changed since it was
    built (two queries); otherwise merged by the core from the parts of the root's children,
    only those whose subtree changed rolled up again (a few queries whatever the size of the
    subtree), and kept. A change of monitoring records counts the warnings tile again,
    not the charts; a change of forms rolls up the charts, not the tile."""
    department = load_ruleset(default_ruleset_id(DEPARTMENT))
    project = load_ruleset(default_ruleset_id(PROJECT))
    rules = f"{department.label}+{project.label}"
    generation, monitoring = SubtreeChange.objects.filter(pk=root.pk).values_list(
        "generation", "monitoring"
    ).first() or (0, 0)
    key = year or 0
    kept = (
        DashboardSnapshot.objects.filter(organisation=root, year=key, rules=rules)
        .values_list("data", "generation", "monitoring")
        .first()
    )
    # The charts and the tile are each reused while their own count stands (a snapshot kept
    # before the tile was is rebuilt).
    data, charts_at, tile_at = kept if kept is not None and "warnings" in kept[0] else ({}, -1, -1)
    if charts_at == generation and tile_at == monitoring:
        return _from_data(root, data)
    with _collector_paused():
        if charts_at == generation:
            dashboard = _from_data(root, data)
        else:
            dashboard = _computed(root, year, department, project)
        if tile_at == monitoring:
            dashboard.warnings = _from_data(root, data).warnings
        else:
            dashboard.warnings = _warnings_tile(root)
    # A year with no forms shows the latest year's charts: not kept under that year, so that
    # asking for any number cannot fill the table.
    if year is None or year == dashboard.year:
        DashboardSnapshot.objects.bulk_create(
            [
                DashboardSnapshot(
                    organisation=root,
                    year=key,
                    rules=rules,
                    generation=generation,
                    monitoring=monitoring,
                    data=_as_data(dashboard),
                )
            ],
            update_conflicts=True,
            unique_fields=["organisation", "year", "rules"],
            update_fields=["generation", "monitoring", "data", "built_at"],
        )
    return dashboard
