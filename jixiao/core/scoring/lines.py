"""One score line per scored row: budget execution, then each level-3 indicator.

An indicator is scored on numbers when its target and actual both parse to numbers (and it is
not marked 定性); on its qualitative rating when it has one (the row's ``rating``, or a rating
the actual text states, such as ``达成预期指标``); otherwise it scores 0 under ``no_data``
with the reason, also when :func:`~jixiao.core.indicators.judge` finds the figures cannot be
compared (different units, a year-on-year change on one side only). Which comparison applies
comes from the target's own operator, else from the row's 指标性质: ``≥``/``>`` or a plain
figure is positive, ``≤``/``<`` reverse, ``=`` equal; a range target (``90%-95%``) is met
inside it. Strict ``>``/``<`` are scored like ``≥``/``≤``: the measures give no separate rule
and a one-unit difference is not worth a different formula.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.computations import execution_rate
from jixiao.core.indicators import Attainment, IndicatorValue, Operator, judge, parse_value
from jixiao.core.model import ProjectForm, ProjectIndicator
from jixiao.core.model.project import IndicatorNature, QualitativeRating
from jixiao.core.money import HUNDRED, ZERO, quantize, rate_text
from jixiao.core.rulesets import Band, ReverseFormula, RuleSet
from jixiao.core.scoring import formulas
from jixiao.core.scoring.card import Group, ScoreLine, ScoreRule
from jixiao.core.scoring.groups import RowPoints
from jixiao.core.scoring.text import plain, score_text

SCORE_PLACES = 2

_POSITIVE = "positive"
_REVERSE = "reverse"
_EQUAL = "equal"

_NATURE_KIND = {
    IndicatorNature.AT_LEAST: _POSITIVE,
    IndicatorNature.AT_MOST: _REVERSE,
    IndicatorNature.EQUAL: _EQUAL,
}
_OPERATOR_KIND = {
    Operator.AT_LEAST: _POSITIVE,
    Operator.MORE_THAN: _POSITIVE,
    Operator.AT_MOST: _REVERSE,
    Operator.LESS_THAN: _REVERSE,
    Operator.EQUAL: _EQUAL,
}


def _round(value: Decimal) -> Decimal:
    return quantize(value, SCORE_PLACES)


def _as_written(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def execution_line(form: ProjectForm, rules: RuleSet) -> ScoreLine:
    """预算执行率: B / A of the 年度资金总额 row, × points, capped at points."""
    row = form.funds.total
    points = form.funds.weight if form.funds.weight is not None else rules.weights.execution
    rate = execution_rate(row)
    places = rules.rate_precision.execution_rate
    inputs = {
        "annual_budget": _as_written(row.annual_budget),
        "executed": _as_written(row.executed),
        "points": plain(points),
    }
    if form.funds.score is not None:
        inputs["printed_score"] = _as_written(form.funds.score)

    def line(score: Decimal, rule: ScoreRule, explanation: str) -> ScoreLine:
        return ScoreLine(
            path="funds.total",
            name="预算执行率",
            group=Group.EXECUTION.value,
            points=points,
            score=_round(score),
            rule=rule,
            inputs=inputs,
            explanation=explanation,
        )

    if rate is None:
        if row.annual_budget is None or row.executed is None:
            why = "未填写全年预算数（A）或全年执行数（B）"
        else:
            why = "全年预算数（A）为 0"
        return line(ZERO, ScoreRule.NO_DATA, f"{why}，无法计算执行率，得 0 分")
    shown = rate_text(rate, places)
    inputs["execution_rate"] = shown
    score = formulas.execution_score(rate, points)
    if rate > HUNDRED:
        text = f"执行率 {shown}，超过 100% 按 100% 计，得满分 {plain(points)}"
    elif rate < ZERO:
        text = f"执行率 {shown}，为负数，得 0 分"
    else:
        text = f"执行率 {shown}，得分 = {shown} × {plain(points)} = {score_text(_round(score))}"
    return line(score, ScoreRule.EXECUTION_RATE, text)


def _points_source(alloc: RowPoints) -> str:
    if alloc.stated:
        return "表内分值"
    if alloc.group is None:
        return "不属于产出、效益、满意度指标，无分值"
    return f"{alloc.group.value}剩余分值 {plain(alloc.shared_pool)} 由 {alloc.shared_among} 项平分"


def _signed(actual: IndicatorValue, target: IndicatorValue) -> Decimal:
    """The actual on the target's scale: ``同比上升2%`` against ``同比下降5%`` is −2."""
    assert actual.number is not None
    opposite = (
        actual.direction is not None
        and target.direction is not None
        and actual.direction is not target.direction
    )
    return -actual.number if opposite else actual.number


