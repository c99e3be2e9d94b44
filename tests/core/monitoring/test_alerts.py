from decimal import Decimal

import pytest

from jixiao.core.monitoring import (
    BudgetExecution,
    DeviationReason,
    ExecutionKind,
    IndicatorMonitoring,
    Light,
    Likelihood,
    MonitoringForm,
    early_warnings,
    light_of,
)
from jixiao.core.rulesets import load_ruleset
from tests.core.monitoring.helpers import december_spender, even_spender, months


def codes(execution: BudgetExecution | MonitoringForm, month: int | None = None) -> set[str]:
    return {w.code for w in early_warnings(execution, month=month)}


@pytest.mark.parametrize("month", [7, 8, 9, 10, 11])
def test_a_unit_that_spends_mostly_in_december_is_warned_from_july_on(month: int) -> None:
    warnings = early_warnings(december_spender(), month=month)
    found = {w.code: w for w in warnings}
    assert {"spending.behind_time", "plan.last_quarter"} <= set(found)
    assert found["spending.behind_time"].level is Light.RED
    assert light_of(warnings) is Light.RED
    assert all(w.subject == "天河区某街道综治中心" and w.month == month for w in warnings)


def test_the_december_spenders_lag_is_explained_with_figures() -> None:
    warning = next(
        w for w in early_warnings(december_spender(), month=7) if w.code == "spending.behind_time"
    )
    # 140 of 1000 spent (14%) while 7/12 of the year (58.33%) has passed: 44.33 points behind.
    assert "预算执行率14.00%" in warning.message
    assert "时间进度58.33%" in warning.message
    assert "落后44.33个百分点" in warning.message
    assert warning.path == "execution.monthly_spending"


def test_a_unit_that_spends_evenly_gets_no_warning() -> None:
    for month in range(1, 13):
        assert codes(even_spender(), month) == set()
        assert light_of(early_warnings(even_spender(), month=month)) is Light.GREEN


def test_a_small_lag_is_yellow_and_a_lag_over_twice_the_threshold_is_red() -> None:
    execution = even_spender().model_copy(update={"monthly_spending": months(*["70"] * 6)})
    # June: 420 of 1200 is 35% against 50% elapsed, 15 points behind (threshold 10, red at 20).
    [warning] = early_warnings(execution, month=6)
    assert (warning.code, warning.level) == ("spending.behind_time", Light.YELLOW)
    execution = even_spender().model_copy(update={"monthly_spending": months(*["50"] * 6)})
    [warning] = early_warnings(execution, month=6)
    assert warning.level is Light.RED


def test_a_large_project_below_sixty_percent_at_august_is_red() -> None:
    project = BudgetExecution(
        kind=ExecutionKind.PROJECT,
        name="网格化服务管理信息系统运行维护项目",
        year=2023,
        initial_budget="240",
        annual_budget="240",
        monthly_spending=months(*["17"] * 8),  # 136 of 240 = 56.67% by August
    )
    assert "project.large_behind" not in codes(project, 7)
    assert "project.large_behind" in codes(project, 8)
    small = project.model_copy(update={"annual_budget": Decimal("150"), "initial_budget": None})
    assert "project.large_behind" not in codes(small, 8)


def test_from_september_unspent_money_is_last_quarter_spending_even_without_a_plan() -> None:
    execution = december_spender().model_copy(update={"monthly_plan": {}})
    assert "spending.last_quarter" not in codes(execution, 8)
    warnings = {w.code: w for w in early_warnings(execution, month=9)}
    # 1000 − 180 spent by September = 820: 82% of the year's money left to the last quarter.
    assert "82.00%" in warnings["spending.last_quarter"].message


def test_a_plan_below_the_last_quarter_share_is_fine() -> None:
    plan = months(*["60"] * 9, "100", "100", "100")  # 300 of 840 in Q4: 35.71%
    execution = even_spender().model_copy(update={"monthly_plan": plan})
    assert "plan.last_quarter" not in codes(execution, 3)


