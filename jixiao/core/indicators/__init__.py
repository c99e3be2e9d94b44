"""Indicator values: parsing free text, and judging an actual against its target."""

from jixiao.core.indicators.attainment import PARTLY_MET_MIN_RATIO, judge
from jixiao.core.indicators.parser import parse_value
from jixiao.core.indicators.values import (
    ATTAINMENT_LABELS,
    Attainment,
    AttainmentResult,
    Direction,
    IndicatorValue,
    Operator,
    Rating,
    ValueKind,
)

__all__ = [
    "ATTAINMENT_LABELS",
    "PARTLY_MET_MIN_RATIO",
    "Attainment",
    "AttainmentResult",
    "Direction",
    "IndicatorValue",
    "Operator",
    "Rating",
    "ValueKind",
    "judge",
    "parse_value",
]
