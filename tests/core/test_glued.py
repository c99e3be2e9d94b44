"""Glued weight and score runs are split only where score = weight × rate confirms it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.core.glued import split_funds_run, split_weight_score


@pytest.mark.parametrize(
    ("run", "rate", "split"),
    [
        ("22", "100", ("2", "2")),
        ("1010", "100", ("10", "10")),
        ("107.6", "76", ("10", "7.6")),
        ("42", "50", ("4", "2")),
        ("80", "0", ("8", "0")),
    ],
)
def test_the_only_split_the_rate_confirms(run: str, rate: str, split: tuple[str, str]) -> None:
    assert split_weight_score(run, Decimal(rate)) == tuple(Decimal(x) for x in split)


@pytest.mark.parametrize(
    ("run", "rate"),
    [("1011", "100"), ("5", "100"), ("", "100"), ("123", "50"), ("1.2.3", "100")],
)
def test_no_split_is_read_when_none_or_several_pass(run: str, rate: str) -> None:
    assert split_weight_score(run, Decimal(rate)) is None


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(alphabet="0123456789.%", max_size=45), st.decimals(0, 200, places=2))
def test_any_run_is_split_or_refused_without_error(run: str, rate: Decimal) -> None:
    split = split_weight_score(run, rate)
    if split is not None:
        weight, score = split
        assert f"{weight}{score}" == run
    funds = split_funds_run(run)
    if funds is not None:
        assert "".join(str(x) for x in funds) == run
