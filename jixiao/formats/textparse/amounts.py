"""Reading amounts and rates as printed: ``1,985.28``, ``98.82%``, ``29%``; a dash or an
empty cell is absent, never zero."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.core.money import MoneyError, to_decimal

NUMBER = r"[-−]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|[-−]?\d+(?:\.\d+)?"
ABSENT = re.compile(r"^[—–\-/／无]+$")
# Task funds are printed with decimals ("10.00"), which tells them from counts like "59".
MONEY_TOKEN = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{1,2}$")


def read_amount(text: str | None) -> Decimal | None:
    """An amount or a percentage (the ``%`` dropped) as Decimal; None when absent or not a
    number."""
    if text is None:
        return None
    text = text.strip().replace("，", ",").replace("−", "-")
    if not text or ABSENT.match(text):
        return None
    try:
        return to_decimal(text)
    except MoneyError:
        return None
