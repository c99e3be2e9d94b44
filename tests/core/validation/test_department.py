"""Department form rules, each failing once and passing once, starting from the seed."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jixiao.core.indicators import parse_value
from jixiao.core.model import DepartmentForm, SpendingBySource, TaskIndicator
from jixiao.core.money import round_money, round_rate
from jixiao.core.rulesets import RuleSet, load_ruleset
from jixiao.core.validation import Severity, validate
from jixiao.core.validation import department as rules_of
from tests.core.validation.helpers import codes, only, with_funds, with_task


def D(text: str) -> Decimal:
    return Decimal(text)


# --- the seed as a whole ----------------------------------------------------------------------


def test_the_seed_has_no_errors(seed_form: DepartmentForm) -> None:
    findings = validate(seed_form)
    assert [f for f in findings if f.severity is Severity.ERROR] == []


def test_the_seed_warns_about_its_unmeasurable_indicators_and_unexplained_adjustment(
    seed_form: DepartmentForm,
) -> None:
    warnings = {(f.code, f.path) for f in validate(seed_form)}
    assert warnings == {
        ("indicator_not_measurable", "tasks[0].indicators[1].actual"),
        ("indicator_not_measurable", "tasks[1].indicators[5].actual"),
        ("indicator_not_measurable", "tasks[2].indicators[2].actual"),
        ("adjustment_reason_missing", "funds.adjustment_reason"),
    }


# --- funds: printed figures against computed ones ------------------------------------------------


def test_a_wrong_completion_rate_is_one_error_that_says_the_right_value(
    seed_form: DepartmentForm,
) -> None:
    findings = validate(with_funds(seed_form, completion_rate=D("97.00")))
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert len(errors) == 1
    assert errors[0].code == "completion_rate_mismatch"
    assert errors[0].path == "funds.completion_rate"
    # 1961.88 / 1985.28 = 98.8213…%
    assert "97.00%" in errors[0].message
    assert "98.82%" in errors[0].message


def test_a_completion_rate_printed_with_fewer_decimals_is_accepted(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    form = with_funds(seed_form, completion_rate=D("98.8"))
    assert list(rules_of.check_completion_rate(form, guangzhou)) == []


def test_the_adjustment_must_be_the_net_change(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    form = with_funds(seed_form, adjustment=D("818.00"))
    finding = only(list(rules_of.check_adjustment(form, guangzhou)), "adjustment_mismatch")
    assert finding.path == "funds.adjustment"
    assert "818.17万元" in finding.message  # 2803.45 − 1985.28
    assert list(rules_of.check_adjustment(seed_form, guangzhou)) == []


def test_an_adjustment_rate_over_the_adjusted_budget_is_wrong(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    # 818.17 / 1985.28 = 41.2% is the common mistake; the denominator is the initial budget.
    form = with_funds(seed_form, adjustment_rate=D("41"))
    finding = only(
        list(rules_of.check_adjustment_rate(form, guangzhou)), "adjustment_rate_mismatch"
    )
    assert finding.path == "funds.adjustment_rate"
    assert "应为29%" in finding.message


def test_an_adjustment_rate_at_any_honest_precision_is_accepted(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    for printed in ("29", "29.2", "29.18"):  # exact 29.1834…%
        form = with_funds(seed_form, adjustment_rate=D(printed))
        assert list(rules_of.check_adjustment_rate(form, guangzhou)) == [], printed


def test_a_zero_adjusted_budget_leaves_the_completion_rate_undefined(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    form = with_funds(seed_form, adjusted_budget=D("0"))
    finding = only(
        list(rules_of.check_completion_rate(form, guangzhou)), "completion_rate_undefined"
    )
    assert finding.severity is Severity.ERROR
    assert finding.path == "funds.adjusted_budget"


def test_a_zero_initial_budget_leaves_the_adjustment_rate_undefined(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    form = with_funds(seed_form, initial_budget=D("0"))
    finding = only(
        list(rules_of.check_adjustment_rate(form, guangzhou)), "adjustment_rate_undefined"
    )
    assert finding.path == "funds.initial_budget"
    assert list(rules_of.check_adjustment_rate(seed_form, guangzhou)) == []


@given(
    initial=st.decimals(min_value=1, max_value=10**7, places=2),
    adjusted=st.decimals(min_value=1, max_value=10**7, places=2),
    share=st.decimals(min_value=0, max_value=1, places=4),
)
def test_figures_printed_as_the_rule_set_rounds_them_always_pass(
    initial: Decimal, adjusted: Decimal, share: Decimal
) -> None:
    rules = load_ruleset("guangzhou")
    actual = round_money(adjusted * share)
    form = DepartmentForm(
        department="测试部门",
        year=2023,
        funds={
            "initial_budget": initial,
            "adjusted_budget": adjusted,
            "actual_spending": actual,
            "adjustment": abs(adjusted - initial),
            "completion_rate": round_rate(actual * 100 / adjusted, 2),
            "adjustment_rate": round_rate(abs(adjusted - initial) * 100 / initial, 0),
        },
    )
    for rule in (
        rules_of.check_adjustment,
        rules_of.check_completion_rate,
        rules_of.check_adjustment_rate,
    ):
        assert list(rule(form, rules)) == []


# --- funds: amounts ---------------------------------------------------------------------------


def test_missing_required_amounts_are_errors(seed_form: DepartmentForm, guangzhou: RuleSet) -> None:
    form = with_funds(seed_form, initial_budget=None, actual_spending=None)
    findings = list(rules_of.check_required_amounts(form, guangzhou))
    assert [(f.code, f.path) for f in findings] == [
        ("required_amount_missing", "funds.initial_budget"),
        ("required_amount_missing", "funds.actual_spending"),
    ]
    assert "部门年初预算收入" in findings[0].message
    assert list(rules_of.check_required_amounts(seed_form, guangzhou)) == []


def test_negative_amounts_are_errors_wherever_they_are(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    form = with_funds(
        seed_form,
        actual_spending=D("-1"),
        spending_by_source=SpendingBySource(general_public_budget=D("-1")),
    )
    form = with_task(form, 1, funds=D("-5"))
    findings = list(rules_of.check_negative_amounts(form, guangzhou))
    assert {f.path for f in findings} == {
        "funds.actual_spending",
        "funds.spending_by_source.general_public_budget",
        "tasks[1].funds",
    }
    assert set(codes(findings)) == {"negative_amount"}
    assert list(rules_of.check_negative_amounts(seed_form, guangzhou)) == []


def test_spending_sources_must_add_up_to_actual_spending(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    short = with_funds(
        seed_form, spending_by_source=SpendingBySource(general_public_budget=D("1900.00"))
    )
    finding = only(
        list(rules_of.check_spending_sources(short, guangzhou)), "spending_sources_mismatch"
    )
    assert finding.path == "funds.spending_by_source"
    assert "1900.00万元" in finding.message and "1961.88万元" in finding.message
    split = with_funds(
        seed_form,
        spending_by_source=SpendingBySource(general_public_budget=D("1900.00"), other=D("61.88")),
    )
    assert list(rules_of.check_spending_sources(split, guangzhou)) == []


def test_task_funds_may_not_exceed_actual_spending(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    # 10.00 + 1920.00 + 33.39 = 1963.39 > 1961.88
    over = with_task(seed_form, 1, funds=D("1920.00"))
    finding = only(list(rules_of.check_task_funds(over, guangzhou)), "task_funds_exceed_spending")
    assert "1963.39万元" in finding.message
    # 10.00 + 1900.00 + 33.39 = 1943.39 ≤ 1961.88
    assert (
        list(rules_of.check_task_funds(with_task(seed_form, 1, funds=D("1900")), guangzhou)) == []
    )


def test_a_large_adjustment_needs_a_written_reason(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    finding = only(
        list(rules_of.check_adjustment_reason(seed_form, guangzhou)), "adjustment_reason_missing"
    )
    assert finding.severity is Severity.WARNING
    assert "29%" in finding.message and "20%" in finding.message
    explained = with_funds(seed_form, adjustment_reason="年中压减非急需项目支出")
    assert list(rules_of.check_adjustment_reason(explained, guangzhou)) == []


def test_an_adjustment_below_the_monitoring_threshold_needs_no_reason(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    lenient = guangzhou.model_copy(
        update={
            "monitoring": guangzhou.monitoring.model_copy(update={"adjustment_rate_warning": 30})
        }
    )
    assert list(rules_of.check_adjustment_reason(seed_form, lenient)) == []


def test_spending_above_the_adjusted_budget_is_a_warning(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    form = with_funds(seed_form, actual_spending=D("2000.00"), completion_rate=None)
    finding = only(
        list(rules_of.check_completion_over_hundred(form, guangzhou)), "completion_rate_over_100"
    )
    assert finding.severity is Severity.WARNING
    assert "100.74%" in finding.message  # 2000 / 1985.28 = 100.7415…%
    assert list(rules_of.check_completion_over_hundred(seed_form, guangzhou)) == []


# --- tasks, indicators, key projects, narratives -------------------------------------------------


def test_a_department_without_a_key_project_is_an_error(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    form = seed_form.model_copy(update={"key_projects": []})
    finding = only(list(rules_of.check_key_projects(form, guangzhou)), "key_project_missing")
    assert finding.path == "key_projects"
    assert list(rules_of.check_key_projects(seed_form, guangzhou)) == []


def test_duplicate_task_numbers_are_reported_at_the_second_task(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    form = with_task(seed_form, 2, number=2)
    finding = only(list(rules_of.check_task_numbers(form, guangzhou)), "duplicate_task_number")
    assert finding.path == "tasks[2].number"
    assert list(rules_of.check_task_numbers(seed_form, guangzhou)) == []


def test_a_task_without_indicators_is_a_warning(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    form = with_task(seed_form, 0, indicators=[])
    finding = only(list(rules_of.check_task_indicators(form, guangzhou)), "task_without_indicator")
    assert finding.severity is Severity.WARNING
    assert finding.path == "tasks[0].indicators"


def test_an_indicator_without_completion_is_an_error(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    blank = TaskIndicator(name="社会矛盾纠纷化解处置率", actual="  ")
    form = with_task(seed_form, 0, indicators=[blank, seed_form.tasks[0].indicators[2]])
    finding = only(
        list(rules_of.check_task_indicators(form, guangzhou)), "indicator_actual_missing"
    )
    assert finding.severity is Severity.ERROR
    assert finding.path == "tasks[0].indicators[0].actual"
    assert "社会矛盾纠纷化解处置率" in finding.message


def test_an_unnamed_indicator_is_called_by_its_task_and_position(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    unnamed = TaskIndicator(name=" ", actual=None)
    form = with_task(seed_form, 1, indicators=[*seed_form.tasks[1].indicators[:2], unnamed])
    finding = only(
        list(rules_of.check_task_indicators(form, guangzhou)), "indicator_actual_missing"
    )
    assert finding.message == "任务2的第3项指标（未填写名称）未填写完成情况；请填写实际完成值"


def test_measurable_indicators_pass_and_qualitative_ones_warn_with_the_parser_reason(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    findings = list(rules_of.check_task_indicators(seed_form, guangzhou))
    ranking = only(
        [f for f in findings if f.path == "tasks[0].indicators[1].actual"],
        "indicator_not_measurable",
    )
    reason = parse_value(seed_form.tasks[0].indicators[1].actual).reason
    assert reason and reason in ranking.message
    quantified = with_task(
        seed_form, 0, indicators=[TaskIndicator(name="社会矛盾纠纷化解处置率", actual="99.10%")]
    )
    remaining = list(rules_of.check_task_indicators(quantified, guangzhou))
    assert not [f for f in remaining if f.path.startswith("tasks[0]")]


def test_empty_problems_and_improvements_are_warnings(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    form = seed_form.model_copy(update={"problems": "", "improvements": " "})
    findings = list(rules_of.check_narratives(form, guangzhou))
    assert [(f.code, f.path, f.severity) for f in findings] == [
        ("problems_missing", "problems", Severity.WARNING),
        ("improvements_missing", "improvements", Severity.WARNING),
    ]
    assert list(rules_of.check_narratives(seed_form, guangzhou)) == []
