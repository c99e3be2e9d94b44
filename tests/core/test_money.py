from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from jixiao.core.money import (
    MoneyError,
    adds_up,
    percent,
    places_of,
    printed_matches,
    rate_agrees,
    rate_as_fraction,
    rate_from_fraction,
    rate_text,
    round_rate,
    to_decimal,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2803.45", Decimal("2803.45")),
        ("1,985.28", Decimal("1985.28")),
        ("９８．８２％", Decimal("98.82")),
        (" 29% ", Decimal("29")),
        ("10.00", Decimal("10.00")),
        (7, Decimal(7)),
    ],
)
def test_to_decimal_reads_what_people_write(text: object, expected: Decimal) -> None:
    assert to_decimal(text) == expected


@pytest.mark.parametrize("bad", [0.1, "abc", "", "1.2.3", True, None, Decimal("NaN")])
def test_to_decimal_refuses_floats_and_garbage(bad: object) -> None:
    with pytest.raises(MoneyError):
        to_decimal(bad)


def test_to_decimal_keeps_the_written_precision() -> None:
    assert places_of(to_decimal("10.00")) == 2
    assert places_of(to_decimal("29")) == 0


def test_rounding_is_half_up_not_bankers() -> None:
    assert round_rate(Decimal("0.125"), 2) == Decimal("0.13")
    assert round_rate(Decimal("2.5"), 0) == Decimal("3")


def test_printed_value_matches_at_its_own_precision() -> None:
    exact = percent(Decimal("818.17"), Decimal("2803.45"))
    assert exact is not None
    assert printed_matches(Decimal("29"), exact)
    assert printed_matches(Decimal("29.18"), exact)
    assert printed_matches(Decimal("29.2"), exact)
    assert not printed_matches(Decimal("30"), exact)


def test_percent_of_zero_denominator_is_undefined() -> None:
    assert percent(Decimal("1"), Decimal("0")) is None


def test_rate_text_prints_percent_sign() -> None:
    assert rate_text(Decimal("98.8213"), 2) == "98.82%"
    assert rate_text(None) == ""


@given(
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
    st.decimals(min_value=Decimal("0.01"), max_value=10**9, places=2, allow_nan=False),
    st.integers(min_value=1, max_value=1000),
)
def test_rates_are_invariant_under_scaling(num: Decimal, den: Decimal, k: int) -> None:
    a = percent(num, den)
    b = percent(num * k, den * k)
    assert a is not None and b is not None
    assert round_rate(a, 10) == round_rate(b, 10)


@pytest.mark.parametrize(
    "huge",
    ["1" * 400, "1000000000000000", "-1000000000000000", 10**15, Decimal("1E+20"), "0." + "1" * 11],
)
def test_to_decimal_refuses_numbers_no_form_can_hold(huge: object) -> None:
    with pytest.raises(MoneyError):
        to_decimal(huge)


def test_to_decimal_reads_the_largest_amounts_it_allows() -> None:
    assert to_decimal("999999999999999.99") == Decimal("999999999999999.99")
    assert to_decimal("0.0000000001") == Decimal("0.0000000001")


@example(Decimal("999999999999999.99"), Decimal("0.0000000003"))
@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999999999.99"), places=2),
    st.decimals(min_value=Decimal("0.0000000001"), max_value=1, places=10),
)
def test_rounding_a_rate_never_fails_whatever_the_amounts(num: Decimal, den: Decimal) -> None:
    # The largest amount over the smallest: a rate near 10^29 %, still rounded half-up.
    rate = percent(num, den)
    assert rate is not None
    rounded = round_rate(rate, 2)
    assert places_of(rounded) == 2
    assert abs(rounded - rate) <= Decimal("0.005")


def test_an_amount_typed_with_its_unit_is_read_in_the_form_unit():
    from jixiao.core.money import amount_typed

    assert amount_typed("100万元", "万元") == (Decimal("100"), "")
    assert amount_typed("1,000,000元", "万元") == (
        Decimal("100"),
        "已按元折算为万元：1000000元 = 100万元",
    )
    assert amount_typed("１２３４元", "万元")[0] == Decimal("0.1234")  # then 金额最多两位小数
    assert amount_typed("2.5万元", "元") == (
        Decimal("25000"),
        "已按万元折算为元：2.5万元 = 25000元",
    )
    assert amount_typed("88", "万元") == (Decimal("88"), "")


def test_rates_go_to_and_from_a_spreadsheets_fractions() -> None:
    assert rate_as_fraction(Decimal("98.82")) == Decimal("0.9882")
    assert rate_from_fraction(Decimal("0.9882")) == Decimal("98.8200")


def test_a_printed_rate_agrees_within_its_last_printed_place() -> None:
    # 190 of 200 is 95%: 95.0% and 95.00% agree, 95.2% does not, 94% agrees to the unit.
    assert rate_agrees(Decimal("95.00"), Decimal("190"), Decimal("200"))
    assert rate_agrees(Decimal("94"), Decimal("190"), Decimal("200"))
    assert not rate_agrees(Decimal("95.2"), Decimal("190"), Decimal("200"))
    # Nothing budgeted: only a printed zero agrees.
    assert rate_agrees(Decimal("0"), Decimal("5"), Decimal("0"))
    assert not rate_agrees(Decimal("100"), Decimal("5"), Decimal("0"))


def test_sources_add_up_exactly_to_their_total() -> None:
    assert adds_up([Decimal("180.00"), Decimal("20.00")], Decimal("200.00"))
    assert not adds_up([Decimal("180.00"), Decimal("20.01")], Decimal("200.00"))
    assert adds_up([], Decimal("0"))
