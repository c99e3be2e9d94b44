"""Numbered items inside a cell: a marker counts only when it continues the sequence."""

from __future__ import annotations

from jixiao.formats.textparse.lines import Line
from jixiao.formats.textparse.numbering import chinese_number, marker_of, split_numbered


def lines(*texts: str) -> list[Line]:
    return [Line(text, 1, n) for n, text in enumerate(texts, start=1)]


def texts(item_lines: list[Line]) -> str:
    return "|".join(line.text for line in item_lines)


def test_chinese_numerals_up_to_ninety_nine() -> None:
    assert [chinese_number(t) for t in ("一", "十", "十二", "二十", "九十九")] == [
        1,
        10,
        12,
        20,
        99,
    ]
    assert chinese_number("百") is None


def test_markers_of_each_style() -> None:
    assert marker_of("一、以党的") is not None
    assert marker_of("2、完成") is not None
    assert marker_of("2.各预算") is not None
    assert marker_of("（3）加强") is not None
    assert marker_of("2019-2021年") is None
    assert marker_of("1.5万人") is None


def test_items_split_at_markers_that_continue_the_sequence() -> None:
    preamble, items = split_numbered(
        lines("一、以党的二十大", "营造环境；", "二、以市域", "三、以推进", "二、not a restart")
    )
    assert preamble == []
    assert [texts(i.lines) for i in items] == [
        "以党的二十大|营造环境；",
        "以市域",
        "以推进|二、not a restart",
    ]


def test_a_wrapped_line_starting_with_a_number_is_not_an_item() -> None:
    _, items = split_numbered(lines("1、侦破", "25", "年拐卖儿童积案", "2、调处纠纷"))
    assert [texts(i.lines) for i in items] == ["侦破|25|年拐卖儿童积案", "调处纠纷"]


def test_text_before_the_first_marker_is_the_preamble() -> None:
    preamble, items = split_numbered(lines("说明如下", "1.第一条"))
    assert texts(preamble) == "说明如下"
    assert len(items) == 1
