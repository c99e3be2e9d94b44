"""Scoring a 项目支出绩效自评表 (domain.md §3, MoF 2020 project evaluation measures)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.computations import execution_rate
from jixiao.core.model import ProjectForm
from jixiao.core.money import ZERO
from jixiao.core.rulesets import RuleSet, default_ruleset_id, load_ruleset
from jixiao.core.scoring.card import Group, ScoreCard
from jixiao.core.scoring.groups import allocate_points
from jixiao.core.scoring.lines import execution_line, indicator_line
from jixiao.core.scoring.totals import apply_caps, grade_for

_GROUP_ORDER = [g.value for g in Group]


def score_project(form: ProjectForm, rules: RuleSet | None = None) -> ScoreCard:
    """Score every row, add the rounded line scores (so the printed table adds up), apply the
    rule set's caps and grade the total. ``rules`` defaults to the project form's rule set."""
    if rules is None:
        rules = load_ruleset(default_ruleset_id(form.form_type))
    allocations = allocate_points(form.indicators, rules.weights)
    lines = [execution_line(form, rules)]
    lines += [
        indicator_line(index, row, alloc, rules)
        for index, (row, alloc) in enumerate(zip(form.indicators, allocations, strict=True))
    ]
    group_totals: dict[str, Decimal] = {}
    group_points: dict[str, Decimal] = {}
    present = {line.group for line in lines}
    order = [g for g in _GROUP_ORDER if g in present]
    order += [g for g in dict.fromkeys(line.group for line in lines) if g not in order]
    for group in order:
        members = [line for line in lines if line.group == group]
        group_totals[group] = sum((line.score for line in members), ZERO)
        group_points[group] = sum((line.points for line in members), ZERO)
    subtotal = sum((line.score for line in lines), ZERO)
    total, caps = apply_caps(subtotal, execution_rate(form.funds.total), rules)
    return ScoreCard(
        lines=tuple(lines),
        group_totals=group_totals,
        group_points=group_points,
        total=total,
        grade=grade_for(total, rules.grades),
        ruleset=rules.label,
        caps_applied=caps,
    )
