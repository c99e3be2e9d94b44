"""Figures printed glued together: an OCR of a table that lost its cell borders prints the
weight and the score of a row as one run of digits (``1010`` = 10 and 10, ``107.6`` = 10 and
7.6). The run is split only where the arithmetic of the form confirms it (score = weight ×
rate); when no split or more than one split passes, nothing is read."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.core.money import HUNDRED, printed_matches

_NUMBER = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")


def _number(text: str) -> Decimal | None:
    return Decimal(text) if _NUMBER.fullmatch(text) else None


def split_weight_score(run: str, rate: Decimal) -> tuple[Decimal, Decimal] | None:
    """``run`` read as a weight followed by its score, where the score is ``rate`` percent of
    the weight as printed (rounded to the places it shows); None unless exactly one split
    passes."""
    found: list[tuple[Decimal, Decimal]] = []
    for cut in range(1, len(run)):
        weight, score = _number(run[:cut]), _number(run[cut:])
        if weight is None or score is None or weight == 0:
            continue
        if printed_matches(score, weight * rate / HUNDRED):
            found.append((weight, score))
    return found[0] if len(found) == 1 else None


def split_funds_run(run: str) -> tuple[Decimal, Decimal, Decimal, Decimal] | None:
    """``run`` read as 年初预算数, 调整后预算数, 全年执行数 and 执行率 printed without borders
    (``64.864.864.8100`` = 64.8, 64.8, 64.8 and 100), where 执行率 is 全年执行数 / 调整后预算数
    as printed; None unless exactly one split passes."""
    found: list[tuple[Decimal, Decimal, Decimal, Decimal]] = []
    size = len(run)
    if size > 40:
        return None
    for a in range(1, size - 2):
        initial = _number(run[:a])
        if initial is None:
            continue
        for b in range(a + 1, size - 1):
            annual = _number(run[a:b])
            if annual is None or annual == 0:
                continue
            for c in range(b + 1, size):
                executed, rate = _number(run[b:c]), _number(run[c:])
                if executed is None or rate is None:
                    continue
                if printed_matches(rate, executed * HUNDRED / annual):
                    found.append((initial, annual, executed, rate))
    return found[0] if len(found) == 1 else None
