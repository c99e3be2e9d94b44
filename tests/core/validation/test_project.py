"""Project form rules, each failing once and passing once, from a hand-checked form."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.model import FundsRow, ProjectForm
from jixiao.core.rulesets import RuleSet
from jixiao.core.validation import Severity, validate
from jixiao.core.validation import project as rules_of
from tests.core.validation.helpers import codes, only, with_funds, with_indicator


def D(text: str) -> Decimal:
    return Decimal(text)


def with_total(form: ProjectForm, **changes: Decimal | None) -> ProjectForm:
    return with_funds(form, total=form.funds.total.model_copy(update=changes))


def test_a_consistent_project_form_has_no_findings(project_form: ProjectForm) -> None:
    assert validate(project_form) == []


# --- funds ---------------------------------------------------------------------------------------


def test_a_wrong_execution_rate_says_the_computed_one(
    project_form: ProjectForm, national: RuleSet
) -> None:
    form = with_funds(project_form, execution_rate=D("90.00"))
    finding = only(list(rules_of.check_execution_rate(form, national)), "execution_rate_mismatch")
    assert finding.path == "funds.execution_rate"
    assert "90.00%" in finding.message and "95.00%" in finding.message  # 95 / 100
    assert list(rules_of.check_execution_rate(project_form, national)) == []


def test_a_zero_annual_budget_leaves_the_execution_rate_undefined(
    project_form: ProjectForm, national: RuleSet
) -> None:
    form = with_total(project_form, annual_budget=D("0"))
    finding = only(list(rules_of.check_execution_rate(form, national)), "execution_rate_undefined")
    assert finding.path == "funds.total.annual_budget"


def test_executing_more_than_the_budget_is_a_warning(
    project_form: ProjectForm, national: RuleSet
) -> None:
    form = with_total(project_form, executed=D("105"))
    finding = only(list(rules_of.check_overspent_rows(form, national)), "executed_exceeds_budget")
    assert finding.severity is Severity.WARNING
    assert finding.path == "funds.total.executed"
    assert list(rules_of.check_overspent_rows(project_form, national)) == []


def test_sources_must_add_up_to_the_total_in_each_column(
    project_form: ProjectForm, national: RuleSet
) -> None:
    carried = project_form.funds.carried_over.model_copy(update={"annual_budget": D("10")})
    form = with_funds(project_form, carried_over=carried)
    findings = list(rules_of.check_funds_sources(form, national))
    assert [(f.code, f.path) for f in findings] == [
        ("funds_sources_mismatch", "funds.total.annual_budget")
    ]
    assert "90.00万元" in findings[0].message and "100.00万元" in findings[0].message
    assert list(rules_of.check_funds_sources(project_form, national)) == []


def test_a_total_with_no_stated_source_is_not_checked(
    project_form: ProjectForm, national: RuleSet
) -> None:
    form = with_funds(project_form, current_year_appropriation=FundsRow(), carried_over=FundsRow())
    assert list(rules_of.check_funds_sources(form, national)) == []


def test_negative_funds_are_errors(project_form: ProjectForm, national: RuleSet) -> None:
    form = with_total(project_form, initial_budget=D("-100"))
    finding = only(list(rules_of.check_negative_amounts(form, national)), "negative_amount")
    assert finding.path == "funds.total.initial_budget"
    assert list(rules_of.check_negative_amounts(project_form, national)) == []


# --- scores, weights, total, grade ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda f: with_indicator(f, 0, score=D("26")), "indicators[0].score"),
        (lambda f: with_funds(f, score=D("10.5")), "funds.score"),
    ],
)
def test_a_score_above_its_weight_is_an_error(
    project_form: ProjectForm, national: RuleSet, change, path: str
) -> None:
    findings = list(rules_of.check_scores(change(project_form), national))
    assert [(f.code, f.path) for f in findings] == [("score_exceeds_weight", path)]
    assert list(rules_of.check_scores(project_form, national)) == []


def test_a_negative_score_is_an_error(project_form: ProjectForm, national: RuleSet) -> None:
    form = with_indicator(project_form, 3, score=D("-1"))
    finding = only(list(rules_of.check_scores(form, national)), "negative_score")
    assert finding.path == "indicators[3].score"


def test_weights_must_sum_to_one_hundred(project_form: ProjectForm, national: RuleSet) -> None:
    form = with_indicator(project_form, 2, weight=D("25"), score=D("22"))
    finding = only(list(rules_of.check_weights_total(form, national)), "weights_total_mismatch")
    assert finding.path == "indicators"
    assert "分值合计为95" in finding.message and "应为100" in finding.message
    assert list(rules_of.check_weights_total(project_form, national)) == []


def test_weights_are_not_summed_while_one_is_missing(
    project_form: ProjectForm, national: RuleSet
) -> None:
    form = with_indicator(project_form, 2, weight=None)
    assert list(rules_of.check_weights_total(form, national)) == []


def test_the_printed_total_must_be_the_sum_of_printed_scores(
    project_form: ProjectForm, national: RuleSet
) -> None:
    form = project_form.model_copy(update={"total_score": D("95")})
    finding = only(list(rules_of.check_total_score(form, national)), "total_score_mismatch")
    assert "96.5" in finding.message  # 9.5 + 25 + 25 + 27 + 10
    assert list(rules_of.check_total_score(project_form, national)) == []


def test_the_printed_grade_must_match_the_total(
    project_form: ProjectForm, national: RuleSet
) -> None:
    form = project_form.model_copy(update={"grade": "良"})
    finding = only(list(rules_of.check_grade(form, national)), "grade_mismatch")
    assert finding.path == "grade"
    assert "“优”" in finding.message
    assert list(rules_of.check_grade(project_form, national)) == []


# --- indicators ----------------------------------------------------------------------------------


def test_an_indicator_without_target_or_actual_is_an_error(
    project_form: ProjectForm, national: RuleSet
) -> None:
    form = with_indicator(project_form, 1, target=None, actual="")
    findings = list(rules_of.check_indicator_values(form, national))
    assert [(f.code, f.path) for f in findings] == [
        ("indicator_target_missing", "indicators[1].target"),
        ("indicator_actual_missing", "indicators[1].actual"),
    ]
    assert list(rules_of.check_indicator_values(project_form, national)) == []


def test_an_indicator_without_a_name_is_called_by_its_position(
    project_form: ProjectForm, national: RuleSet
) -> None:
    form = with_indicator(project_form, 2, name="", target=None)
    (finding,) = rules_of.check_indicator_values(form, national)
    assert finding.message == "第3项指标（未填写名称）未填写年度指标值；请填写设定的目标值"


def test_a_qualitative_indicator_needs_a_rating(
    project_form: ProjectForm, national: RuleSet
) -> None:
    form = with_indicator(project_form, 2, rating=None)
    finding = only(
        list(rules_of.check_qualitative_ratings(form, national)), "qualitative_rating_missing"
    )
    assert finding.severity is Severity.WARNING
    assert finding.path == "indicators[2].rating"
    assert list(rules_of.check_qualitative_ratings(project_form, national)) == []


def test_an_unstated_nature_is_read_from_the_target_text(
    project_form: ProjectForm, national: RuleSet
) -> None:
    form = with_indicator(project_form, 2, nature=None, rating=None)
    assert codes(list(rules_of.check_qualitative_ratings(form, national))) == [
        "qualitative_rating_missing"
    ]
    quantitative = with_indicator(project_form, 0, nature=None)
    assert list(rules_of.check_qualitative_ratings(quantitative, national)) == []


def test_a_missed_target_needs_a_deviation_reason(
    project_form: ProjectForm, national: RuleSet
) -> None:
    form = with_indicator(project_form, 0, actual="8场", score=D("20"))
    finding = only(
        list(rules_of.check_deviation_reasons(form, national)), "deviation_reason_missing"
    )
    assert finding.path == "indicators[0].deviation_reason"
    assert "≥10场" in finding.message and "8场" in finding.message
    explained = with_indicator(form, 0, deviation_reason="下半年场地改造，两场讲座顺延至次年")
    assert list(rules_of.check_deviation_reasons(explained, national)) == []


def test_a_large_overshoot_needs_a_reason_only_when_the_rule_set_asks(
    project_form: ProjectForm, national: RuleSet
) -> None:
    form = with_indicator(project_form, 0, actual="14场")  # 140% of ≥10场
    assert list(rules_of.check_deviation_reasons(form, national)) == []
    strict = national.model_copy(update={"overshoot_reason_threshold": D("130")})
    finding = only(list(rules_of.check_deviation_reasons(form, strict)), "overshoot_reason_missing")
    assert "140%" in finding.message and "130%" in finding.message
    assert list(rules_of.check_deviation_reasons(project_form, strict)) == []  # 12场 = 120%


def test_a_low_total_requires_problems_and_measures_when_the_rule_set_asks(
    project_form: ProjectForm, national: RuleSet
) -> None:
    form = project_form.model_copy(update={"total_score": D("75"), "problems": "", "measures": ""})
    assert list(rules_of.check_problems_required(form, national)) == []
    strict = national.model_copy(update={"problems_required_below": D("80")})
    findings = list(rules_of.check_problems_required(form, strict))
    assert [(f.code, f.path, f.severity) for f in findings] == [
        ("problems_required", "problems", Severity.ERROR),
        ("problems_required", "measures", Severity.ERROR),
    ]
    written = form.model_copy(update={"problems": "进度滞后", "measures": "按月调度"})
    assert list(rules_of.check_problems_required(written, strict)) == []
