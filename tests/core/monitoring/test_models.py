from decimal import Decimal

import pytest
from pydantic import ValidationError

from jixiao.core.monitoring import (
    BudgetExecution,
    DeviationReason,
    ExecutionKind,
    IndicatorMonitoring,
    Likelihood,
    MonitoringForm,
)
from tests.core.monitoring.helpers import december_spender, months


def test_spending_to_date_adds_up_the_months_so_far() -> None:
    execution = december_spender()
    assert execution.spent_to(7) == Decimal("140")
    assert execution.spent_to(12) == Decimal("1000")
    assert execution.latest_month == 12


def test_execution_rate_is_spending_to_date_over_the_annual_budget() -> None:
    assert december_spender().execution_rate(7) == Decimal("14")


def test_no_reported_month_means_no_figure_rather_than_zero() -> None:
    execution = BudgetExecution(kind=ExecutionKind.UNIT, name="某单位", year=2023)
    assert execution.spent_to(7) is None
    assert execution.execution_rate(7) is None
    assert execution.latest_month is None


def test_a_thirteenth_month_is_refused() -> None:
    with pytest.raises(ValidationError):
        BudgetExecution(
            kind=ExecutionKind.UNIT, name="某单位", year=2023, monthly_spending={13: "1"}
        )


def test_the_monitoring_form_survives_a_json_round_trip() -> None:
    form = MonitoringForm(
        kind=ExecutionKind.UNIT,
        name="天河区某街道综治中心",
        year=2023,
        month=7,
        execution=december_spender(),
        indicators=[
            IndicatorMonitoring(
                name="整治城中村安全隐患",
                target="≥2900处",
                actual_to_date="1500处",
                expected_full_year="2900处",
                deviation_reason=DeviationReason.STAFF,
                likelihood=Likelihood.POSSIBLE,
            )
        ],
    )
    text = form.model_dump_json()
    assert '"monthly_spending":{"1":"20"' in text
    assert MonitoringForm.model_validate_json(text) == form


def test_execution_data_of_another_year_is_refused() -> None:
    execution = december_spender().model_copy(update={"year": 2022})
    with pytest.raises(ValidationError, match="2022年度"):
        MonitoringForm(
            kind=ExecutionKind.UNIT, name="某单位", year=2023, month=7, execution=execution
        )


def test_a_form_built_from_execution_data_is_as_of_its_latest_month() -> None:
    execution = december_spender().model_copy(update={"monthly_spending": months("1", "2", "3")})
    assert MonitoringForm.of_execution(execution).month == 3
