"""The figures a dashboard leads with (headline tiles) and its ranking, computed here so that
the page only shows them: total budget and spending, the overall 预算完成率, forms filed out of
those expected, forms returned, the average project score, each against the year before; and
the departments ranked by 预算完成率 with a status level from the rule set's warning lines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jixiao.core import computations
from jixiao.core.model import DepartmentFunds
from jixiao.core.money import money_text, round_rate

ZERO = Decimal(0)
PLACES = 2


class Level(StrEnum):
    """Where a rate stands against the warning lines (the page colours: green, amber, red)."""

    GOOD = "good"
    WATCH = "watch"
    ALERT = "alert"
    NONE = "none"  # no rate to judge


LEVEL_LABELS = {Level.GOOD: "正常", Level.WATCH: "预警", Level.ALERT: "警戒", Level.NONE: "无数据"}


@dataclass(frozen=True)
class GroupRow:
    """One department (or unit) of the dashboard: its summed figures for one year."""

    label: str
    adjusted_budget: Decimal
    actual_spending: Decimal


@dataclass(frozen=True)
class Headline:
    year: int
    adjusted_budget: Decimal
    actual_spending: Decimal
    completion_rate: Decimal | None
    filed: int
    expected: int
    returned: int
    average_score: Decimal | None
    previous: Headline | None = None

    @property
    def adjusted_budget_text(self) -> str:
        """The sum as printed on a tile: two decimals (the sum itself stays exact)."""
        return money_text(self.adjusted_budget)

    @property
    def actual_spending_text(self) -> str:
        return money_text(self.actual_spending)

    @property
    def completion_change(self) -> Decimal | None:
        """Percentage points against the year before (None without both rates)."""
        if self.previous is None or None in (self.completion_rate, self.previous.completion_rate):
            return None
        assert self.completion_rate is not None and self.previous.completion_rate is not None
        return self.completion_rate - self.previous.completion_rate


def _rate(adjusted: Decimal, actual: Decimal) -> Decimal | None:
    rate = computations.completion_rate(
        DepartmentFunds(adjusted_budget=adjusted, actual_spending=actual)
    )
    return None if rate is None else round_rate(rate, PLACES)


def headline(
    *,
    year: int,
    groups: Sequence[GroupRow],
    expected: int,
    filed: int,
    returned: int,
    scores: Sequence[Decimal],
    previous: Headline | None = None,
) -> Headline:
    adjusted = sum((g.adjusted_budget for g in groups), ZERO)
    actual = sum((g.actual_spending for g in groups), ZERO)
    average = round_rate(sum(scores, ZERO) / len(scores), PLACES) if scores else None
    return Headline(
        year=year,
        adjusted_budget=adjusted,
        actual_spending=actual,
        completion_rate=_rate(adjusted, actual) if groups else None,
        filed=filed,
        expected=expected,
        returned=returned,
        average_score=average,
        previous=previous,
    )


def level(rate: Decimal | None, lines: Sequence[Decimal]) -> Level:
    """At or above the highest line: good; at or above the lowest: watch; below: alert."""
    if rate is None:
        return Level.NONE
    if not lines or rate >= max(lines):
        return Level.GOOD
    if rate >= min(lines):
        return Level.WATCH
    return Level.ALERT


@dataclass(frozen=True)
class Ranked:
    rank: int
    label: str
    completion_rate: Decimal | None
    level: Level
    previous_rate: Decimal | None
    change: Decimal | None  # percentage points against the year before


def ranking(
    groups: Sequence[GroupRow],
    previous: Mapping[str, GroupRow],
    lines: Sequence[Decimal],
) -> list[Ranked]:
    """The groups by 预算完成率, highest first (those without a rate last, by name)."""
    rated = [(g, _rate(g.adjusted_budget, g.actual_spending)) for g in groups]
    rated.sort(key=lambda item: (item[1] is None, -(item[1] or ZERO), item[0].label))
    out = []
    for number, (group, rate) in enumerate(rated, start=1):
        before = previous.get(group.label)
        last = None if before is None else _rate(before.adjusted_budget, before.actual_spending)
        change = None if rate is None or last is None else rate - last
        out.append(Ranked(number, group.label, rate, level(rate, lines), last, change))
    return out
