from decimal import Decimal as D

import pytest

from jixiao.core.rulesets import Band, ReverseFormula
from jixiao.core.scoring import formulas

RATIO = ReverseFormula.RATIO
LINEAR = ReverseFormula.LINEAR


def test_execution_earns_its_rate_of_the_points() -> None:
    assert formulas.execution_score(D("95"), D("10")) == D("9.5")


def test_execution_over_one_hundred_percent_earns_only_full_points() -> None:
    assert formulas.execution_score(D("120"), D("10")) == D("10")


def test_a_positive_target_met_or_beaten_earns_the_whole_share() -> None:
    assert formulas.positive_fraction(D("50"), D("50")) == 1
    assert formulas.positive_fraction(D("60"), D("50")) == 1


def test_a_missed_positive_target_earns_actual_over_target() -> None:
    assert formulas.positive_fraction(D("45"), D("50")) == D("0.9")


def test_a_negative_actual_against_a_positive_target_earns_nothing() -> None:
    assert formulas.positive_fraction(D("-3"), D("50")) == 0


def test_a_reverse_target_is_met_at_or_below_it() -> None:
    assert formulas.reverse_fraction(D("5"), D("5"), RATIO) == 1
    assert formulas.reverse_fraction(D("4"), D("5"), LINEAR) == 1


def test_a_missed_reverse_target_earns_target_over_actual_by_default() -> None:
    assert formulas.reverse_fraction(D("8"), D("5"), RATIO) == D("0.625")


def test_the_linear_reverse_formula_loses_the_overshoot_share_and_hits_zero_at_twice() -> None:
    assert formulas.reverse_fraction(D("6"), D("5"), LINEAR) == D("0.8")
    assert formulas.reverse_fraction(D("10"), D("5"), LINEAR) == 0
    assert formulas.reverse_fraction(D("30"), D("5"), LINEAR) == 0


def test_a_missed_reverse_target_of_zero_earns_nothing() -> None:
    assert formulas.reverse_fraction(D("1"), D("0"), RATIO) == 0


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("100", "1"), ("98", "0.98"), ("125", "0.8"), ("0", "0")],
)
def test_an_equal_target_takes_the_ratio_on_the_side_the_actual_fell(
    actual: str, expected: str
) -> None:
    assert formulas.equal_fraction(D(actual), D("100")) == D(expected)


def test_a_qualitative_score_inside_its_band_is_kept() -> None:
    band = Band(low=D("0.6"), high=D("0.8"))
    assert formulas.band_score(band, D("10"), D("7")) == D("7")


def test_a_qualitative_score_outside_its_band_is_clamped_to_the_band() -> None:
    band = Band(low=D("0.6"), high=D("0.8"))
    assert formulas.band_score(band, D("10"), D("9.5")) == D("8.0")
    assert formulas.band_score(band, D("10"), D("2")) == D("6.0")


def test_a_qualitative_row_without_a_score_takes_the_top_of_its_band() -> None:
    band = Band(low=D("0.8"), high=D("1"))
    assert formulas.band_score(band, D("5"), None) == D("5")
