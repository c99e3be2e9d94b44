"""The scoring arithmetic on numbers already read from the form (MoF 2020 measures).

Every function returns the exact score as a Decimal between 0 and ``points``; rounding is the
caller's, once, at the end. Ratios are clamped to [0, 1] so that no line can score more than
its points or less than nothing, whatever a form says.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.money import HUNDRED, ZERO
from jixiao.core.rulesets import Band, ReverseFormula

ONE = Decimal(1)


def _clamp_fraction(value: Decimal) -> Decimal:
    return max(ZERO, min(ONE, value))


def execution_score(rate_percent: Decimal, points: Decimal) -> Decimal:
    """执行率 × points, capped at points (over-spending earns nothing extra)."""
    return _clamp_fraction(rate_percent / HUNDRED) * points


def positive_fraction(actual: Decimal, target: Decimal) -> Decimal:
    """≥ indicators: met → 1, else actual / target. A target of zero or less is met by any
    actual at or above it and otherwise gives no share (there is no ratio to take)."""
    if actual >= target:
        return ONE
    if target <= 0:
        return ZERO
    return _clamp_fraction(actual / target)


def reverse_fraction(actual: Decimal, target: Decimal, formula: ReverseFormula) -> Decimal:
    """≤ indicators (cost, rates that must fall): met when actual ≤ target; when missed,
    target / actual (``ratio``) or 1 − (actual − target) / target (``linear``, 0 at twice the
    target). A target of zero or less leaves no ratio, so a miss scores 0."""
    if actual <= target:
        return ONE
    if target <= 0:
        return ZERO
    if formula is ReverseFormula.LINEAR:
        return _clamp_fraction(ONE - (actual - target) / target)
    return _clamp_fraction(target / actual)


def equal_fraction(actual: Decimal, target: Decimal) -> Decimal:
    """= indicators: met → 1; else the ratio on the side the actual fell, i.e. the smaller of
    actual/target and target/actual (falling short and overshooting cost the same share)."""
    if actual == target:
        return ONE
    if actual <= 0 or target <= 0:
        return ZERO
    return _clamp_fraction(min(actual / target, target / actual))


def band_range(band: Band, points: Decimal) -> tuple[Decimal, Decimal]:
    """A qualitative band in points, (low, high)."""
    return band.low * points, band.high * points


def band_score(band: Band, points: Decimal, given: Decimal | None) -> Decimal:
    """The evaluator's score when it lies in the band, clamped to the band otherwise; the band's
    top when no score was given."""
    low, high = band_range(band, points)
    if given is None:
        return high
    return max(low, min(high, given))


def range_fraction(actual: Decimal, low: Decimal, high: Decimal) -> Decimal:
    """A target range (``90%-95%``): inside → 1; below → actual / low; above → high / actual."""
    if low <= actual <= high:
        return ONE
    if actual < low:
        return positive_fraction(actual, low)
    return ZERO if high <= 0 else _clamp_fraction(high / actual)
