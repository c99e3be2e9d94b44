"""The funds table of a project form, columns placed by their headers and checked by
arithmetic.

The header row names the columns (年初预算数, 全年预算数 or 调整后预算数, 全年执行数, 分值 or
权重, 执行率, 得分, in the order the layout prints them). Each funds row is read after its label.
When the row's cells are separated and fill the header, each value sits in its column; when
empty cells have vanished (a flattened table, or trailing empties collapsed), every order-keeping
placement of the printed values is tried and only those that pass the checks survive:

- a percentage only in the 执行率 column;
- 执行率 = 执行数 / 预算数 at the printed precision;
- 得分 ≤ 分值.

A row no placement passes is refused with a warning, never stored shifted. The total must be
the sum of its sources; when it is not, the total row is refused and the warning says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations

from jixiao.core.money import percent, places_of
from jixiao.formats.tableread.cells import Cell, Shape, is_value
from jixiao.formats.tableread.vocabulary import vocabulary
from jixiao.formats.textparse.amounts import read_amount

MONEY_COLUMNS = ("initial_budget", "annual_budget", "executed")
ROW_TITLES = {
    "total": "年度资金总额",
    "current_year_appropriation": "本年财政拨款",
    "carried_over": "上年结转资金",
    "other": "其他资金",
}


@dataclass
class FundsRow:
    values: dict[str, Decimal]
    cells: dict[str, Cell]
    confidence: float


@dataclass
class FundsReading:
    rows: dict[str, FundsRow] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    end: int = 0  # the index after the last cell read


def find_header(cells: Sequence[Cell], start: int, end: int) -> tuple[list[str], int] | None:
    """The funds columns in printed order and the index after the header."""
    vocab = vocabulary()
    for i in range(start, end):
        if vocab.match(vocab.funds_columns, cells[i].label) is None:
            continue
        header: list[str] = []
        j, after, junk = i, i, 0
        while j < end:
            cell = cells[j]
            column = vocab.match(vocab.funds_columns, cell.label)
            if column is not None and column not in header:
                header.append(column)
                after, junk = j + 1, 0
            elif (
                column is not None
                or vocab.match(vocab.funds_rows, cell.label)
                or (cell.key and is_value(cell, Shape.FLAT))
            ):
                break
            elif cell.label:
                junk += 1
                if junk > 2:
                    break
            j += 1
        if len(header) >= 3 and ("executed" in header or "annual_budget" in header):
            return header, after
    return None


def read_funds(cells: Sequence[Cell], start: int, end: int, shape: Shape) -> FundsReading | None:
    found = find_header(cells, start, end)
    if found is None:
        return None
    header, i = found
    vocab = vocabulary()
    reading = FundsReading(end=i)
    first = True
    while i < end:
        cell = cells[i]
        row = vocab.match(vocab.funds_rows, cell.label)
        other = cell.label in vocab.funds_other_rows
        implicit = first and not cell.empty and is_value(cell, shape)  # values right after header
        if row is None and not other and not implicit:
            i += 1
            continue
        k = i if implicit else i + 1
        values: list[Cell] = []
        while k < end and len(values) < len(header) and is_value(cells[k], shape):
            values.append(cells[k])
            k += 1
        name = "total" if implicit else (row or f"extra:{cell.label}")
        first = False
        if name is not None and name not in reading.rows and any(not v.empty for v in values):
            placed = place(header, values, shape)
            if placed is None:
                title = ROW_TITLES.get(name, name.removeprefix("extra:"))
                reading.warnings.append(
                    f"资金表“{title}”一行的数字无法按表头对上各栏（执行率与执行数/预算数不符，"
                    "或得分大于分值），未读取该行，请对照原表核对"
                )
            else:
                reading.rows[name] = placed
        reading.end = max(reading.end, k)
        i = max(k, i + 1)
    _check_total(reading)
    return reading


def place(header: Sequence[str], values: Sequence[Cell], shape: Shape) -> FundsRow | None:
    """The values in their columns, or None when no placement passes the checks."""
    if shape is Shape.SEPARATED and len(values) == len(header):
        row = _assign(header, values)
        if row is not None:
            checks = _checks(row.values)
            if checks is not None:
                row.confidence = 0.95 if checks else 0.85
                return row
    printed = [v for v in values if not v.empty]
    # Empty cells vanish at a row's end more than in its middle: fewest skipped columns first,
    # then the placement that passes most checks, then the leftmost.
    best: tuple[int, int, FundsRow] | None = None
    for columns in combinations(range(len(header)), len(printed)):
        row = _assign([header[c] for c in columns], printed)
        if row is None:
            continue
        checks = _checks(row.values)
        if checks is None:
            continue
        gaps = columns[-1] + 1 - len(columns) if columns else 0
        rank = (-gaps, checks)
        if best is None or rank > best[:2]:
            best = (*rank, row)
    if best is None:
        return None
    best[2].confidence = 0.75 if best[0] else 0.6
    return best[2]


def _assign(columns: Sequence[str], values: Sequence[Cell]) -> FundsRow | None:
    row = FundsRow({}, {}, 0.0)
    for column, cell in zip(columns, values, strict=True):
        if cell.key.endswith("%") and column != "rate":
            return None  # a percentage only stands in the rate column
        amount = read_amount(cell.key)
        if amount is not None:
            row.values[column] = amount
            row.cells[column] = cell
    return row


def _checks(values: dict[str, Decimal]) -> int | None:
    """How many checks the row passes; None when one fails."""
    passed = 0
    rate = values.get("rate")
    budget, executed = values.get("annual_budget"), values.get("executed")
    if rate is not None and budget is not None and executed is not None:
        exact = percent(executed, budget)
        if exact is None:
            if rate != 0:
                return None
        elif abs(exact - rate) > Decimal(1).scaleb(-places_of(rate)):
            return None
        passed += 1
    weight, score = values.get("weight"), values.get("score")
    if any(v is not None and not 0 <= v <= 100 for v in (weight, score)):
        return None  # points out of a hundred
    if weight is not None and score is not None:
        if score > weight:
            return None
        passed += 1
    return passed


def _check_total(reading: FundsReading) -> None:
    total = reading.rows.get("total")
    sources = [r for name, r in reading.rows.items() if name != "total"]
    # 财政专户管理资金, 单位资金 … count in the sum though the model has no row for them.
    if total is None or not sources:
        return
    for column in MONEY_COLUMNS:
        if column not in total.values:
            continue
        parts = [r.values[column] for r in sources if column in r.values]
        if parts and sum(parts) != total.values[column]:
            del reading.rows["total"]
            reading.warnings.append(
                "资金表“年度资金总额”不等于其中各项资金之和，未读取总额行；请核对原表"
            )
            return
