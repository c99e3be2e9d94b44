"""Level-1 groups (产出 / 效益 / 满意度) and the points of each indicator row.

Points come from the form when it states a row's 分值. Rows without one share what is left of
their group's weight (the rule set's ``weights``) equally, in whole cents, the odd cents going
to the first rows so that the shares add up to the group's weight exactly (50 over 3 rows:
16.67, 16.67, 16.66). With no satisfaction indicator at all, the satisfaction weight moves to
the group named by ``weights.satisfaction_fallback`` (产出 by default).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.model import ProjectIndicator
from jixiao.core.money import ZERO
from jixiao.core.rulesets import Weights
from jixiao.core.scoring.card import Group

CENT = Decimal("0.01")

# Level-2 names that identify the group when the level-1 cell is blank (merged cells that an
# import could not fill).
_LEVEL2_HINTS: tuple[tuple[tuple[str, ...], Group], ...] = (
    (("满意",), Group.SATISFACTION),
    (("数量", "质量", "时效", "成本"), Group.OUTPUT),
    (("经济", "社会", "生态", "可持续", "效益"), Group.EFFECT),
)


def _clean(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def group_of(level1: str, level2: str = "") -> Group | None:
    """The group of a row from its level-1 name (``产出指标``, ``产出``, ``效益指标`` …), or from
    its level-2 name when level 1 is blank; None when neither names a known group."""
    name = _clean(level1)
    if name:
        if "满意" in name:
            return Group.SATISFACTION
        if "产出" in name:
            return Group.OUTPUT
        if "效益" in name or "效果" in name:
            return Group.EFFECT
        return None
    name2 = _clean(level2)
    for hints, group in _LEVEL2_HINTS:
        if any(hint in name2 for hint in hints):
            return group
    return None


@dataclass(frozen=True)
class RowPoints:
    """The points of one indicator row and where they came from."""

    group: Group | None
    points: Decimal
    stated: bool
    shared_among: int = 0  # rows that split the group's remaining weight
    shared_pool: Decimal = ZERO


def group_weights(rows: list[ProjectIndicator], weights: Weights) -> dict[Group, Decimal]:
    """Each group's weight for this form, after moving an absent satisfaction group's weight."""
    result = {
        Group.OUTPUT: weights.output,
        Group.EFFECT: weights.effect,
        Group.SATISFACTION: weights.satisfaction,
    }
    if not any(group_of(r.level1, r.level2) is Group.SATISFACTION for r in rows):
        target = Group.EFFECT if weights.satisfaction_fallback == "effect" else Group.OUTPUT
        result[target] += result[Group.SATISFACTION]
        result[Group.SATISFACTION] = ZERO
    return result


def _split(pool: Decimal, count: int) -> list[Decimal]:
    cents = int((pool / CENT).to_integral_value(rounding="ROUND_FLOOR"))
    base, extra = divmod(cents, count)
    return [Decimal(base + (1 if i < extra else 0)) * CENT for i in range(count)]


def allocate_points(rows: list[ProjectIndicator], weights: Weights) -> list[RowPoints]:
    """Points for each row, in row order."""
    groups = [group_of(r.level1, r.level2) for r in rows]
    by_group = group_weights(rows, weights)
    result: list[RowPoints | None] = [None] * len(rows)
    for index, row in enumerate(rows):
        if row.weight is not None:
            result[index] = RowPoints(groups[index], row.weight, stated=True)
        elif groups[index] is None:
            # A row outside the three groups has no weight to share.
            result[index] = RowPoints(None, ZERO, stated=False)
    for group, weight in by_group.items():
        members = [i for i, g in enumerate(groups) if g is group]
        unstated = [i for i in members if result[i] is None]
        if not unstated:
            continue
        stated_sum = sum((rows[i].weight or ZERO for i in members if rows[i].weight), ZERO)
        pool = max(ZERO, weight - stated_sum)
        for i, share in zip(unstated, _split(pool, len(unstated)), strict=True):
            result[i] = RowPoints(group, share, False, len(unstated), pool)
    assert all(r is not None for r in result)
    return [r for r in result if r is not None]
