"""parse_value reads indicator values as people write them; expectations are checked by hand."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.core.indicators import (
    Direction,
    IndicatorValue,
    Operator,
    Rating,
    ValueKind,
    parse_value,
)
from jixiao.core.indicators.parser import (
    REASON_DATE,
    REASON_GENERIC,
    REASON_LONG,
    REASON_MANY_NUMBERS,
    REASON_UNREADABLE,
)
from jixiao.core.model import DepartmentForm

D = Decimal
GE, LE, EQ, GT, LT = (
    Operator.AT_LEAST,
    Operator.AT_MOST,
    Operator.EQUAL,
    Operator.MORE_THAN,
    Operator.LESS_THAN,
)
DOWN, UP = Direction.DOWN, Direction.UP

SEED_NARRATIVE = (
    "2022年度共召开15次委务会议，2次区委政法委全体委员会议，召开区委政法工作会议，"
    "把学习贯彻党的二十大精神作为首要任务，持续推动习近平新时代中国特色社会主义思想在天河政法"
    "领域落地生根、开花结果。巩固政法队伍教育整顿成果，党对政法工作的绝对领导全面加强，"
    "队伍建设呈现新面貌。区委政法委连续2年被中央政法委办公厅授予《长安》杂志宣传通联先进单位"
)


def quantity(
    text: str,
    number: str,
    unit: str = "",
    operator: Operator | None = None,
    direction: Direction | None = None,
    upper: str | None = None,
) -> IndicatorValue:
    return IndicatorValue(
        text=text,
        kind=ValueKind.QUANTITATIVE,
        number=D(number),
        operator=operator,
        unit=unit,
        direction=direction,
        upper=None if upper is None else D(upper),
    )


def assert_quantity(text: str, expected: IndicatorValue) -> None:
    parsed = parse_value(text)
    assert parsed == expected
    assert parsed.measurable


SEED_QUANTITIES = [
    quantity("99.10%", "99.10", "%"),
    quantity("3525人次", "3525", "人次"),
    quantity("培育试点单位2个", "2", "个"),
    quantity("年度完成有效网上指导和答疑1300次以上", "1300", "次", GE),
    quantity("同比下降6.29%", "6.29", "%", direction=DOWN),
    quantity("2900处", "2900", "处"),
    quantity("142场", "142", "场"),
    quantity("59个", "59", "个"),
    quantity("169件", "169", "件"),
]


@pytest.mark.parametrize("expected", SEED_QUANTITIES, ids=lambda v: v.text)
def test_every_measurable_seed_value_parses_to_its_figure(expected: IndicatorValue) -> None:
    assert_quantity(expected.text, expected)


def test_a_malformed_numeral_does_not_reach_the_safety_net() -> None:
    assert parse_value("百分之点十").reason != REASON_UNREADABLE  # a bare 点 once raised


def test_a_ranking_claim_is_qualitative() -> None:
    parsed = parse_value("天河维护政治安全政法宣传项目考核得分排名全市前列")
    assert parsed.kind is ValueKind.QUALITATIVE
    assert "排名" in parsed.reason
    assert parsed.number is None and parsed.rating is None


def test_an_ongoing_action_without_measure_is_qualitative() -> None:
    parsed = parse_value("持续开展人口数据的常态化治理工作")
    assert parsed.kind is ValueKind.QUALITATIVE
    assert "持续开展" in parsed.reason


def test_the_long_narrative_with_several_figures_is_qualitative() -> None:
    parsed = parse_value(SEED_NARRATIVE)
    assert parsed.kind is ValueKind.QUALITATIVE
    assert parsed.reason == REASON_MANY_NUMBERS
    assert parsed.number is None


def test_every_indicator_of_the_seed_form_is_read(seed_form: DepartmentForm) -> None:
    actuals = [i.actual for task in seed_form.tasks for i in task.indicators]
    parsed = [parse_value(a) for a in actuals]
    assert len(parsed) == 12
    assert [p.kind for p in parsed].count(ValueKind.QUANTITATIVE) == 9
    assert all(p.kind is not ValueKind.EMPTY for p in parsed)
    assert parsed[-1].reason == REASON_MANY_NUMBERS


@pytest.mark.parametrize(
    "expected",
    [
        quantity("≥50个", "50", "个", GE),
        quantity("≤5%", "5", "%", LE),
        quantity("=100%", "100", "%", EQ),
        quantity("﹦100%", "100", "%", EQ),
        quantity("＝100%", "100", "%", EQ),
        quantity(">80%", "80", "%", GT),
        quantity("<3次", "3", "次", LT),
        quantity("大于等于90%", "90", "%", GE),
        quantity("不低于95%", "95", "%", GE),
        quantity("不少于10场", "10", "场", GE),
        quantity("不超过10天", "10", "天", LE),
        quantity("不高于5%", "5", "%", LE),
        quantity("超过20家", "20", "家", GT),
        quantity("低于3%", "3", "%", LT),
        quantity("5%以下", "5", "%", LE),
        quantity("10天以内", "10", "天", LE),
        quantity("10天内完成", "10", "天", LE),
        quantity("20个及以上", "20", "个", GE),
        quantity("至少3次", "3", "次", GE),
        quantity("达到95%", "95", "%", GE),
        quantity("满意度≥90%", "90", "%", GE),
        quantity("控制在5%以内", "5", "%", LE),
        quantity("100%完成", "100", "%"),
        quantity("排名前三名", "3", "名", LE),
    ],
    ids=lambda v: v.text,
)
def test_operator_words_of_domain_section_4(expected: IndicatorValue) -> None:
    assert_quantity(expected.text, expected)


@pytest.mark.parametrize(
    "expected",
    [
        quantity("十五次", "15", "次"),
        quantity("两个", "2", "个"),
        quantity("一千三百人次", "1300", "人次"),
        quantity("三万五千人次", "35000", "人次"),
        quantity("培育试点单位两个", "2", "个"),
        quantity("九十五点五%", "95.5", "%"),
        quantity("3.5万人次", "35000", "人次"),
        quantity("2万", "20000"),
        quantity("3.5万元", "3.5", "万元"),
        quantity("1.2亿元", "1.2", "亿元"),
        quantity("１２３个", "123", "个"),
        quantity("５０％", "50", "%"),
        quantity("１，３００次", "1300", "次"),
        quantity("1,300次", "1300", "次"),
        quantity("12,345,678元", "12345678", "元"),
        quantity("百分之九十五", "95", "%"),
        quantity("百分之百", "100", "%"),
        quantity("百分之99.5", "99.5", "%"),
        quantity("50 个", "50", "个"),
        quantity("95", "95"),
        quantity("-5%", "-5", "%"),
        quantity("2022年完成50个", "50", "个"),
        quantity("50所", "50", "所"),
        quantity("10GB以内", "10", "GB", LE),
        quantity("3个百分点", "3", "个百分点"),
    ],
    ids=lambda v: v.text,
)
def test_numerals_widths_separators_and_multipliers(expected: IndicatorValue) -> None:
    assert_quantity(expected.text, expected)


@pytest.mark.parametrize(
    "expected",
    [
        quantity("90%-95%", "90", "%", GE, upper="95"),
        quantity("90～95%", "90", "%", GE, upper="95"),
        quantity("90%至95%", "90", "%", GE, upper="95"),
        quantity("95-90%", "90", "%", GE, upper="95"),
        quantity("1-2个", "1", "个", GE, upper="2"),
    ],
    ids=lambda v: v.text,
)
def test_a_range_is_its_lower_bound_with_the_upper_kept(expected: IndicatorValue) -> None:
    assert_quantity(expected.text, expected)


@pytest.mark.parametrize(
    "expected",
    [
        quantity("同比下降6.29%", "6.29", "%", direction=DOWN),
        quantity("较上年减少3个百分点", "3", "个百分点", direction=DOWN),
        quantity("同比增长10%", "10", "%", direction=UP),
        quantity("同比下降5%以上", "5", "%", GE, DOWN),
        quantity("同比下降不超过5%", "5", "%", LE, DOWN),
        quantity("下降幅度不低于5%", "5", "%", GE, DOWN),
    ],
    ids=lambda v: v.text,
)
def test_a_year_on_year_change_keeps_its_direction_and_size(expected: IndicatorValue) -> None:
    assert_quantity(expected.text, expected)


@pytest.mark.parametrize(
    ("text", "rating"),
    [
        ("达成预期指标", Rating.ACHIEVED),
        ("达成", Rating.ACHIEVED),
        ("部分达成", Rating.PARTLY),
        ("未达成", Rating.NOT_ACHIEVED),
        ("基本完成", Rating.PARTLY),
        ("尚未完成", Rating.NOT_ACHIEVED),
        ("已完成", Rating.ACHIEVED),
        ("优", Rating.ACHIEVED),
        ("良", Rating.ACHIEVED),
        ("中", Rating.PARTLY),
        ("差", Rating.NOT_ACHIEVED),
        ("优秀", Rating.ACHIEVED),
        ("一部分完成", Rating.PARTLY),
    ],
)
def test_ratings_and_grades_are_qualitative_with_their_rating(text: str, rating: Rating) -> None:
    parsed = parse_value(text)
    assert parsed.kind is ValueKind.QUALITATIVE
    assert parsed.rating is rating
    assert rating.value in parsed.reason


@pytest.mark.parametrize(
    ("text", "reason_part"),
    [
        ("排名全市前列", "排名"),
        ("第一名", "排名"),
        ("持续开展普法宣传", "持续开展"),
        ("效果明显", "效果"),
        ("十分明显", "效果"),
        ("群众满意度显著提升", "效果"),
        ("12月31日前完成", REASON_DATE),
        ("二〇二二年", REASON_DATE),
        ("一次性补助", REASON_GENERIC),
        ("2个示范点，3个试点", REASON_MANY_NUMBERS),
        (
            "全年开展法治宣传活动，覆盖全区各街道和社区，群众反映良好，共发放宣传资料5000份以上",
            REASON_LONG,
        ),
    ],
)
def test_what_cannot_be_measured_says_why(text: str, reason_part: str) -> None:
    parsed = parse_value(text)
    assert parsed.kind is ValueKind.QUALITATIVE
    assert parsed.number is None and parsed.rating is None
    assert reason_part in parsed.reason


@pytest.mark.parametrize("text", [None, "", "   ", "\u3000\n"])
def test_nothing_written_is_empty(text: str | None) -> None:
    parsed = parse_value(text)
    assert parsed.kind is ValueKind.EMPTY
    assert not parsed.measurable


def test_the_original_text_is_kept() -> None:
    assert parse_value(" ≥５０个 ").text == " ≥５０个 "


# --- properties --------------------------------------------------------------------------------

INDICATOR_CHARACTERS = (
    "0123456789.,%％-~～至到≥≤=﹦<>个次人天万亿元以上下内及零一二两三四五六七八九十百千点第前"
)
INDICATOR_WORDS = [
    "同比下降",
    "不低于",
    "不超过",
    "百分之",
    "达成",
    "部分",
    "未",
    "年",
    "月",
    "，",
    " ",
]
INDICATOR_ALPHABET = st.sampled_from([*INDICATOR_CHARACTERS, *INDICATOR_WORDS])
INDICATOR_LIKE = st.lists(INDICATOR_ALPHABET, max_size=20).map("".join)


@given(st.text())
def test_any_text_parses_without_raising(text: str) -> None:
    assert parse_value(text).reason != REASON_UNREADABLE


@settings(max_examples=1000)
@given(INDICATOR_LIKE)
def test_indicator_like_text_parses_without_reaching_the_safety_net(text: str) -> None:
    # Text built from the parser's own vocabulary finds its edge cases ("百分之点十") far more
    # often than arbitrary text does.
    assert parse_value(text).reason != REASON_UNREADABLE


@given(st.one_of(st.text(), INDICATOR_LIKE))
def test_parsing_is_deterministic(text: str) -> None:
    assert parse_value(text) == parse_value(text)


@given(
    st.one_of(
        st.integers(min_value=0, max_value=10**15).map(D),
        st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
    )
)
def test_a_bound_round_trips_its_number(number: Decimal) -> None:
    parsed = parse_value(f"≥{number}个")
    assert parsed.number == number
    assert parsed.operator is Operator.AT_LEAST
    assert parsed.unit == "个"


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@given(
    st.one_of(INDICATOR_LIKE, st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126)))
)
def test_full_width_text_parses_like_half_width(text: str) -> None:
    half, full = parse_value(text), parse_value(full_width(text))
    assert replace(full, text=text) == half
