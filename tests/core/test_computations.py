from decimal import Decimal

from jixiao.core.computations import (
    adjustment_rate,
    budget_adjustment,
    completion_rate,
    department_figures,
    execution_rate,
    spending_sources_total,
)
from jixiao.core.model import DepartmentForm, DepartmentFunds, FundsRow
from jixiao.core.model.department import BudgetAdjustmentItem
from jixiao.core.money import round_rate
from jixiao.core.rulesets import AdjustmentMode, load_ruleset


def test_seed_adjustment_is_the_net_change_shown_positive(seed_form: DepartmentForm) -> None:
    rules = load_ruleset("guangzhou")
    assert budget_adjustment(seed_form.funds, rules) == Decimal("818.17")


def test_seed_completion_rate_is_spending_over_adjusted_budget(seed_form: DepartmentForm) -> None:
    rate = completion_rate(seed_form.funds)
    assert rate is not None
    assert round_rate(rate, 2) == Decimal("98.82")


def test_seed_adjustment_rate_divides_by_the_initial_budget(seed_form: DepartmentForm) -> None:
    rate = adjustment_rate(seed_form.funds, load_ruleset("guangzhou"))
    assert rate is not None
    assert round_rate(rate, 2) == Decimal("29.18")
    assert round_rate(rate, 0) == Decimal("29")


def test_signed_adjustment_keeps_a_cut_negative(seed_form: DepartmentForm) -> None:
    rules = load_ruleset("guangzhou").model_copy(update={"adjustment_signed": True})
    assert budget_adjustment(seed_form.funds, rules) == Decimal("-818.17")


def test_gross_adjustment_sums_every_item() -> None:
    funds = DepartmentFunds(
        initial_budget="100",
        adjusted_budget="100",
        adjustment_items=[
            BudgetAdjustmentItem(amount="30"),
            BudgetAdjustmentItem(amount="-30"),
        ],
    )
    net = load_ruleset("national")
    gross = net.model_copy(update={"adjustment_mode": AdjustmentMode.GROSS})
    assert budget_adjustment(funds, net) == Decimal("0")
    assert budget_adjustment(funds, gross) == Decimal("60")


def test_missing_inputs_give_no_rate() -> None:
    funds = DepartmentFunds(actual_spending="10")
    assert completion_rate(funds) is None
    assert adjustment_rate(funds, load_ruleset()) is None
    assert completion_rate(DepartmentFunds(actual_spending="1", adjusted_budget="0")) is None


def test_sources_total_ignores_unstated_sources(seed_form: DepartmentForm) -> None:
    assert spending_sources_total(seed_form.funds.spending_by_source) == Decimal("1961.88")
    assert spending_sources_total(DepartmentFunds().spending_by_source) is None


def test_execution_rate_is_b_over_a() -> None:
    rate = execution_rate(FundsRow(annual_budget="200", executed="150"))
    assert rate == Decimal("75")


def test_department_figures_name_their_rule_set(seed_form: DepartmentForm) -> None:
    figures = department_figures(
        seed_form.funds, [t.funds for t in seed_form.tasks], load_ruleset("guangzhou")
    )
    assert figures.task_funds_total == Decimal("156.51")
    assert figures.ruleset == "guangzhou@2022.1"
