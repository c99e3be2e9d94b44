"""What a department form prints outside its grid: the evaluated year in its narrative and the
budget figures of a basic-data table (部门整体支出绩效评价基础数据表, Hunan's template) whose
cells were flattened together with the scoring sheet's explanations.

Nothing here is guessed: a year is read only when the text names one year unambiguously, and
the two budget figures of the 预算调整 row are placed only when the printed adjustment (追加/调整
预算…万元) or the printed initial budget confirms them by arithmetic."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jixiao.core.money import adds_up
from jixiao.formats.tableread.cells import Cell

_ZERO = Decimal(0)
_NUMBER = r"(\d+(?:\.\d+)?)"
# A year as the form's own: "2022年度…", "2022年…" but not a date ("2022年4月", "2022 年 4 月").
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)(度)?")
# The latest year whose final accounts (决算) a basic-data table prints is the evaluated one.
_ACCOUNTS_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年度?\s*(?:决算|实际)")
_ADJUST_ROW = re.compile(rf"预算调整\s+{_NUMBER}\s+{_NUMBER}(?![\d.])")
_ADDED = re.compile(rf"(?:追加|调增|调整)预算(?:数)?[为:：]?\s*{_NUMBER}\s*万元")
_INITIAL = re.compile(rf"年初预算(?:数)?[为:：]?\s*{_NUMBER}")
_RATE = re.compile(rf"预算完成率[为是:：]?\s?{_NUMBER}%")


@dataclass(frozen=True, slots=True)
class YearInText:
    year: int
    cell: Cell


def year_in_text(cells: Sequence[Cell]) -> YearInText | None:
    """The one year the text names, or the latest year of printed final accounts; None when
    several years are named and none is singled out."""
    found = [(int(m.group(1)), c) for c in cells for m in _ACCOUNTS_YEAR.finditer(c.text)]
    if found:
        best = max(found, key=lambda f: f[0])
        return YearInText(best[0], best[1])
    found = [(int(m.group(1)), c) for c in cells for m in _YEAR.finditer(c.text)]
    years = {y for y, _ in found}
    if len(years) == 1:
        return YearInText(found[0][0], found[0][1])
    return None


@dataclass(frozen=True, slots=True)
class BaseFunds:
    initial_budget: Decimal | None
    adjusted_budget: Decimal | None
    adjustment: Decimal | None
    completion_rate: Decimal | None
    cell: Cell


def _dec(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _first(pattern: re.Pattern[str], cells: Sequence[Cell]) -> tuple[Decimal, Cell] | None:
    for c in cells:
        if (m := pattern.search(c.text)) and (value := _dec(m.group(1))) is not None:
            return value, c
    return None


def base_funds(cells: Sequence[Cell]) -> BaseFunds | None:
    """The budget before and after adjustment from the ``…预算调整 A B`` row, placed only when
    B − A equals the printed adjustment or A equals the printed initial budget; the printed
    预算完成率 and adjustment alongside."""
    text = " ".join(c.text for c in cells)
    row = _ADJUST_ROW.search(text)
    added = _first(_ADDED, cells)
    initial = _first(_INITIAL, cells)
    rate = _first(_RATE, cells)
    before = after = None
    if row is not None:
        a, b = _dec(row.group(1)), _dec(row.group(2))
        confirmed = (added is not None and adds_up([a or _ZERO, added[0]], b or _ZERO)) or (
            initial is not None and a == initial[0]
        )
        if a is not None and b is not None and confirmed:
            before, after = a, b
    # The printed adjustment stands alone, or with the row it confirms; a row it contradicts
    # leaves both unread.
    adjustment = added[0] if added is not None and (row is None or before is not None) else None
    if before is None and adjustment is None and rate is None:
        return None
    anchor = next(
        (c for c in cells if row is not None and "预算调整" in c.text),
        (rate or added or initial or (None, cells[0]))[1],
    )
    return BaseFunds(before, after, adjustment, rate[0] if rate else None, anchor)
