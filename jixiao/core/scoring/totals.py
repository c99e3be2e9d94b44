"""From the sum of line scores to the total and grade: caps, then the grade thresholds.

Caps come from the rule set and are off in the national set. The adjustment-rate cap
(``caps.adjustment_rate_without_reason``) concerns department forms, whose funds carry a
预算调整率; a project form has no such figure, so it never applies here.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.money import HUNDRED, rate_text
from jixiao.core.rulesets import Grade, RuleSet
from jixiao.core.scoring.card import AppliedCap
from jixiao.core.scoring.text import plain


def grade_for(total: Decimal, grades: list[Grade]) -> str:
    """The first grade, highest threshold first, whose ``min_score`` the total reaches; the
    lowest grade when none is reached (a rule set whose last threshold is above 0)."""
    ordered = sorted(grades, key=lambda g: g.min_score, reverse=True)
    for grade in ordered:
        if total >= grade.min_score:
            return grade.name
    return ordered[-1].name if ordered else ""


def apply_caps(
    subtotal: Decimal, execution_rate: Decimal | None, rules: RuleSet
) -> tuple[Decimal, tuple[AppliedCap, ...]]:
    """The total after every cap that lowers it, with the caps that did."""
    total = subtotal
    applied: list[AppliedCap] = []
    if total > HUNDRED:
        applied.append(
            AppliedCap(
                code="full_marks",
                limit=HUNDRED,
                before=total,
                reason=f"各项得分合计 {plain(total)} 超过 100 分（分值设置有误），总分按 100 分计",
            )
        )
        total = HUNDRED
    if execution_rate is not None:
        # The strictest cap that applies wins: 65% is under both the 80% and the 70% lines.
        matching = [c for c in rules.caps.execution_caps if execution_rate < c.below_rate]
        if matching:
            cap = min(matching, key=lambda c: c.max_total)
            if total > cap.max_total:
                places = rules.rate_precision.execution_rate
                applied.append(
                    AppliedCap(
                        code="execution_rate",
                        limit=cap.max_total,
                        before=total,
                        reason=(
                            f"预算执行率 {rate_text(execution_rate, places)} 低于 "
                            f"{plain(cap.below_rate)}%，总分不超过 {plain(cap.max_total)} 分"
                        ),
                    )
                )
                total = cap.max_total
    return total, tuple(applied)
