"""What an indicator's free text means once parsed, and how a target and an actual compare.

These types are the contract between the parser (``parser.py``), attainment (``attainment.py``)
and their users (scoring, validation, the quality check, the web editor).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Operator(StrEnum):
    """How a value bounds the quantity: ``≥50个`` is AT_LEAST, ``≤5%`` AT_MOST."""

    AT_LEAST = "≥"
    AT_MOST = "≤"
    EQUAL = "="
    MORE_THAN = ">"
    LESS_THAN = "<"


class Direction(StrEnum):
    """A change relative to last year (``同比下降6.29%``)."""

    UP = "上升"
    DOWN = "下降"


class ValueKind(StrEnum):
    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"
    EMPTY = "empty"


class Rating(StrEnum):
    """A qualitative judgement the text states itself (``达成预期指标``, ``优``)."""

    ACHIEVED = "达成"
    PARTLY = "部分达成"
    NOT_ACHIEVED = "未达成"


@dataclass(frozen=True)
class IndicatorValue:
    """A parsed target or actual.

    ``number`` is the Decimal in the text (Chinese numerals and full-width digits converted),
    ``operator`` is None when the text states a plain figure (``3525人次``), ``unit`` is what
    follows the number (``%``, ``人次``, ``个``), ``direction`` is set for year-on-year changes.
    A qualitative value keeps ``reason``: why it cannot be measured (Chinese, for users).
    A range (``90%-95%``) keeps its lower bound in ``number`` with ``operator`` AT_LEAST and its
    upper bound in ``upper``.
    """

    text: str
    kind: ValueKind
    number: Decimal | None = None
    operator: Operator | None = None
    unit: str = ""
    direction: Direction | None = None
    rating: Rating | None = None
    reason: str = ""
    upper: Decimal | None = None

    @property
    def measurable(self) -> bool:
        return self.kind is ValueKind.QUANTITATIVE and self.number is not None


class Attainment(StrEnum):
    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


ATTAINMENT_LABELS = {
    Attainment.MET: "已完成",
    Attainment.PARTLY_MET: "部分完成",
    Attainment.NOT_MET: "未完成",
    Attainment.UNKNOWN: "无法判断",
}


@dataclass(frozen=True)
class AttainmentResult:
    """Whether an actual meets its target. ``ratio`` is actual/target (or target/actual for an
    upper bound) when both are numbers; ``reason`` says why, in Chinese."""

    status: Attainment
    ratio: Decimal | None
    reason: str
