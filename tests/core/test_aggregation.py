from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.core.aggregation import (
    AggregationError,
    aggregate,
    aggregation_diff,
    completeness,
    filing_progress,
    own_label,
)
from jixiao.core.model import (
    DepartmentForm,
    DepartmentFunds,
    KeyProject,
    SpendingBySource,
    Task,
    TaskIndicator,
)
from jixiao.core.money import round_rate
from jixiao.core.rulesets import load_ruleset

UNIT_A = "天河区来穗人员服务管理中心"
UNIT_B = "天河区综治中心"


def unit_a() -> DepartmentForm:
    return DepartmentForm(
        department=UNIT_A,
        year=2022,
        funds=DepartmentFunds(
            initial_budget="500.00",
            adjusted_budget="600.00",
            adjustment="100.00",
            actual_spending="450.00",
            spending_by_source=SpendingBySource(general_public_budget="400.00", other="50.00"),
            completion_rate="75.00",
            adjustment_rate="20",
        ),
        tasks=[
            Task(
                number=1,
                expected_goal="做好来穗人员积分制服务",
                funds="20.00",
                indicators=[TaskIndicator(name="积分制申请受理量", actual="5000人次")],
            )
        ],
        key_projects=[KeyProject(name="来穗人员信息系统运维项目")],
        problems="信息系统运维经费到位较晚。",
    )


def unit_b() -> DepartmentForm:
    return DepartmentForm(
        department=UNIT_B,
        year=2022,
        funds=DepartmentFunds(
            initial_budget="300.00",
            adjusted_budget="250.00",
            adjustment="50.00",
            actual_spending="249.00",
            spending_by_source=SpendingBySource(general_public_budget="249.00"),
            completion_rate="99.60",
            adjustment_rate="17",
        ),
        tasks=[
            Task(number=1, expected_goal="综治中心规范化建设", funds="5.00"),
            Task(number=2, expected_goal="矛盾纠纷排查化解", funds="8.00"),
        ],
    )


def test_funds_are_summed_field_by_field(seed_form: DepartmentForm) -> None:
    funds = aggregate(seed_form, [unit_a(), unit_b()]).form.funds
    # 2803.45 + 500 + 300; 1985.28 + 600 + 250; 1961.88 + 450 + 249
    assert funds.initial_budget == Decimal("3603.45")
    assert funds.adjusted_budget == Decimal("2835.28")
    assert funds.actual_spending == Decimal("2660.88")
    assert funds.spending_by_source.general_public_budget == Decimal("2610.88")
    assert funds.spending_by_source.other == Decimal("50.00")


def test_a_source_no_form_states_stays_blank_rather_than_zero(seed_form: DepartmentForm) -> None:
    funds = aggregate(seed_form, [unit_a(), unit_b()]).form.funds
    assert funds.spending_by_source.government_fund_budget is None
    assert funds.spending_by_source.state_capital_budget is None


def test_a_figure_some_forms_leave_blank_is_summed_over_the_others_and_noted(
    seed_form: DepartmentForm,
) -> None:
    result = aggregate(seed_form, [unit_a(), unit_b()])
    missing = [n for n in result.notes if n.code == "aggregation.part_missing"]
    assert [n.path for n in missing] == ["funds.spending_by_source.other"]
    assert own_label(seed_form.department) in missing[0].message
    assert UNIT_B in missing[0].message


def test_rates_are_recomputed_from_the_sums_not_averaged(seed_form: DepartmentForm) -> None:
    units = [unit_a(), unit_b()]
    funds = aggregate(seed_form, units).form.funds
    # 2660.88 / 2835.28 = 93.8489…%; the mean of 98.82, 75.00 and 99.60 is 91.14.
    assert funds.completion_rate == Decimal("93.85")
    rates = [f.funds.completion_rate for f in [seed_form, *units]]
    average = sum(r for r in rates if r is not None) / len(rates)
    assert round_rate(average, 2) == Decimal("91.14")
    assert funds.completion_rate != round_rate(average, 2)


def test_the_adjustment_is_recomputed_from_the_consolidated_budgets(
    seed_form: DepartmentForm,
) -> None:
    result = aggregate(seed_form, [unit_a(), unit_b()])
    funds = result.form.funds
    # |2835.28 − 3603.45| = 768.17; the units' own figures add up to 968.17 because unit A's
    # increase offsets part of the others' cuts.
    assert funds.adjustment == Decimal("768.17")
    assert "aggregation.adjustments_offset" in {n.code for n in result.notes}
    # 768.17 / 3603.45 = 21.32%, printed without decimals under the Guangzhou rule set.
    assert funds.adjustment_rate == Decimal("21")


def test_rate_precision_follows_the_rule_set(seed_form: DepartmentForm) -> None:
    funds = aggregate(seed_form, [unit_a()], rules=load_ruleset("national")).form.funds
    # 2411.88 / 2585.28 and |2585.28 − 3303.45| / 3303.45
    assert funds.completion_rate == Decimal("93.29")
    assert funds.adjustment_rate == Decimal("21.74")


def test_the_consolidated_form_is_marked_as_such(seed_form: DepartmentForm) -> None:
    form = aggregate(seed_form, [unit_a()], name="天河区委政法委").form
    assert form.consolidated is True
    assert form.department == "天河区委政法委"
    assert form.title == "2022年度天河区委政法委部门整体支出绩效自评表"
    assert form.year == 2022


