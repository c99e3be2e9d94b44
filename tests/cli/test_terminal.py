"""Terminal text shared by ``jixiao show`` and ``jixiao validate``: Chinese takes two columns,
wrapping respects numbers and punctuation, and colour never upsets alignment."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from jixiao.cli.terminal import Painted, Printer, Style, ordinal, table, text_width, wrap

ANSI = re.compile(r"\033\[[0-9;]*m")


def test_chinese_characters_take_two_columns() -> None:
    assert text_width("预算完成率98.82%") == 5 * 2 + 6


def test_wrapping_keeps_numbers_whole_and_punctuation_off_the_line_start() -> None:
    assert wrap("提供法律咨询 169件169人次；推进", 10) == [
        "提供法律咨",
        "询 169件",
        "169人次；",
        "推进",
    ]
    assert wrap("一二三四五六七八九，十", 18) == ["一二三四五六七八", "九，十"]
    assert wrap("运行服务器环境（虚拟机", 16) == ["运行服务器环境", "（虚拟机"]


@given(text=st.text(alphabet="预算完成率，。（）abc 169%", max_size=80), width=st.integers(4, 30))
def test_wrapped_lines_fit_and_lose_nothing(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(text_width(line) <= width for line in lines)
    assert "".join(lines) == text


def test_a_table_pads_chinese_cells_to_their_display_width() -> None:
    lines = table([["预算", "1.00"], ["调整数", "10.00"]], [8, 6], align="<>")
    # "预算" is 4 columns wide: 4 spaces fill its 8, a gap of 2, then 2 before "1.00" in its 6.
    assert lines == ["预算" + " " * (4 + 2 + 2) + "1.00", "调整数" + " " * (2 + 2 + 1) + "10.00"]


def test_a_painted_cell_lines_up_with_plain_ones_once_the_colour_is_removed() -> None:
    style = Style(enabled=True)
    plain = table([["✓", "预算完成率", "98.82%"]], [1, 12, 8], align="<<>")
    painted = table(
        [[style.mark(True), Painted("预算完成率", style.red), "98.82%"]], [1, 12, 8], align="<<>"
    )
    assert painted != plain
    assert "\033[32m✓\033[0m" in painted[0] and "\033[31m预算完成率\033[0m" in painted[0]
    assert [ANSI.sub("", line) for line in painted] == plain


def test_a_mark_is_a_tick_a_cross_or_nothing_and_plain_when_piped() -> None:
    style = Style(enabled=False)
    assert [style.mark(v).text for v in (True, False, None)] == ["✓", "✗", ""]
    assert style.mark(False).paint("✗") == "✗"


def test_sections_are_numbered_in_chinese() -> None:
    printer = Printer(Style(enabled=False))
    printer.section("年度目标")
    printer.section("主要任务")
    assert printer.lines == ["", "一、年度目标", "", "二、主要任务"]
    assert (ordinal(9), ordinal(10)) == ("十", "11")


def test_a_field_hangs_its_wrapped_value_under_itself() -> None:
    printer = Printer(Style(enabled=False))
    printer.width = 40
    printer.field("完成情况", "一" * 30)
    head = "  完成情况："
    assert printer.lines[0].startswith(head)
    assert all(line.startswith(" " * text_width(head)) for line in printer.lines[1:])
    assert max(text_width(line) for line in printer.lines) <= 40
    assert "".join(line.strip() for line in printer.lines) == head.strip() + "一" * 30
