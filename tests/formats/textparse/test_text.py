"""Undoing extraction artefacts in a cell's text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jixiao.formats.textparse.text import clean_line, display_width, join_wrapped


def test_the_space_before_full_width_punctuation_is_removed() -> None:
    assert clean_line("为主线 ，奋力推进") == "为主线，奋力推进"
    assert clean_line("排名第一 、在2021年") == "排名第一、在2021年"
    assert clean_line("稳定运行 。") == "稳定运行。"


def test_other_spaces_inside_a_line_are_kept_once() -> None:
    assert clean_line("    覆盖率达到  100%   ") == "覆盖率达到 100%"


def test_wrapped_chinese_joins_without_space_and_latin_words_with_one() -> None:
    assert (
        join_wrapped(["受理来穗人员随迁子女积分", "制入学报名"])
        == "受理来穗人员随迁子女积分制入学报名"
    )
    assert join_wrapped(["侦破25", "年拐卖儿童积案"]) == "侦破25年拐卖儿童积案"
    assert join_wrapped(["运行", "。"]) == "运行。"
    assert join_wrapped(["open", "source"]) == "open source"


def test_a_chinese_character_is_two_columns_wide() -> None:
    assert display_width("任务1") == 5


@given(st.lists(st.text(alphabet="天河区政法委，。、 ", max_size=12), max_size=6))
def test_joining_never_leaves_a_space_before_full_width_punctuation(parts: list[str]) -> None:
    joined = join_wrapped(parts)
    for mark in "，。、":
        assert f" {mark}" not in joined
