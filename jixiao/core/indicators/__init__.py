"""Indicator values: parsing free text, and judging an actual against its target."""

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
    "Attainment",
    "AttainmentResult",
    "Direction",
    "IndicatorValue",
    "Operator",
    "Rating",
    "ValueKind",
]
