"""Rules for the 部门整体支出绩效自评表 (department overall form).

Each rule is a small function ``(form, rules) -> Iterable[Finding]``; :data:`DEPARTMENT_RULES`
lists them all so that a form shows every problem at once. Derived figures come from
:mod:`jixiao.core.computations` and are compared at the precision the form printed them with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from jixiao.core import computations
from jixiao.core.indicators import parse_value
from jixiao.core.model import DepartmentForm, DepartmentFunds, SpendingBySource, TaskIndicator
from jixiao.core.money import HUNDRED, ZERO, rate_text, round_money
from jixiao.core.rulesets import AdjustmentMode, RuleSet
from jixiao.core.validation._rates import PrintedRate, check_printed_rate
from jixiao.core.validation._text import amount, is_blank, rate_like
from jixiao.core.validation._year import check_year
from jixiao.core.validation.findings import Finding, error, warning

DepartmentRule = Callable[[DepartmentForm, RuleSet], Iterable[Finding]]

_QUOTE_LIMIT = 24


def _label(field: str) -> str:
    title = DepartmentFunds.model_fields[field].title
    return title or field


def _quote(text: str) -> str:
    text = text.strip()
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1] + "…"


def check_required_amounts(form: DepartmentForm, rules: RuleSet) -> Iterator[Finding]:
    for field in ("initial_budget", "adjusted_budget", "actual_spending"):
        if getattr(form.funds, field) is None:
            yield error(
                "required_amount_missing",
                f"funds.{field}",
                f"未填写{_label(field)}；请按决算数据填写（单位：{form.money_unit}）",
            )


def check_negative_amounts(form: DepartmentForm, rules: RuleSet) -> Iterator[Finding]:
    # The printed adjustment and rates are left to the rules that recompute them: a wrong
    # sign there is a mismatch, and saying so twice would be noise.
    unit = form.money_unit
    for field in ("initial_budget", "adjusted_budget", "actual_spending"):
        value = getattr(form.funds, field)
        if value is not None and value < 0:
            yield error(
                "negative_amount",
                f"funds.{field}",
                f"{_label(field)}为{amount(value, unit)}，金额不能为负数；请核对后填写",
            )
    sources = form.funds.spending_by_source
    for field, info in SpendingBySource.model_fields.items():
        value = getattr(sources, field)
        if value is not None and value < 0:
            yield error(
                "negative_amount",
                f"funds.spending_by_source.{field}",
                f"实际支出数中{info.title}为{amount(value, unit)}，金额不能为负数；请核对后填写",
            )
    for i, task in enumerate(form.tasks):
        if task.funds is not None and task.funds < 0:
            yield error(
                "negative_amount",
                f"tasks[{i}].funds",
                f"任务{task.number}涉及资金为{amount(task.funds, unit)}，金额不能为负数；"
                "请核对后填写",
            )


def _adjustment_formula(funds: DepartmentFunds, rules: RuleSet) -> str:
    if rules.adjustment_mode is AdjustmentMode.GROSS and funds.adjustment_items:
        return "各项预算调整明细金额的绝对值之和"
    if rules.adjustment_signed:
        return "调整预算收入−年初预算收入"
    return "|调整预算收入−年初预算收入|"


def check_adjustment(form: DepartmentForm, rules: RuleSet) -> Iterator[Finding]:
    printed = form.funds.adjustment
    exact = computations.budget_adjustment(form.funds, rules)
    if printed is None or exact is None or round_money(printed) == round_money(exact):
        return
    unit = form.money_unit
    yield error(
        "adjustment_mismatch",
        "funds.adjustment",
        f"年度预算调整数填报为{amount(printed, unit)}，按{_adjustment_formula(form.funds, rules)}"
        f"计算应为{amount(exact, unit)}；请改正",
    )


def check_completion_rate(form: DepartmentForm, rules: RuleSet) -> Iterator[Finding]:
    funds = form.funds
    yield from check_printed_rate(
        PrintedRate(
            code="completion_rate",
            path="funds.completion_rate",
            label="预算完成率",
            formula="实际支出数÷部门调整预算收入",
            denominator=funds.adjusted_budget,
            denominator_path="funds.adjusted_budget",
            denominator_label="部门调整预算收入",
            printed=funds.completion_rate,
            exact=computations.completion_rate(funds),
            places=rules.rate_precision.completion_rate,
        )
    )


def check_adjustment_rate(form: DepartmentForm, rules: RuleSet) -> Iterator[Finding]:
    funds = form.funds
    yield from check_printed_rate(
        PrintedRate(
            code="adjustment_rate",
            path="funds.adjustment_rate",
            label="预算调整率",
            formula="年度预算调整数÷部门年初预算收入",
            denominator=funds.initial_budget,
            denominator_path="funds.initial_budget",
            denominator_label="部门年初预算收入",
            printed=funds.adjustment_rate,
            exact=computations.adjustment_rate(funds, rules),
            places=rules.rate_precision.adjustment_rate,
        )
    )


def check_spending_sources(form: DepartmentForm, rules: RuleSet) -> Iterator[Finding]:
    total = computations.spending_sources_total(form.funds.spending_by_source)
    actual = form.funds.actual_spending
    if total is None or actual is None or total == actual:
        return
    unit = form.money_unit
    yield error(
        "spending_sources_mismatch",
        "funds.spending_by_source",
        f"实际支出数按资金来源（一般公共预算、政府性基金预算、国有资本经营预算、其他）合计为"
        f"{amount(total, unit)}，与实际支出数{amount(actual, unit)}不一致；请核对各来源金额",
    )


def check_task_funds(form: DepartmentForm, rules: RuleSet) -> Iterator[Finding]:
    stated = [task.funds for task in form.tasks if task.funds is not None]
    actual = form.funds.actual_spending
    if not stated or actual is None:
        return
    total = sum(stated, ZERO)
    if total > actual:
        unit = form.money_unit
        yield error(
            "task_funds_exceed_spending",
            "tasks",
            f"主要任务涉及资金合计{amount(total, unit)}，超过实际支出数{amount(actual, unit)}；"
            "任务资金是实际支出的一部分，请核对各任务资金（跨页的任务只计一次）",
        )


def check_key_projects(form: DepartmentForm, rules: RuleSet) -> Iterator[Finding]:
    if not form.key_projects:
        yield error(
            "key_project_missing",
            "key_projects",
            "未填写重点项目绩效情况；每个部门至少开展一个重点项目绩效评价，请补充",
        )


def check_task_numbers(form: DepartmentForm, rules: RuleSet) -> Iterator[Finding]:
    first_seen: dict[int, int] = {}
    for i, task in enumerate(form.tasks):
        if task.number in first_seen:
            yield error(
                "duplicate_task_number",
                f"tasks[{i}].number",
                f"任务序号{task.number}重复（第{first_seen[task.number] + 1}项任务已使用）；"
                "请为每项任务编不同的序号",
            )
        else:
            first_seen[task.number] = i


def _indicator_label(task_number: int, indicator: TaskIndicator, index: int) -> str:
    if is_blank(indicator.name):
        return f"任务{task_number}的第{index + 1}项指标（未填写名称）"
    return f"任务{task_number}的指标“{indicator.name}”"


def check_task_indicators(form: DepartmentForm, rules: RuleSet) -> Iterator[Finding]:
    for i, task in enumerate(form.tasks):
        if not task.indicators:
            yield warning(
                "task_without_indicator",
                f"tasks[{i}].indicators",
                f"任务{task.number}没有关键指标；请至少填写一项可衡量的关键指标及其完成情况",
            )
        for j, indicator in enumerate(task.indicators):
            path = f"tasks[{i}].indicators[{j}].actual"
            if is_blank(indicator.actual):
                yield error(
                    "indicator_actual_missing",
                    path,
                    f"{_indicator_label(task.number, indicator, j)}未填写完成情况；"
                    "请填写实际完成值",
                )
                continue
            value = parse_value(indicator.actual)
            if not value.measurable:
                reason = value.reason or "未写明数值"
                yield warning(
                    "indicator_not_measurable",
                    path,
                    f"{_indicator_label(task.number, indicator, j)}完成情况"
                    f"“{_quote(indicator.actual or '')}”无法量化（{reason}）；"
                    "建议写明数量、比例等可衡量的完成值",
                )


def check_adjustment_reason(form: DepartmentForm, rules: RuleSet) -> Iterator[Finding]:
    threshold = rules.monitoring.adjustment_rate_warning
    rate = computations.adjustment_rate(form.funds, rules)
    if rate is None:
        rate = form.funds.adjustment_rate
    if rate is None or abs(rate) < threshold or not is_blank(form.funds.adjustment_reason):
        return
    shown = rate_like(abs(rate), form.funds.adjustment_rate, rules.rate_precision.adjustment_rate)
    yield warning(
        "adjustment_reason_missing",
        "funds.adjustment_reason",
        f"预算调整率为{shown}，达到{rate_text(threshold, 0)}的监控阈值，但未填写预算调整说明；"
        "请说明预算调整的原因",
    )


def check_completion_over_hundred(form: DepartmentForm, rules: RuleSet) -> Iterator[Finding]:
    rate = computations.completion_rate(form.funds)
    if rate is None:
        rate = form.funds.completion_rate
    if rate is None or rate <= HUNDRED:
        return
    shown = rate_like(rate, form.funds.completion_rate, rules.rate_precision.completion_rate)
    yield warning(
        "completion_rate_over_100",
        "funds.completion_rate",
        f"预算完成率为{shown}，超过100%：实际支出数大于调整预算收入；请核对实际支出数，"
        "或说明超预算支出的原因",
    )


def check_narratives(form: DepartmentForm, rules: RuleSet) -> Iterator[Finding]:
    if is_blank(form.problems):
        yield warning(
            "problems_missing", "problems", "未填写存在问题；请如实填写绩效管理中发现的问题"
        )
    if is_blank(form.improvements):
        yield warning(
            "improvements_missing",
            "improvements",
            "未填写改进措施或下一步计划；请针对存在问题填写改进措施",
        )


DEPARTMENT_RULES: tuple[DepartmentRule, ...] = (
    check_year,
    check_required_amounts,
    check_negative_amounts,
    check_adjustment,
    check_completion_rate,
    check_adjustment_rate,
    check_spending_sources,
    check_task_funds,
    check_key_projects,
    check_task_numbers,
    check_task_indicators,
    check_adjustment_reason,
    check_completion_over_hundred,
    check_narratives,
)
