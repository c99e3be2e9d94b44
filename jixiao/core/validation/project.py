"""Rules for the 项目支出绩效自评表 (project form, MoF 2020 layout).

These rules check what the form prints — execution rate, sums of sources, scores against
weights, the total and its grade — without scoring the form (that is :mod:`jixiao.core.scoring`).
:data:`PROJECT_RULES` lists them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from jixiao.core import computations
from jixiao.core.indicators import ATTAINMENT_LABELS, Attainment, ValueKind, judge, parse_value
from jixiao.core.model import FundsRow, ProjectForm, ProjectFunds, ProjectIndicator
from jixiao.core.model.project import IndicatorNature
from jixiao.core.money import HUNDRED, ZERO, printed_matches, rate_text
from jixiao.core.rulesets import RuleSet
from jixiao.core.scoring import grade_for
from jixiao.core.validation._rates import PrintedRate, check_printed_rate
from jixiao.core.validation._text import amount, is_blank
from jixiao.core.validation._year import check_year
from jixiao.core.validation.findings import Finding, error, warning

ProjectRule = Callable[[ProjectForm, RuleSet], Iterable[Finding]]

_ROWS = ("total", "current_year_appropriation", "carried_over", "other")
_SOURCE_ROWS = _ROWS[1:]
_COLUMNS = ("initial_budget", "annual_budget", "executed")


def _row_label(row: str) -> str:
    return ProjectFunds.model_fields[row].title or row


def _column_label(column: str) -> str:
    return FundsRow.model_fields[column].title or column


def _points(value: Decimal) -> str:
    """A score or weight as written, without trailing zeros (``10``, ``8.5``)."""
    return format(value.normalize(), "f")


def _indicator_label(indicator: ProjectIndicator, index: int) -> str:
    if is_blank(indicator.name):
        return f"第{index + 1}项指标（未填写名称）"
    return f"指标“{indicator.name}”"


def check_execution_rate(form: ProjectForm, rules: RuleSet) -> Iterator[Finding]:
    yield from check_printed_rate(
        PrintedRate(
            code="execution_rate",
            path="funds.execution_rate",
            label="执行率",
            formula="全年执行数÷全年预算数",
            denominator=form.funds.total.annual_budget,
            denominator_path="funds.total.annual_budget",
            denominator_label="年度资金总额的全年预算数",
            printed=form.funds.execution_rate,
            exact=computations.project_execution_rate(form),
            places=rules.rate_precision.execution_rate,
        )
    )


def check_negative_amounts(form: ProjectForm, rules: RuleSet) -> Iterator[Finding]:
    unit = form.money_unit
    for row in _ROWS:
        for column in _COLUMNS:
            value = getattr(getattr(form.funds, row), column)
            if value is not None and value < 0:
                yield error(
                    "negative_amount",
                    f"funds.{row}.{column}",
                    f"{_row_label(row)}的{_column_label(column)}为{amount(value, unit)}，"
                    "金额不能为负数；请核对后填写",
                )


def check_overspent_rows(form: ProjectForm, rules: RuleSet) -> Iterator[Finding]:
    unit = form.money_unit
    for row in _ROWS:
        funds: FundsRow = getattr(form.funds, row)
        if funds.executed is None or funds.annual_budget is None:
            continue
        if funds.executed > funds.annual_budget:
            yield warning(
                "executed_exceeds_budget",
                f"funds.{row}.executed",
                f"{_row_label(row)}的全年执行数{amount(funds.executed, unit)}超过全年预算数"
                f"{amount(funds.annual_budget, unit)}；请核对执行数，或说明超预算执行的原因",
            )


def check_funds_sources(form: ProjectForm, rules: RuleSet) -> Iterator[Finding]:
    # A source row left blank on the printed form means none of that money, so the stated
    # sources are summed; nothing is checked when no source is stated at all.
    unit = form.money_unit
    for column in _COLUMNS:
        total = getattr(form.funds.total, column)
        sources = [getattr(getattr(form.funds, row), column) for row in _SOURCE_ROWS]
        stated = [value for value in sources if value is not None]
        if total is None or not stated:
            continue
        summed = sum(stated, ZERO)
        if summed != total:
            yield error(
                "funds_sources_mismatch",
                f"funds.total.{column}",
                f"{_column_label(column)}：本年财政拨款、上年结转资金、其他资金合计为"
                f"{amount(summed, unit)}，与年度资金总额{amount(total, unit)}不一致；"
                "请核对各来源金额",
            )


def _scored_items(form: ProjectForm) -> Iterator[tuple[str, str, Decimal | None, Decimal | None]]:
    """(path prefix, label, weight, score) of the funds row and of every indicator."""
    yield "funds", "预算执行率", form.funds.weight, form.funds.score
    for i, indicator in enumerate(form.indicators):
        yield f"indicators[{i}]", _indicator_label(indicator, i), indicator.weight, indicator.score


def check_scores(form: ProjectForm, rules: RuleSet) -> Iterator[Finding]:
    for prefix, label, weight, score in _scored_items(form):
        if weight is not None and weight < 0:
            yield error(
                "negative_weight",
                f"{prefix}.weight",
                f"{label}的分值为{_points(weight)}，分值不能为负数；请核对",
            )
        if score is None:
            continue
        if score < 0:
            yield error(
                "negative_score",
                f"{prefix}.score",
                f"{label}的得分为{_points(score)}，得分不能为负数；最低为0分，请改正",
            )
        elif weight is not None and score > weight:
            yield error(
                "score_exceeds_weight",
                f"{prefix}.score",
                f"{label}的得分{_points(score)}超过其分值{_points(weight)}；"
                "得分不能高于分值，请改正",
            )


def check_weights_total(form: ProjectForm, rules: RuleSet) -> Iterator[Finding]:
    indicator_weights = [indicator.weight for indicator in form.indicators]
    funds_weight = form.funds.weight
    if not form.indicators or funds_weight is None or None in indicator_weights:
        return
    expected = (
        rules.weights.output
        + rules.weights.effect
        + rules.weights.satisfaction
        + rules.weights.execution
    )
    indicators_total = sum((w for w in indicator_weights if w is not None), ZERO)
    total = funds_weight + indicators_total
    if total != expected:
        yield error(
            "weights_total_mismatch",
            "indicators",
            f"分值合计为{_points(total)}（预算执行率{_points(funds_weight)}＋绩效指标"
            f"{_points(indicators_total)}），应为{_points(expected)}；请调整各指标分值",
        )


def check_total_score(form: ProjectForm, rules: RuleSet) -> Iterator[Finding]:
    printed = form.total_score
    scores = [score for _, _, _, score in _scored_items(form)]
    if printed is None or None in scores:
        return
    summed = sum((s for s in scores if s is not None), ZERO)
    if printed_matches(printed, summed):
        return
    yield error(
        "total_score_mismatch",
        "total_score",
        f"总分填报为{_points(printed)}，预算执行率得分与各指标得分合计为{_points(summed)}；"
        "请改正总分",
    )


def check_grade(form: ProjectForm, rules: RuleSet) -> Iterator[Finding]:
    if form.grade is None or form.total_score is None:
        return
    expected = grade_for(form.total_score, rules.grades)
    if not expected or expected == form.grade:
        return
    yield error(
        "grade_mismatch",
        "grade",
        f"评价等级填报为“{form.grade}”，按总分{_points(form.total_score)}和{rules.name}"
        f"的等级标准应为“{expected}”；请改正",
    )


def check_indicator_values(form: ProjectForm, rules: RuleSet) -> Iterator[Finding]:
    for i, indicator in enumerate(form.indicators):
        label = _indicator_label(indicator, i)
        if is_blank(indicator.target):
            yield error(
                "indicator_target_missing",
                f"indicators[{i}].target",
                f"{label}未填写年度指标值；请填写设定的目标值",
            )
        if is_blank(indicator.actual):
            yield error(
                "indicator_actual_missing",
                f"indicators[{i}].actual",
                f"{label}未填写实际完成值；请填写",
            )


def _is_qualitative(indicator: ProjectIndicator) -> bool:
    if indicator.nature is IndicatorNature.QUALITATIVE:
        return True
    if indicator.nature is not None or is_blank(indicator.target):
        return False
    return parse_value(indicator.target).kind is ValueKind.QUALITATIVE


def check_qualitative_ratings(form: ProjectForm, rules: RuleSet) -> Iterator[Finding]:
    for i, indicator in enumerate(form.indicators):
        if not _is_qualitative(indicator) or indicator.rating is not None:
            continue
        if not is_blank(indicator.actual) and parse_value(indicator.actual).rating is not None:
            continue  # the completion text states its own rating (达成预期指标)
        yield warning(
            "qualitative_rating_missing",
            f"indicators[{i}].rating",
            f"{_indicator_label(indicator, i)}是定性指标，未给出评价（达成、部分达成或未达成）；"
            "请选择评价等级",
        )


def check_deviation_reasons(form: ProjectForm, rules: RuleSet) -> Iterator[Finding]:
    threshold = rules.overshoot_reason_threshold
    for i, indicator in enumerate(form.indicators):
        if not is_blank(indicator.deviation_reason):
            continue
        if is_blank(indicator.target) or is_blank(indicator.actual):
            continue
        result = judge(indicator.target, indicator.actual, indicator.nature)
        path = f"indicators[{i}].deviation_reason"
        label = _indicator_label(indicator, i)
        values = f"年度指标值{indicator.target}，实际完成值{indicator.actual}"
        if result.status in (Attainment.NOT_MET, Attainment.PARTLY_MET):
            yield warning(
                "deviation_reason_missing",
                path,
                f"{label}{ATTAINMENT_LABELS[result.status]}（{values}），"
                "未填写偏差原因分析及改进措施；请补充",
            )
        elif threshold and result.ratio is not None and result.ratio * HUNDRED >= threshold:
            yield warning(
                "overshoot_reason_missing",
                path,
                f"{label}实际完成值达到年度指标值的{rate_text(result.ratio * HUNDRED, 0)}"
                f"（{values}），超过{rate_text(threshold, 0)}，应说明偏差原因；"
                "请填写偏差原因分析，并检查目标是否设定过低",
            )


def check_problems_required(form: ProjectForm, rules: RuleSet) -> Iterator[Finding]:
    limit = rules.problems_required_below
    if limit is None or form.total_score is None or form.total_score >= limit:
        return
    for field, title in (("problems", "存在问题"), ("measures", "改进措施")):
        if is_blank(getattr(form, field)):
            yield error(
                "problems_required",
                field,
                f"总分{_points(form.total_score)}低于{_points(limit)}分，必须填写{title}；请补充",
            )


PROJECT_RULES: tuple[ProjectRule, ...] = (
    check_year,
    check_execution_rate,
    check_negative_amounts,
    check_overspent_rows,
    check_funds_sources,
    check_scores,
    check_weights_total,
    check_total_score,
    check_grade,
    check_indicator_values,
    check_qualitative_ratings,
    check_deviation_reasons,
    check_problems_required,
)
