"""How values are printed in a layout's cells, and how much room text needs.

Numbering is added on output only (the model stores ``以党的二十大…`` and prints
``一、以党的二十大…``), so that a re-imported form equals the original.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from jixiao.core.money import money_text, quantize, rate_text
from jixiao.formats.layouts.model import Numbering, Role

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五; from 1000 on, Arabic digits
    (no form numbers its items that far)."""
    if n >= 1000:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        return _DIGITS[hundreds] + "百"
    middle = "零" if rest < 10 else ""
    tail = chinese_number(rest) if rest >= 20 or rest < 10 else "一" + chinese_number(rest)
    return _DIGITS[hundreds] + "百" + middle + tail


def number_mark(n: int, style: Numbering) -> str:
    if style is Numbering.CHINESE:
        return f"{chinese_number(n)}、"
    if style is Numbering.ARABIC:
        return f"{n}、"
    return f"{n}."


def numbered_lines(
    items: Sequence[str], style: Numbering | None, prefix: str = "", indent: str = ""
) -> str:
    lines = []
    for i, item in enumerate(items, start=1):
        mark = number_mark(i, style) if style else ""
        lead = prefix if i == 1 else indent
        lines.append(f"{lead}{mark}{item}")
    return "\n".join(lines)


def number_text(value: Decimal) -> str:
    """Points and scores: ``10`` stays ``10``, ``8.5`` prints ``8.50``."""
    if value == value.to_integral_value():
        return format(quantize(value, 0), "f")
    return format(quantize(value, 2), "f")


def display(value: object, role: Role, places: int = 2) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        if role is Role.MONEY:
            return money_text(value)
        if role is Role.RATE:
            return rate_text(value, places)
        return number_text(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def char_width(ch: str) -> float:
    """Width of a character in em: CJK and full-width forms are 1, the rest about 0.55."""
    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55


def line_count(text: str, width_mm: float, font_pt: float, padding_mm: float = 2.0) -> int:
    """Lines ``text`` wraps to in a cell ``width_mm`` wide (an estimate, slightly generous,
    because a spreadsheet that cuts text is worse than one with a little air)."""
    em_mm = font_pt * 25.4 / 72
    per_line = max(1.0, (width_mm - padding_mm) / em_mm)
    total = 0
    for paragraph in text.split("\n"):
        width = sum(char_width(ch) for ch in paragraph)
        total += max(1, math.ceil(width / per_line - 0.02))
    return total
