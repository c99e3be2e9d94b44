from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jixiao.core.monitoring import (
    BudgetExecution,
    ExecutionKind,
    IndicatorMonitoring,
    Method,
    project_indicator,
    project_spending,
)
from tests.core.monitoring.helpers import december_spender, months


def test_the_run_rate_extends_the_average_month_to_twelve() -> None:
    projection = project_spending(december_spender(), 7)
    # 140万元 over 7 months is 20万元 a month, 240万元 a year: 24% of 1000万元.
    assert projection.method is Method.RUN_RATE
    assert projection.spent == Decimal("140")
    assert projection.projected == Decimal("240")
    assert projection.rate == Decimal("24")
    assert "平均每月20.00万元" in projection.explanation
    assert "全年预计支出240.00万元" in projection.explanation


def test_last_years_seasonal_profile_is_used_when_given() -> None:
    execution = december_spender().model_copy(
        update={"last_year_monthly_spending": months(*["10"] * 11, "890")}
    )
    projection = project_spending(execution, 7)
    # Last year 70 of 1000 was spent by July (7%): too little to divide by, so run-rate.
    assert projection.method is Method.RUN_RATE
    execution = december_spender().model_copy(
        update={"last_year_monthly_spending": months(*["40"] * 11, "560")}
    )
    projection = project_spending(execution, 7)
    # Last year 280 of 1000 by July (28%): 140 / 28% = 500.
    assert projection.method is Method.SEASONAL
    assert projection.projected == Decimal("500")
    assert "上年1—7月支出占全年的28.00%" in projection.explanation


def test_in_december_the_projection_is_the_actual_spending() -> None:
    projection = project_spending(december_spender(), 12)
    assert projection.method is Method.ACTUAL
    assert projection.projected == Decimal("1000")
    assert projection.rate == Decimal("100")


def test_without_spending_data_nothing_is_projected() -> None:
    execution = BudgetExecution(kind=ExecutionKind.UNIT, name="某单位", year=2023)
    projection = project_spending(execution, 7)
    assert projection.projected is None
    assert projection.explanation == "尚无支出数据，无法预计。"


@given(
    st.integers(min_value=1, max_value=11),
    st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False),
)
def test_an_even_pace_projects_twelve_times_the_monthly_amount(month: int, amount: Decimal) -> None:
    execution = BudgetExecution(
        kind=ExecutionKind.UNIT,
        name="某单位",
        year=2023,
        annual_budget="100",
        monthly_spending=dict.fromkeys(range(1, month + 1), amount),
    )
    assert project_spending(execution, month).projected == amount * 12


def test_an_indicator_uses_the_units_own_full_year_estimate_first() -> None:
    item = IndicatorMonitoring(
        name="整治城中村安全隐患", actual_to_date="1000处", expected_full_year="2900处"
    )
    projection = project_indicator(item, 6)
    assert projection.text == "2900处"
    assert projection.explanation == "按单位填报的全年预计完成值"


def test_a_count_is_extrapolated_at_its_monthly_pace() -> None:
    item = IndicatorMonitoring(name="整治城中村安全隐患", actual_to_date="1500处")
    projection = project_indicator(item, 6)
    assert projection.text == "3000处"
    assert "1—6月完成1500处" in projection.explanation


def test_a_rate_is_not_extrapolated() -> None:
    item = IndicatorMonitoring(name="社会矛盾纠纷化解处置率", actual_to_date="96.5%")
    assert project_indicator(item, 6).text == "96.5%"


def test_a_qualitative_progress_note_gives_no_projection() -> None:
    item = IndicatorMonitoring(name="人口数据治理", actual_to_date="持续开展常态化治理")
    assert project_indicator(item, 6).value is None
