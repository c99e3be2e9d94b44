"""Whether an indicator's actual value meets its target (``judge``).

Rules
-----
* The bound comes from the target's own words (``≥``, ``不超过``, ``以上`` …); when the target is
  a plain figure, from the indicator's nature (指标性质 ≥/≤/=); else the target is a lower bound,
  as most indicators (counts, rates to reach) are. Explicit words win over the nature column
  because they are the more specific statement; a conflict between them is for validation.
* Lower bound: met when actual ≥ target, ratio = actual / target. Upper bound (reverse
  indicators: costs, rates that must fall): met when actual ≤ target, ratio = target / actual,
  the default reverse formula of domain.md §3. EQUAL: met when equal; otherwise the ratio is the
  smaller over the larger, so overshooting and falling short count alike.
* A missed target is PARTLY_MET when its ratio is at least :data:`PARTLY_MET_MIN_RATIO` (60%),
  NOT_MET below. 60% is the lower edge of the qualitative 部分达成 band (domain.md §3: 未达成
  is 0–60%), so a quantitative miss gets the same name a qualitative one would.
* Year-on-year targets (``同比下降5%``) compare the size of the change, and only with an actual
  that moves in the same direction.
* Units must agree: the same unit, or one side written without a unit.
* A qualitative actual with a rating (达成 / 部分达成 / 未达成, 优 / 良 / 中 / 差) is judged by
  that rating; any other qualitative text, a missing target or a missing actual is UNKNOWN.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from jixiao.core.indicators.parser import parse_value
from jixiao.core.indicators.values import (
    Attainment,
    AttainmentResult,
    IndicatorValue,
    Operator,
    Rating,
    ValueKind,
)
from jixiao.core.model.project import IndicatorNature
from jixiao.core.money import HUNDRED, rate_text

PARTLY_MET_MIN_RATIO = Decimal("0.6")
"""A missed target reaching this share of it is partly met (the 部分达成 band's lower edge)."""

RATING_STATUS = {
    Rating.ACHIEVED: Attainment.MET,
    Rating.PARTLY: Attainment.PARTLY_MET,
    Rating.NOT_ACHIEVED: Attainment.NOT_MET,
}

REASON_NO_ACTUAL = "未填写完成值"
REASON_NO_TARGET = "未设定指标值"
REASON_RATED = "完成情况为定性评价“{rating}”"
REASON_QUALITATIVE_NATURE = "定性指标未给出评价（达成/部分达成/未达成），无法判断"
REASON_QUALITATIVE_ACTUAL = "完成情况为定性描述，无法与指标值比较（{why}）"
REASON_QUALITATIVE_TARGET = "指标值为定性描述，无法与完成值比较（{why}）"
REASON_UNITS = "单位不一致：指标值单位为“{target}”，完成值单位为“{actual}”"
REASON_ONLY_ACTUAL_CHANGE = "完成值为同比变化，指标值不是，无法比较"
REASON_ONLY_TARGET_CHANGE = "指标值为同比变化，完成值未说明同比变化方向，无法比较"
REASON_WRONG_DIRECTION = "指标要求同比{target}，实际同比{actual}，未完成"

_LOWER_BOUNDS = (Operator.AT_LEAST, Operator.MORE_THAN)
_UPPER_BOUNDS = (Operator.AT_MOST, Operator.LESS_THAN)
# How the actual relates to the target, for the reason text: (when met, when missed).
_COMPARISON_WORDS = {
    Operator.AT_LEAST: ("不低于", "低于"),
    Operator.MORE_THAN: ("高于", "未高于"),
    Operator.AT_MOST: ("不高于", "高于"),
    Operator.LESS_THAN: ("低于", "未低于"),
    Operator.EQUAL: ("等于", "不等于"),
}


def judge(
    target: str | IndicatorValue | None,
    actual: str | IndicatorValue | None,
    nature: IndicatorNature | None = None,
) -> AttainmentResult:
    """Judge ``actual`` against ``target``; texts are parsed with :func:`parse_value`."""
    target_value, actual_value = _as_value(target), _as_value(actual)
    early = _judge_without_comparison(target_value, actual_value, nature)
    if early is not None:
        return early
    return _compare(target_value, actual_value, _bound_of(target_value, nature))


def _as_value(value: str | IndicatorValue | None) -> IndicatorValue:
    return value if isinstance(value, IndicatorValue) else parse_value(value)


def _unknown(reason: str) -> AttainmentResult:
    return AttainmentResult(Attainment.UNKNOWN, None, reason)


def _judge_without_comparison(
    target: IndicatorValue, actual: IndicatorValue, nature: IndicatorNature | None
) -> AttainmentResult | None:
    """The cases decided before any figures are compared, in order of precedence."""
    if actual.kind is ValueKind.EMPTY:
        return _unknown(REASON_NO_ACTUAL)
    if actual.rating is not None:
        reason = REASON_RATED.format(rating=actual.rating.value)
        return AttainmentResult(RATING_STATUS[actual.rating], None, reason)
    if nature is IndicatorNature.QUALITATIVE:
        return _unknown(REASON_QUALITATIVE_NATURE)
    if not actual.measurable:
        return _unknown(REASON_QUALITATIVE_ACTUAL.format(why=actual.reason))
    if target.kind is ValueKind.EMPTY:
        if actual.operator is not None:
            claim = _show(actual, with_operator=True)
            return _unknown(f"{REASON_NO_TARGET}；完成值自述为“{claim}”，但没有可对照的指标值")
        return _unknown(REASON_NO_TARGET)
    if not target.measurable:
        return _unknown(REASON_QUALITATIVE_TARGET.format(why=target.reason))
    if target.unit and actual.unit and target.unit != actual.unit:
        return _unknown(REASON_UNITS.format(target=target.unit, actual=actual.unit))
    if actual.direction is not None and target.direction is None:
        return _unknown(REASON_ONLY_ACTUAL_CHANGE)
    if target.direction is not None:
        if actual.direction is None:
            return _unknown(REASON_ONLY_TARGET_CHANGE)
        if actual.direction is not target.direction:
            reason = REASON_WRONG_DIRECTION.format(
                target=target.direction.value, actual=actual.direction.value
            )
            return AttainmentResult(Attainment.NOT_MET, None, reason)
    return None


def _bound_of(target: IndicatorValue, nature: IndicatorNature | None) -> Operator:
    if target.operator is not None:
        return target.operator
    if nature is not None and nature is not IndicatorNature.QUALITATIVE:
        return Operator(nature.value)
    return Operator.AT_LEAST


def _compare(target: IndicatorValue, actual: IndicatorValue, bound: Operator) -> AttainmentResult:
    assert target.number is not None and actual.number is not None  # both measurable
    goal, got = target.number, actual.number
    met = {
        Operator.AT_LEAST: got >= goal,
        Operator.MORE_THAN: got > goal,
        Operator.AT_MOST: got <= goal,
        Operator.LESS_THAN: got < goal,
        Operator.EQUAL: got == goal,
    }[bound]
    ratio = _ratio(goal, got, bound)
    met_word, missed_word = _COMPARISON_WORDS[bound]
    relation = met_word if met else missed_word
    shown = f"完成值{_show(actual)}{relation}指标值{_show_target(target, bound)}"
    share = "" if ratio is None else f"，完成比例{rate_text(ratio * HUNDRED)}"
    if met:
        return AttainmentResult(Attainment.MET, ratio, f"{shown}{share}，已完成")
    if ratio is not None and ratio >= PARTLY_MET_MIN_RATIO:
        return AttainmentResult(Attainment.PARTLY_MET, ratio, f"{shown}{share}，部分完成")
    return AttainmentResult(Attainment.NOT_MET, ratio, f"{shown}{share}，未完成")


def _ratio(goal: Decimal, got: Decimal, bound: Operator) -> Decimal | None:
    """actual/target for lower bounds, target/actual for upper bounds, smaller/larger for
    EQUAL; None when the denominator is not positive (no meaningful share)."""
    if bound in _LOWER_BOUNDS:
        numerator, denominator = got, goal
    elif bound in _UPPER_BOUNDS:
        numerator, denominator = goal, got
    else:
        numerator, denominator = min(goal, got), max(goal, got)
    if denominator <= 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 28
        return numerator / denominator


def _show(value: IndicatorValue, with_operator: bool = False) -> str:
    direction = f"同比{value.direction.value}" if value.direction is not None else ""
    operator = value.operator.value if with_operator and value.operator is not None else ""
    return f"{direction}{operator}{value.number:f}{value.unit}"


def _show_target(target: IndicatorValue, bound: Operator) -> str:
    direction = f"同比{target.direction.value}" if target.direction is not None else ""
    return f"{direction}{bound.value}{target.number:f}{target.unit}"