def _kind(row: ProjectIndicator, target: IndicatorValue) -> str:
    # The target's own operator first, then 指标性质, as ``judge`` reads them: the score and
    # the attainment shown elsewhere must agree on which way the indicator points.
    if target.operator is not None:
        return _OPERATOR_KIND[target.operator]
    if row.nature in _NATURE_KIND:
        return _NATURE_KIND[row.nature]
    return _POSITIVE


def _quantitative(
    row: ProjectIndicator,
    target: IndicatorValue,
    actual: IndicatorValue,
    points: Decimal,
    formula: ReverseFormula,
) -> tuple[Decimal, ScoreRule, str]:
    assert target.number is not None
    t = target.number
    a = _signed(actual, target)
    kind = _kind(row, target)
    pts = plain(points)
    said = f"实际完成值“{actual.text}”，年度指标值“{target.text}”"
    if target.upper is not None:
        if kind == _REVERSE:
            t = target.upper
        else:
            return _range(a, t, target.upper, points, said)
    if kind == _REVERSE:
        rule = (
            ScoreRule.REVERSE_LINEAR
            if formula is ReverseFormula.LINEAR
            else ScoreRule.REVERSE_RATIO
        )
        fraction = formulas.reverse_fraction(a, t, formula)
        score = fraction * points
        if a <= t:
            return score, rule, f"{said}，反向指标未超过目标，得满分 {pts}"
        if t <= 0:
            return score, rule, f"{said}，反向指标超过目标且目标不大于 0，无法按比例计分，得 0 分"
        if formula is ReverseFormula.LINEAR:
            shown = f"(1 − ({plain(a)} − {plain(t)}) ÷ {plain(t)}) × {pts}"
            floor = "，不足 0 按 0 计" if fraction == 0 else ""
            return (
                score,
                rule,
                f"{said}，反向指标超过目标，得分 = {shown}{floor} = {score_text(_round(score))}",
            )
        shown = f"{plain(t)} ÷ {plain(a)} × {pts}"
        return (
            score,
            rule,
            f"{said}，反向指标超过目标，得分 = {shown} = {score_text(_round(score))}",
        )
    if kind == _EQUAL:
        fraction = formulas.equal_fraction(a, t)
        score = fraction * points
        if a == t:
            return score, ScoreRule.EQUAL, f"{said}，与目标相等，得满分 {pts}"
        if a <= 0 or t <= 0:
            return score, ScoreRule.EQUAL, f"{said}，与目标不等且无法按比例计分，得 0 分"
        side, shown = (
            ("低于", f"{plain(a)} ÷ {plain(t)}") if a < t else ("高于", f"{plain(t)} ÷ {plain(a)}")
        )
        return (
            score,
            ScoreRule.EQUAL,
            f"{said}，{side}目标，得分 = {shown} × {pts} = {score_text(_round(score))}",
        )
    fraction = formulas.positive_fraction(a, t)
    score = fraction * points
    if a >= t:
        return score, ScoreRule.POSITIVE_RATIO, f"{said}，达到目标，得满分 {pts}"
    if t <= 0:
        return score, ScoreRule.POSITIVE_RATIO, f"{said}，未达到目标且目标不大于 0，得 0 分"
    if fraction == 0:
        return score, ScoreRule.POSITIVE_RATIO, f"{said}，未达到目标，完成值不大于 0，得 0 分"
    shown = f"{plain(a)} ÷ {plain(t)} × {pts}"
    return (
        score,
        ScoreRule.POSITIVE_RATIO,
        f"{said}，未达到目标，得分 = {shown} = {score_text(_round(score))}",
    )


def _range(
    a: Decimal, low: Decimal, high: Decimal, points: Decimal, said: str
) -> tuple[Decimal, ScoreRule, str]:
    score = formulas.range_fraction(a, low, high) * points
    pts = plain(points)
    if low <= a <= high:
        return score, ScoreRule.RANGE, f"{said}，在目标区间内，得满分 {pts}"
    if a < low:
        if low <= 0 or a <= 0:
            return score, ScoreRule.RANGE, f"{said}，低于目标区间，无法按比例计分，得 0 分"
        shown = f"{plain(a)} ÷ {plain(low)} × {pts}"
        side = "低于"
    else:
        if high <= 0:
            return score, ScoreRule.RANGE, f"{said}，高于目标区间，无法按比例计分，得 0 分"
        shown = f"{plain(high)} ÷ {plain(a)} × {pts}"
        side = "高于"
    return (
        score,
        ScoreRule.RANGE,
        f"{said}，{side}目标区间，得分 = {shown} = {score_text(_round(score))}",
    )


