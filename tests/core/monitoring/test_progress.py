"""Execution against time (时间进度), worked by hand: the figures the monthly form shows beside
what the unit types, and the lag behind time that the early warnings judge."""

from decimal import Decimal

import pytest

from jixiao.core.money import rate_text
from jixiao.core.monitoring import (
    Light,
    MonitoringForm,
    behind_time,
    light_counts,
    progress_of,
    stored_light_counts,
    time_elapsed,
)
from tests.core.monitoring.helpers import december_spender, even_spender


@pytest.mark.parametrize(
    ("month", "elapsed"),
    [(1, "8.33%"), (3, "25.00%"), (6, "50.00%"), (7, "58.33%"), (12, "100.00%")],
)
def test_time_elapsed_is_the_share_of_the_year_gone_by_the_end_of_the_month(
    month: int, elapsed: str
) -> None:
    assert rate_text(time_elapsed(month)) == elapsed


@pytest.mark.parametrize("month", [0, 13])
def test_a_month_outside_the_year_is_refused(month: int) -> None:
    with pytest.raises(ValueError, match="month"):
        time_elapsed(month)


def test_the_lag_is_time_elapsed_minus_the_execution_rate_in_points() -> None:
    assert behind_time(Decimal("30"), 6) == Decimal("20")
    assert behind_time(Decimal("60"), 6) == Decimal("-10")  # ahead of time
    assert behind_time(None, 6) is None


def test_the_december_spender_in_july_is_14_points_behind_time() -> None:
    # 20万元 a month of 1000万元: 140万元 (14%) spent by July, 58.33% of the year gone.
    progress = progress_of(MonitoringForm.of_execution(december_spender(), 7))
    assert progress.month == 7
    assert progress.spent == Decimal("140")
    assert progress.rate == Decimal("14")
    assert rate_text(progress.elapsed) == "58.33%"
    assert progress.lag is not None and rate_text(progress.lag) == "44.33%"
    assert progress.projection is not None and progress.projection.month == 7


def test_an_even_spender_keeps_pace_with_time() -> None:
    progress = progress_of(MonitoringForm.of_execution(even_spender(), 6))
    assert progress.spent == Decimal("600")
    assert progress.rate == progress.elapsed == Decimal("50")
    assert progress.lag == 0


def test_a_form_with_no_execution_has_time_elapsed_only() -> None:
    form = MonitoringForm.of_execution(even_spender(), 4).model_copy(update={"execution": None})
    progress = progress_of(form)
    assert (progress.spent, progress.rate, progress.lag, progress.projection) == (
        None,
        None,
        None,
        None,
    )
    assert rate_text(progress.elapsed) == "33.33%"


def test_light_counts_name_every_light_reddest_first() -> None:
    counts = light_counts([Light.GREEN, Light.RED, Light.GREEN])
    assert list(counts) == [Light.RED, Light.YELLOW, Light.GREEN]
    assert counts == {Light.RED: 1, Light.YELLOW: 0, Light.GREEN: 2}


def test_stored_light_counts_name_every_light_and_leave_out_records_not_yet_judged() -> None:
    counts = stored_light_counts([("绿", 7), ("", 2), ("红", 3)])
    assert list(counts) == [Light.RED, Light.YELLOW, Light.GREEN]
    assert counts == {Light.RED: 3, Light.YELLOW: 0, Light.GREEN: 7}
