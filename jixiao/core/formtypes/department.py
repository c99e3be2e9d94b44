"""The 部门整体支出绩效自评表 as a registry entry."""

from __future__ import annotations

from jixiao.core import computations
from jixiao.core.carry_over import blank_department_form, carry_department
from jixiao.core.formtypes.base import Figure, FormType, Judgement
from jixiao.core.model import DepartmentForm
from jixiao.core.money import money_text, rate_text, round_money, round_rate
from jixiao.core.monitoring.models import ExecutionKind
from jixiao.core.printed import department_checks
from jixiao.core.rulesets import RuleSet
from jixiao.core.text_limits import TEXT_LIMITS
from jixiao.core.validation.department import DEPARTMENT_RULES
from jixiao.core.validation.fields import field_rules


def complete(form: DepartmentForm, rules: RuleSet) -> DepartmentForm:
    funds = form.funds
    adjustment = computations.budget_adjustment(funds, rules)
    completion = computations.completion_rate(funds)
    adjustment_rate = computations.adjustment_rate(funds, rules)
    precision = rules.rate_precision
    new_funds = funds.model_copy(
        update={
            "adjustment": None if adjustment is None else round_money(adjustment),
            "completion_rate": None
            if completion is None
            else round_rate(completion, precision.completion_rate),
            "adjustment_rate": None
            if adjustment_rate is None
            else round_rate(adjustment_rate, precision.adjustment_rate),
        }
    )
    return form.model_copy(update={"funds": new_funds})


def judge(form: DepartmentForm, rules: RuleSet) -> Judgement:
    figures = computations.department_figures(
        form.funds, [task.funds for task in form.tasks], rules
    )
    precision = rules.rate_precision
    shown = [
        Figure("funds.adjustment", "年度预算调整数", money_text(figures.adjustment)),
        Figure(
            "funds.completion_rate",
            "预算完成率",
            rate_text(figures.completion_rate, precision.completion_rate),
        ),
        Figure(
            "funds.adjustment_rate",
            "预算调整率",
            rate_text(figures.adjustment_rate, precision.adjustment_rate),
        ),
        Figure(
            "funds.spending_by_source", "各来源合计", money_text(figures.spending_sources_total)
        ),
        Figure("tasks.funds_total", "任务涉及资金合计", money_text(figures.task_funds_total)),
    ]
    return Judgement(shown, None, department_checks(form, rules))


def _blank(*, year: int, title: str = "", **_: str) -> DepartmentForm:
    """A department's own form: ``title`` is the filing organisation's name."""
    return blank_department_form(department=title, year=year)


DEPARTMENT = FormType(
    key="department_overall",
    label="部门整体支出绩效自评表",
    model=DepartmentForm,
    default_ruleset="guangzhou",
    default_layout="guangzhou_department",
    complete=complete,
    judge=judge,
    rules=(*DEPARTMENT_RULES, *field_rules(TEXT_LIMITS)),
    text_limits=TEXT_LIMITS,
    title=lambda form: str(form.department),
    blank=_blank,
    carry=carry_department,
    one_per_year=True,
    monitored_as=ExecutionKind.UNIT,
    field_labels={
        "DepartmentForm.funds": "部门资金情况",
        "DepartmentForm.annual_goals": "年度目标",
        "DepartmentFunds.spending_by_source": "实际支出数（按资金来源）",
    },
)