def _band(rules: RuleSet, rating: QualitativeRating) -> Band:
    bands = rules.qualitative_bands
    return {
        QualitativeRating.ACHIEVED: bands.achieved,
        QualitativeRating.PARTLY: bands.partly,
        QualitativeRating.NOT_ACHIEVED: bands.not_achieved,
    }[rating]


def _qualitative(
    rating: QualitativeRating, given: Decimal | None, points: Decimal, rules: RuleSet
) -> tuple[Decimal, str]:
    band = _band(rules, rating)
    low, high = formulas.band_range(band, points)
    score = formulas.band_score(band, points, given)
    head = f"定性评价“{rating.value}”，分值区间 {score_text(low)}–{score_text(high)}"
    if given is None:
        return score, f"{head}，未填写得分，按区间上限计 {score_text(_round(score))}"
    if low <= given <= high:
        return score, f"{head}，采用评价人给分 {score_text(_round(score))}"
    return score, (
        f"{head}，评价人给分 {plain(given)} 不在区间内，按 {score_text(_round(score))} 计"
    )


def _no_data_reason(row: ProjectIndicator, target: IndicatorValue, actual: IndicatorValue) -> str:
    if row.nature is IndicatorNature.QUALITATIVE:
        return "定性指标未给出评价（达成/部分达成/未达成），无法计分，得 0 分"
    if not (row.actual or "").strip():
        why = "未填写实际完成值"
    elif not (row.target or "").strip():
        why = "未填写年度指标值"
    elif not target.measurable:
        why = f"年度指标值“{target.text}”无法量化"
    else:
        why = f"实际完成值“{actual.text}”无法量化"
    return f"{why}，也未给出定性评价（达成/部分达成/未达成），无法计分，得 0 分"


def indicator_line(
    index: int, row: ProjectIndicator, alloc: RowPoints, rules: RuleSet
) -> ScoreLine:
    """Score one level-3 indicator row."""
    target = parse_value(row.target)
    actual = parse_value(row.actual)
    points = alloc.points
    inputs = {
        "target": row.target or "",
        "actual": row.actual or "",
        "nature": row.nature.value if row.nature is not None else "",
        "points": plain(points),
        "points_source": _points_source(alloc),
    }
    if row.score is not None:
        inputs["printed_score"] = _as_written(row.score)
    rating = row.rating
    if rating is None and actual.rating is not None:
        rating = QualitativeRating(actual.rating.value)
        inputs["rating_source"] = "实际完成值"
    elif rating is not None:
        inputs["rating_source"] = "定性评价"
    if rating is not None:
        inputs["rating"] = rating.value

    qualitative_nature = row.nature is IndicatorNature.QUALITATIVE
    comparable = target.measurable and actual.measurable and not qualitative_nature
    unknown_reason = ""
    if comparable:
        # judge decides whether the two figures can be compared at all (units, year-on-year
        # changes on one side only); the score's arithmetic is then ours.
        verdict = judge(target, actual, row.nature)
        if verdict.status is Attainment.UNKNOWN:
            comparable, unknown_reason = False, verdict.reason
    if qualitative_nature and rating is not None:
        rule, (score, text) = (
            ScoreRule.QUALITATIVE_BAND,
            _qualitative(rating, row.score, points, rules),
        )
    elif comparable:
        score, rule, text = _quantitative(row, target, actual, points, rules.reverse_formula)
    elif rating is not None:
        rule, (score, text) = (
            ScoreRule.QUALITATIVE_BAND,
            _qualitative(rating, row.score, points, rules),
        )
    elif unknown_reason:
        score, rule = ZERO, ScoreRule.NO_DATA
        text = f"{unknown_reason}，也未给出定性评价（达成/部分达成/未达成），无法计分，得 0 分"
    else:
        score, rule, text = ZERO, ScoreRule.NO_DATA, _no_data_reason(row, target, actual)
    return ScoreLine(
        path=f"indicators[{index}]",
        name=row.name,
        group=alloc.group.value if alloc.group is not None else (row.level1.strip() or "其他指标"),
        points=points,
        score=_round(score),
        rule=rule,
        inputs=inputs,
        explanation=text,
    )
