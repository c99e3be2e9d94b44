"""The score card: what :func:`jixiao.core.scoring.score_project` returns.

Every line names the rule that produced its score, the inputs it used and a Chinese sentence a
reviewer can check by hand; the card names the rule set (``id@version``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from jixiao.core.money import HUNDRED, money_text


class ScoreRule(StrEnum):
    """Which formula gave a line its score."""

    EXECUTION_RATE = "execution_rate"  # 执行率 × points, capped at points
    POSITIVE_RATIO = "positive_ratio"  # ≥: actual / target × points
    REVERSE_RATIO = "reverse_ratio"  # ≤: target / actual × points
    REVERSE_LINEAR = "reverse_linear"  # ≤: (1 − (actual − target) / target) × points
    EQUAL = "equal"  # =: the smaller of actual/target and target/actual
    RANGE = "range"  # a range (90%-95%): inside → full, else the ratio to the nearer bound
    QUALITATIVE_BAND = "qualitative_band"  # 达成 / 部分达成 / 未达成 → a band of the points
    NO_DATA = "no_data"  # nothing to score: 0


class Group(StrEnum):
    """Level-1 indicator groups, named as printed on the form, and budget execution."""

    EXECUTION = "预算执行率"
    OUTPUT = "产出指标"
    EFFECT = "效益指标"
    SATISFACTION = "满意度指标"


@dataclass(frozen=True)
class ScoreLine:
    """One scored row. ``score`` is exact arithmetic rounded once, half-up, to 2 places."""

    path: str
    name: str
    group: str
    points: Decimal
    score: Decimal
    rule: ScoreRule
    inputs: dict[str, str]
    explanation: str

    def as_data(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "name": self.name,
            "group": self.group,
            "points": money_text(self.points),
            "score": money_text(self.score),
            "rule": self.rule.value,
            "inputs": dict(self.inputs),
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class AppliedCap:
    """A cap that lowered the total, with the reason in Chinese."""

    code: str
    limit: Decimal
    before: Decimal
    reason: str

    def as_data(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "limit": money_text(self.limit),
            "before": money_text(self.before),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class ScoreCard:
    """The scored form: lines in form order (budget execution first), totals and grade.

    ``group_totals`` and ``group_points`` are keyed by the group's printed name
    (``产出指标`` …, ``预算执行率``); ``total`` is after caps.
    """

    lines: tuple[ScoreLine, ...]
    group_totals: dict[str, Decimal]
    group_points: dict[str, Decimal]
    total: Decimal
    grade: str
    ruleset: str
    caps_applied: tuple[AppliedCap, ...] = field(default=())

    @property
    def limit(self) -> Decimal:
        """The most the total may be: the lowest cap the card applied, else 100."""
        return min((cap.limit for cap in self.caps_applied), default=HUNDRED)

    @property
    def points(self) -> Decimal:
        return sum((line.points for line in self.lines), Decimal(0))

    def as_data(self) -> dict[str, Any]:
        """Plain JSON data; every Decimal becomes a 2-decimal string."""
        return {
            "ruleset": self.ruleset,
            "lines": [line.as_data() for line in self.lines],
            "group_totals": {k: money_text(v) for k, v in self.group_totals.items()},
            "group_points": {k: money_text(v) for k, v in self.group_points.items()},
            "caps_applied": [cap.as_data() for cap in self.caps_applied],
            "total": money_text(self.total),
            "grade": self.grade,
        }
