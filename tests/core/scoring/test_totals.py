from decimal import Decimal as D

import pytest

from jixiao.core.rulesets import Caps, ExecutionCap, load_ruleset
from jixiao.core.scoring import apply_caps, grade_for

NATIONAL = load_ruleset("national")
PROVINCIAL_CAPS = Caps(
    execution_caps=[
        ExecutionCap(below_rate=D("80"), max_total=D("89")),
        ExecutionCap(below_rate=D("70"), max_total=D("79")),
        ExecutionCap(below_rate=D("60"), max_total=D("69")),
    ]
)
STRICT = NATIONAL.model_copy(update={"caps": PROVINCIAL_CAPS})


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("100", "优"),
        ("90", "优"),
        ("89.99", "良"),
        ("80", "良"),
        ("79.99", "中"),
        ("60", "中"),
        ("59.99", "差"),
        ("0", "差"),
    ],
)
def test_grades_follow_the_rule_set_thresholds_from_the_highest(total: str, grade: str) -> None:
    assert grade_for(D(total), NATIONAL.grades) == grade


def test_the_national_rule_set_caps_nothing() -> None:
    assert apply_caps(D("95"), D("30"), NATIONAL) == (D("95"), ())


@pytest.mark.parametrize(
    ("rate", "capped"),
    [("79.99", "89"), ("70", "89"), ("69.99", "79"), ("60", "79"), ("59.99", "69")],
)
def test_execution_caps_apply_the_strictest_matching_limit(rate: str, capped: str) -> None:
    total, caps = apply_caps(D("95"), D(rate), STRICT)
    assert total == D(capped)
    assert [c.code for c in caps] == ["execution_rate"]
    assert caps[0].before == D("95")
    assert f"总分不超过 {capped} 分" in caps[0].reason


def test_an_execution_cap_above_the_total_is_not_reported() -> None:
    assert apply_caps(D("75"), D("75"), STRICT) == (D("75"), ())


def test_an_execution_rate_of_eighty_is_not_capped() -> None:
    assert apply_caps(D("95"), D("80"), STRICT) == (D("95"), ())


def test_a_total_over_one_hundred_from_bad_weights_is_brought_back_to_one_hundred() -> None:
    total, caps = apply_caps(D("104"), D("100"), NATIONAL)
    assert total == D("100")
    assert caps[0].code == "full_marks"