def test_tasks_are_listed_per_unit_renumbered_and_remembered_by_unit(
    seed_form: DepartmentForm,
) -> None:
    result = aggregate(seed_form, [unit_a(), unit_b()])
    tasks = result.form.tasks
    assert [t.number for t in tasks] == [1, 2, 3, 4, 5, 6]
    assert tasks[3].expected_goal == "做好来穗人员积分制服务"
    assert tasks[3].indicators[0].actual == "5000人次"
    assert result.provenance["tasks[0]"] == own_label(seed_form.department)
    assert result.provenance["tasks[3]"] == UNIT_A
    assert result.provenance["tasks[5]"] == UNIT_B


def test_aggregating_does_not_renumber_the_units_own_forms(seed_form: DepartmentForm) -> None:
    a = unit_a()
    aggregate(seed_form, [a])
    assert a.tasks[0].number == 1


def test_editing_the_consolidated_form_leaves_the_units_forms_alone(
    seed_form: DepartmentForm,
) -> None:
    a = unit_a()
    result = aggregate(seed_form, [a])
    result.form.tasks[3].indicators[0].actual = "改过"
    result.form.key_projects[0].achievements.append("新增")
    assert a.tasks[0].indicators[0].actual == "5000人次"
    assert "新增" not in seed_form.key_projects[0].achievements


def test_key_projects_are_listed_with_their_unit(seed_form: DepartmentForm) -> None:
    result = aggregate(seed_form, [unit_a(), unit_b()])
    assert [p.name for p in result.form.key_projects] == [
        "天河区城市社区网格化服务管理信息系统运行维护项目",
        "来穗人员信息系统运维项目",
    ]
    assert result.provenance["key_projects[1]"] == UNIT_A


def test_narratives_are_kept_per_unit_under_a_heading(seed_form: DepartmentForm) -> None:
    problems = aggregate(seed_form, [unit_a(), unit_b()]).form.problems
    assert problems.startswith(f"【{own_label(seed_form.department)}】\n部分项目年度预算")
    assert problems.endswith(f"【{UNIT_A}】\n信息系统运维经费到位较晚。")
    assert UNIT_B not in problems  # unit B wrote nothing


def test_amounts_in_yuan_are_converted_to_the_departments_unit(seed_form: DepartmentForm) -> None:
    in_yuan = unit_b().model_copy(update={"money_unit": "元"})
    in_yuan.funds.initial_budget = Decimal("3000000")
    in_yuan.funds.adjusted_budget = Decimal("2500000")
    in_yuan.funds.actual_spending = Decimal("2490000")
    result = aggregate(seed_form, [in_yuan])
    assert result.form.funds.initial_budget == Decimal("3103.45")
    assert result.form.funds.actual_spending == Decimal("2210.88")
    assert "aggregation.unit_converted" in {n.code for n in result.notes}


def test_a_unit_form_of_another_year_is_refused_in_chinese(seed_form: DepartmentForm) -> None:
    other_year = unit_a().model_copy(update={"year": 2021})
    with pytest.raises(AggregationError) as caught:
        aggregate(seed_form, [other_year])
    assert "2021年度" in caught.value.message


def test_re_aggregating_after_a_unit_changed_shows_the_difference(
    seed_form: DepartmentForm,
) -> None:
    before = aggregate(seed_form, [unit_a(), unit_b()]).form
    corrected = unit_b()
    corrected.funds.actual_spending = Decimal("200.00")
    after = aggregate(seed_form, [unit_a(), corrected]).form
    changes = {c.path: (c.before, c.after) for c in aggregation_diff(before, after)}
    assert changes["funds.actual_spending"] == ("2660.88", "2611.88")
    # 2611.88 / 2835.28 = 92.12%
    assert changes["funds.completion_rate"] == ("93.85", "92.12")
    assert "funds.initial_budget" not in changes


def test_the_same_figure_at_another_precision_is_not_a_change(seed_form: DepartmentForm) -> None:
    before = aggregate(seed_form, [unit_a()]).form
    after = before.model_copy(deep=True)
    after.funds.initial_budget = Decimal("3303.450")
    assert aggregation_diff(before, after) == []


def test_a_consolidated_form_waits_until_every_child_is_approved() -> None:
    ok, missing = completeness({UNIT_A: "dept_approved", UNIT_B: "submitted", "天河区法学会": None})
    assert ok is False
    assert missing == [UNIT_B, "天河区法学会"]
    assert completeness({UNIT_A: "dept_approved", UNIT_B: "published"}) == (True, [])


def test_filing_progress_groups_children_by_status_in_chinese() -> None:
    progress = filing_progress({UNIT_A: "returned", UNIT_B: None, "天河区法学会": "returned"})
    assert progress == {"退回": [UNIT_A, "天河区法学会"], "未填报": [UNIT_B]}


amounts = st.one_of(st.none(), st.decimals(min_value=0, max_value=100_000, places=2))


@given(st.lists(st.tuples(amounts, amounts), min_size=1, max_size=5))
def test_sums_take_every_stated_part_and_the_rate_comes_from_the_sums(
    parts: list[tuple[Decimal | None, Decimal | None]],
) -> None:
    forms = [
        DepartmentForm(
            department=f"单位{i}",
            year=2023,
            funds=DepartmentFunds(adjusted_budget=budget, actual_spending=spent),
        )
        for i, (budget, spent) in enumerate(parts)
    ]
    funds = aggregate(forms[0], forms[1:], rules=load_ruleset("national")).form.funds
    budgets = [b for b, _ in parts if b is not None]
    spendings = [s for _, s in parts if s is not None]
    assert funds.adjusted_budget == (sum(budgets) if budgets else None)
    assert funds.actual_spending == (sum(spendings) if spendings else None)
    if budgets and spendings and sum(budgets) > 0:
        assert funds.completion_rate == round_rate(sum(spendings) * 100 / sum(budgets), 2)
    else:
        assert funds.completion_rate is None
