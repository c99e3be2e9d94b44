"""judge compares an actual with its target; ratios below are worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.core.indicators import (
    PARTLY_MET_MIN_RATIO,
    Attainment,
    judge,
    parse_value,
)
from jixiao.core.model.project import IndicatorNature

D = Decimal
MET, PARTLY, NOT_MET, UNKNOWN = (
    Attainment.MET,
    Attainment.PARTLY_MET,
    Attainment.NOT_MET,
    Attainment.UNKNOWN,
)


def test_a_lower_bound_reached_is_met_with_actual_over_target() -> None:
    result = judge("≥95%", "99.10%")
    assert result.status is MET
    assert result.ratio == D("99.10") / D("95")
    assert "已完成" in result.reason and "104.32%" in result.reason


def test_a_plain_target_is_a_lower_bound() -> None:
    assert judge("3000人次", "3525人次").status is MET
    assert judge("3525人次", "3525人次").ratio == 1


@pytest.mark.parametrize(
    ("actual", "status", "ratio"),
    [
        ("90个", PARTLY, "0.9"),
        ("60个", PARTLY, "0.6"),
        ("59个", NOT_MET, "0.59"),
        ("0个", NOT_MET, "0"),
    ],
)
def test_a_missed_lower_bound_is_partly_met_down_to_sixty_percent(
    actual: str, status: Attainment, ratio: str
) -> None:
    result = judge("≥100个", actual)
    assert result.status is status
    assert result.ratio == D(ratio)


def test_the_partly_met_threshold_is_the_lower_edge_of_the_qualitative_band() -> None:
    assert D("0.6") == PARTLY_MET_MIN_RATIO


def test_an_upper_bound_is_met_at_or_below_the_target() -> None:
    assert judge("≤5%", "5%").status is MET
    assert judge("不超过10天", "8天").status is MET
    assert judge("≤5天", "0天").status is MET


def test_a_missed_upper_bound_uses_target_over_actual() -> None:
    result = judge("≤5%", "6%")
    assert result.status is PARTLY
    assert result.ratio == D(5) / D(6)
    assert "83.33%" in result.reason
    assert judge("≤5%", "10%").status is NOT_MET  # 5/10 = 50%


def test_the_nature_column_bounds_a_plain_target() -> None:
    assert judge("5%", "6%", IndicatorNature.AT_MOST).status is PARTLY
    assert judge("5%", "4%", IndicatorNature.AT_MOST).status is MET
    assert judge("5%", "4%", IndicatorNature.AT_LEAST).status is PARTLY  # 4/5 = 80%


def test_words_in_the_target_win_over_the_nature_column() -> None:
    assert judge("≥95%", "96%", IndicatorNature.AT_MOST).status is MET


def test_equal_is_met_only_when_equal_and_counts_overshoot_like_shortfall() -> None:
    assert judge("=100%", "100%").status is MET
    assert judge("﹦100%", "100.0%").status is MET
    short, over = judge("=100%", "95%"), judge("=100", "105")
    assert (short.status, short.ratio) == (PARTLY, D("0.95"))
    assert over.status is PARTLY and over.ratio == D(100) / D(105)


def test_strict_bounds_are_not_met_at_the_bound() -> None:
    assert judge(">10", "11").status is MET
    assert judge(">10", "10").status is PARTLY
    assert judge("<3次", "3次").status is PARTLY
    assert judge("<3次", "2次").status is MET


def test_a_range_target_is_met_from_its_lower_end() -> None:
    assert judge("90%-95%", "92%").status is MET
    assert judge("90%-95%", "81%").status is PARTLY


def test_a_year_on_year_fall_compares_the_size_of_the_change() -> None:
    result = judge("同比下降5%", "同比下降6.29%")
    assert result.status is MET
    assert result.ratio == D("1.258")
    assert judge("同比下降5%", "同比下降4%").status is PARTLY


def test_a_change_in_the_wrong_direction_is_not_met() -> None:
    result = judge("同比下降5%", "同比上升2%")
    assert result.status is NOT_MET
    assert "下降" in result.reason and "上升" in result.reason


def test_a_change_cannot_be_compared_with_a_level() -> None:
    assert judge("≤5%", "同比下降6.29%").status is UNKNOWN
    assert judge("同比下降5%", "3%").status is UNKNOWN


def test_units_must_agree() -> None:
    result = judge("≥50个", "60人次")
    assert result.status is UNKNOWN
    assert "单位不一致" in result.reason


def test_a_side_without_unit_is_compatible() -> None:
    assert judge("≥50", "60个").status is MET
    assert judge("95%", "96").status is MET


def test_no_target_is_unknown() -> None:
    result = judge(None, "3525人次")
    assert (result.status, result.ratio) == (UNKNOWN, None)
    assert result.reason == "未设定指标值"


def test_no_target_with_a_bound_claim_says_so_but_stays_unknown() -> None:
    result = judge("", "年度完成有效网上指导和答疑1300次以上")
    assert result.status is UNKNOWN
    assert result.reason.startswith("未设定指标值")
    assert "≥1300次" in result.reason


def test_no_actual_is_unknown() -> None:
    assert judge("≥95%", None).status is UNKNOWN
    assert "未填写" in judge("≥95%", "  ").reason


@pytest.mark.parametrize(
    ("actual", "status"),
    [
        ("达成", MET),
        ("达成预期指标", MET),
        ("部分达成", PARTLY),
        ("未达成", NOT_MET),
        ("优", MET),
        ("良", MET),
        ("中", PARTLY),
        ("差", NOT_MET),
    ],
)
def test_a_rated_qualitative_actual_is_judged_by_its_rating(
    actual: str, status: Attainment
) -> None:
    result = judge("效果明显", actual, IndicatorNature.QUALITATIVE)
    assert result.status is status
    assert result.ratio is None


def test_an_unrated_qualitative_actual_is_unknown_with_its_reason() -> None:
    result = judge("≥95%", "持续开展人口数据的常态化治理工作")
    assert result.status is UNKNOWN
    assert "定性描述" in result.reason and "持续开展" in result.reason


def test_a_qualitative_indicator_needs_a_rating_even_with_a_figure() -> None:
    assert judge("100%", "95%", IndicatorNature.QUALITATIVE).status is UNKNOWN


def test_a_qualitative_target_cannot_be_compared_with_a_figure() -> None:
    result = judge("排名全市前列", "95%")
    assert result.status is UNKNOWN
    assert "指标值为定性描述" in result.reason


def test_a_zero_target_lower_bound_is_met_without_a_ratio() -> None:
    result = judge("≥0个", "3个")
    assert (result.status, result.ratio) == (MET, None)


def test_parsed_values_are_accepted_as_well_as_text() -> None:
    assert judge(parse_value("≥95%"), parse_value("99.10%")) == judge("≥95%", "99.10%")


@given(
    st.decimals(min_value=1, max_value=10**6, places=2),
    st.decimals(min_value=0, max_value=10**6, places=2),
)
def test_a_lower_bound_is_met_exactly_when_actual_reaches_target(
    target: Decimal, actual: Decimal
) -> None:
    result = judge(f"≥{target}个", f"{actual}个")
    assert (result.status is MET) == (actual >= target)
    assert result.ratio == actual / target
    if result.status is not MET:
        assert (result.status is PARTLY) == (actual / target >= PARTLY_MET_MIN_RATIO)


@given(
    st.decimals(min_value=0, max_value=10**6, places=2),
    st.decimals(min_value=D("0.01"), max_value=10**6, places=2),
)
def test_an_upper_bound_is_met_exactly_when_actual_stays_under(
    target: Decimal, actual: Decimal
) -> None:
    result = judge(f"≤{target}%", f"{actual}%")
    assert (result.status is MET) == (actual <= target)
    assert result.ratio == target / actual


@given(st.text(), st.text(), st.sampled_from([None, *IndicatorNature]))
def test_judge_never_raises(target: str, actual: str, nature: IndicatorNature | None) -> None:
    result = judge(target, actual, nature)
    assert result.reason
