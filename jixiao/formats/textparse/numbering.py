"""Numbered lists inside a cell: ``一、…二、…``, ``1、…2、…``, ``1.…2.…``, ``（1）…``.

A marker only counts at the start of a line and only when it continues the sequence (the next
item must carry the next number), so ``2019-2021年`` or a wrapped ``25\\n年`` never starts an
item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.formats.textparse.lines import Line

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_MARKER = re.compile(
    r"^\s*(?:"
    r"(?P<cn>[一二三四五六七八九十]{1,3})[、.．]"
    r"|(?P<ar>\d{1,2})(?:[、．]|\.(?!\d))"
    r"|[（(](?P<paren>\d{1,2}|[一二三四五六七八九十]{1,3})[）)]"
    r")\s*"
)


def chinese_number(text: str) -> int | None:
    """一 … 九十九 as an int."""
    if not text:
        return None
    if "十" not in text:
        return _CN_DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    ten_value = 1 if not tens else _CN_DIGITS.get(tens)
    one_value = 0 if not ones else _CN_DIGITS.get(ones)
    if ten_value is None or one_value is None:
        return None
    return ten_value * 10 + one_value


@dataclass(frozen=True, slots=True)
class Marker:
    number: int
    style: str  # "cn", "ar" or "paren"
    length: int  # characters the marker takes, spaces included


def marker_of(text: str) -> Marker | None:
    match = _MARKER.match(text)
    if not match:
        return None
    for style in ("cn", "ar", "paren"):
        raw = match.group(style)
        if raw is None:
            continue
        number = int(raw) if raw.isdigit() else chinese_number(raw)
        if number is None:
            return None
        return Marker(number, style, match.end())
    return None  # pragma: no cover - the pattern always sets one group


@dataclass
class NumberedItem:
    lines: list[Line]


def split_numbered(lines: list[Line]) -> tuple[list[Line], list[NumberedItem]]:
    """Split lines into the text before the first item and the items, each item's lines with
    its marker removed from the first one."""
    preamble: list[Line] = []
    items: list[NumberedItem] = []
    style = ""
    expected = 1
    for line in lines:
        marker = marker_of(line.text)
        starts = (
            marker is not None
            and marker.number == expected
            and (not style or marker.style == style)
        )
        if marker is not None and starts:
            style = marker.style
            expected += 1
            items.append(NumberedItem([line.with_text(line.text[marker.length :])]))
            continue
        if items:
            items[-1].lines.append(line)
        else:
            preamble.append(line)
    return preamble, items


def starts_numbered(text: str, number: int = 1) -> bool:
    marker = marker_of(text)
    return marker is not None and marker.number == number