def test_an_adjustment_rate_approaching_the_limit_is_yellow_then_red() -> None:
    execution = even_spender().model_copy(update={"annual_budget": Decimal("1450")})
    # |1450 − 1200| / 1200 = 20.83%: at the 20% warning rate, below the 30% limit.
    [warning] = [
        w for w in early_warnings(execution, month=3) if w.code == "budget.adjustment_rate"
    ]
    assert warning.level is Light.YELLOW
    assert "20.83%" in warning.message
    execution = even_spender().model_copy(update={"annual_budget": Decimal("800")})
    [warning] = [
        w for w in early_warnings(execution, month=3) if w.code == "budget.adjustment_rate"
    ]
    assert warning.level is Light.RED  # 33.33%


def test_thresholds_come_from_the_rule_set() -> None:
    national = load_ruleset("national")
    strict = national.model_copy(
        update={"monitoring": national.monitoring.model_copy(update={"lag_points": Decimal("5")})}
    )
    execution = even_spender().model_copy(update={"monthly_spending": months(*["90"] * 6)})
    # June: 540 of 1200 = 45% against 50%: 5 points is not more than 10, but is the strict limit.
    assert early_warnings(execution, month=6) == []
    assert early_warnings(execution, month=6, rules=strict) == []
    execution = even_spender().model_copy(update={"monthly_spending": months(*["85"] * 6)})
    assert [w.code for w in early_warnings(execution, month=6, rules=strict)] == [
        "spending.behind_time"
    ]
    assert early_warnings(execution, month=6) == []


def monitoring_form(*indicators: IndicatorMonitoring, month: int = 6) -> MonitoringForm:
    return MonitoringForm(
        kind=ExecutionKind.UNIT,
        name="天河区某街道综治中心",
        year=2023,
        month=month,
        indicators=list(indicators),
    )


def test_an_indicator_whose_projection_misses_its_target_is_warned() -> None:
    form = monitoring_form(
        IndicatorMonitoring(name="整治城中村安全隐患", target="≥2900处", actual_to_date="1000处"),
        IndicatorMonitoring(name="开展来穗融合活动场次", target="≥140场", actual_to_date="75场"),
    )
    [warning] = early_warnings(form)
    # 1000 by June → 2000 for the year: 68.97% of 2900, under 80% so red; 75 → 150 meets 140.
    assert warning.code == "indicator.projected_miss"
    assert warning.level is Light.RED
    assert warning.path == "indicators[0].expected_full_year"
    assert "全年约2000处" in warning.message
    assert "请填写偏差原因类别" in warning.message


def test_a_near_miss_with_a_stated_reason_is_yellow_and_does_not_ask_again() -> None:
    form = monitoring_form(
        IndicatorMonitoring(
            name="整治城中村安全隐患",
            target="≥2900处",
            actual_to_date="1300处",
            deviation_reason=DeviationReason.STAFF,
        )
    )
    [warning] = early_warnings(form)
    assert warning.level is Light.YELLOW  # 2600 of 2900: 89.66%
    assert "请填写偏差原因类别" not in warning.message


def test_an_indicator_the_unit_judges_impossible_is_red() -> None:
    form = monitoring_form(
        IndicatorMonitoring(
            name="培育综治中心示范点", target="2个", likelihood=Likelihood.IMPOSSIBLE
        )
    )
    [warning] = early_warnings(form)
    assert (warning.code, warning.level) == ("indicator.impossible", Light.RED)
    assert warning.path == "indicators[0].likelihood"


def test_an_unmeasurable_target_raises_no_projection_warning() -> None:
    form = monitoring_form(
        IndicatorMonitoring(name="平安建设排名", target="排名全市前列", actual_to_date="第3名")
    )
    assert early_warnings(form) == []


def test_warnings_come_reddest_first() -> None:
    execution = december_spender().model_copy(update={"annual_budget": Decimal("1250")})
    levels = [w.level for w in early_warnings(execution, month=7)]
    assert levels == sorted(levels, key=[Light.RED, Light.YELLOW].index)
    assert Light.YELLOW in levels
