"""``validate`` runs every rule of the form's type, under the form's default rule set."""

from __future__ import annotations

import inspect
from decimal import Decimal

from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.model.department import BudgetAdjustmentItem
from jixiao.core.rulesets import AdjustmentMode, RuleSet, load_ruleset
from jixiao.core.validation import (
    DEPARTMENT_RULES,
    PROJECT_RULES,
    department,
    has_errors,
    project,
    validate,
)
from jixiao.core.validation._year import check_year
from tests.core.validation.helpers import codes, only, with_funds, with_indicator


def test_a_form_shows_every_problem_at_once(seed_form: DepartmentForm) -> None:
    form = with_funds(seed_form, completion_rate=Decimal("97.00"), adjustment=Decimal("800"))
    form = form.model_copy(update={"key_projects": [], "problems": ""})
    found = codes(validate(form))
    for code in (
        "completion_rate_mismatch",
        "adjustment_mismatch",
        "key_project_missing",
        "problems_missing",
    ):
        assert code in found
    assert has_errors(validate(form))


def test_the_default_rule_set_follows_the_form_type(
    seed_form: DepartmentForm, project_form: ProjectForm
) -> None:
    assert validate(seed_form) == validate(seed_form, load_ruleset("guangzhou"))
    assert validate(project_form) == validate(project_form, load_ruleset("national"))


def test_a_given_rule_set_is_used(seed_form: DepartmentForm, guangzhou: RuleSet) -> None:
    lenient = guangzhou.model_copy(
        update={
            "monitoring": guangzhou.monitoring.model_copy(update={"adjustment_rate_warning": 50})
        }
    )
    assert "adjustment_reason_missing" in codes(validate(seed_form))
    assert "adjustment_reason_missing" not in codes(validate(seed_form, lenient))


def test_a_gross_rule_set_checks_the_adjustment_against_its_items(
    seed_form: DepartmentForm, guangzhou: RuleSet
) -> None:
    gross = guangzhou.model_copy(update={"adjustment_mode": AdjustmentMode.GROSS})
    items = [
        BudgetAdjustmentItem(amount=Decimal("100.00"), reason="追加"),
        BudgetAdjustmentItem(amount=Decimal("-918.17"), reason="追减"),
    ]
    form = with_funds(seed_form, adjustment_items=items)
    # Net 818.17 is printed; gross is 100.00 + 918.17 = 1018.17.
    finding = only(validate(form, gross), "adjustment_mismatch")
    assert "1018.17万元" in finding.message and "明细" in finding.message
    assert "adjustment_mismatch" not in codes(
        validate(with_funds(form, adjustment=Decimal("1018.17"), adjustment_rate=None), gross)
    )


def test_a_negative_weight_is_an_error(project_form: ProjectForm) -> None:
    form = with_indicator(project_form, 0, weight=Decimal("-25"), score=Decimal("0"))
    finding = only(validate(form), "negative_weight")
    assert finding.path == "indicators[0].weight"


def test_every_rule_in_a_rule_module_is_registered() -> None:
    for module, registered in ((department, DEPARTMENT_RULES), (project, PROJECT_RULES)):
        defined = {
            fn
            for name, fn in inspect.getmembers(module, inspect.isfunction)
            if name.startswith("check_") and fn.__module__ == module.__name__
        }
        # Rules shared by every form type live in their own module.
        assert defined | {check_year} == set(registered)
        assert len(registered) == len(set(registered))
