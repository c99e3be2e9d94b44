"""The indicator table (一级指标 / 二级指标 / 三级指标 and the value columns its header names).

The header may span two printed rows (年度指标值 over 指标性质 / 指标值 / 度量单位); its
columns are taken in printed order with such a group header replaced by the columns under it.
A merged 一级 or 二级 cell is printed on the first row of its group only: a row's leading cells
are levels when they are level names (产出指标, 数量指标, 满意度指标 …), the next cell is the
indicator, and the cells after it fill the header's value columns.

When the table was flattened to words, a row ends with the plain numbers of its 分值 and 得分
columns; the two cells before them are its target and actual. A row whose score exceeds its
weight, or whose name would run over several cells of prose, is refused.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from jixiao.formats.tableread.cells import Cell, Shape, is_plain_number
from jixiao.formats.tableread.vocabulary import vocabulary

LEVELS = ("level1", "level2", "name")
_POINTS = re.compile(r"\(\d+(?:\.\d+)?分\)$")


@dataclass
class IndicatorRow:
    level1: str
    level2: str
    name: Cell
    values: dict[str, Cell]
    confidence: float


@dataclass
class IndicatorReading:
    columns: list[str]
    rows: list[IndicatorRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def level_of(cell: Cell) -> str | None:
    vocab = vocabulary()
    key = _POINTS.sub("", cell.key)
    if key in vocab.level1_names and key not in vocab.level2_names:
        return "level1"
    if key in vocab.level2_names:
        return "level2"
    return None


def find_header(cells: Sequence[Cell], start: int, end: int) -> tuple[list[str], int] | None:
    """The value columns after the indicator's name, and the index after the header."""
    vocab = vocabulary()
    columns = vocab.indicator_columns
    name_at = next(
        (i for i in range(start, end) if cells[i].label in columns["name"]),
        None,
    )
    if name_at is None:
        return None
    lo = name_at
    while lo > start and name_at - lo < 14:
        cell = cells[lo - 1]
        if not cell.label or vocab.match(columns, cell.label) or cell.label == "绩效指标":
            lo -= 1
        else:
            break
    hi = name_at + 1
    while hi < end and (not cells[hi].label or vocab.match(columns, cells[hi].label)):
        hi += 1
    seen: list[str] = []
    for cell in cells[lo:hi]:
        column = _column(cell.label)
        if column is not None and column not in seen:
            seen.append(column)
    grouped = {"nature", "target", "unit"} & set(seen) - {"target_group"}
    value_columns: list[str] = []
    for column in seen:
        if column in LEVELS or column in value_columns:
            continue
        if column == "target_group":
            if grouped:
                value_columns += [c for c in seen if c in ("nature", "target", "unit")]
            elif "target" not in value_columns:
                value_columns.append("target")
        else:
            value_columns.append(column)
    # 年度指标值 alone is the target column; with 指标性质/指标值/度量单位 under it, a group.
    return value_columns, hi


def _column(label: str) -> str | None:
    columns = vocabulary().indicator_columns
    if label in columns["target_group"]:
        return "target_group"
    for name in (
        "level1",
        "level2",
        "name",
        "nature",
        "target",
        "unit",
        "actual",
        "weight",
        "score",
        "reason",
    ):
        if label in columns[name]:
            return name
    return None


def read_indicators(
    cells: Sequence[Cell], start: int, end: int, shape: Shape
) -> IndicatorReading | None:
    found = find_header(cells, start, end)
    if found is None:
        return None
    columns, i = found
    stop = next((k for k in range(i, end) if _ends(cells[k])), end)
    body = list(cells[i:stop])
    reading = IndicatorReading(columns)
    if shape is Shape.SEPARATED:
        _separated_rows(body, reading)
    else:
        _flat_rows(body, reading)
    return reading


def _ends(cell: Cell) -> bool:
    vocab = vocabulary()
    return any(cell.label.startswith(word) for word in vocab.indicator_ends)


def _separated_rows(body: Sequence[Cell], reading: IndicatorReading) -> None:
    """Rows as printed lines when the lines hold several cells, else rebuilt from the column
    count (one cell per line)."""
    by_line: dict[int, list[Cell]] = {}
    for cell in body:
        by_line.setdefault(cell.row, []).append(cell)
    lines = list(by_line.values())
    if lines and sum(len(line) >= 4 for line in lines) * 2 >= len(lines):
        groups = lines
    else:
        groups = _rebuild(body, len(reading.columns))
    level1 = level2 = ""
    for group in groups:
        cells = list(group)
        while cells and cells[0].empty:
            cells.pop(0)
        levels: list[Cell] = []
        while cells and level_of(cells[0]) is not None and len(cells) > 1:
            levels.append(cells.pop(0))
        if not cells or cells[0].empty or is_plain_number(cells[0]):
            continue
        level1, level2 = _levels(levels, level1, level2)
        name = cells.pop(0)
        values = {
            column: cell
            for column, cell in zip(reading.columns, cells, strict=False)
            if not cell.empty
        }
        _add(reading, level1, level2, name, values, 0.85)


def _rebuild(body: Sequence[Cell], width: int) -> list[list[Cell]]:
    groups: list[list[Cell]] = []
    i = 0
    while i < len(body):
        j = i
        while j < len(body) and level_of(body[j]) is not None:
            j += 1
        groups.append(list(body[i : j + 1 + width]))
        i = j + 1 + width
    return groups


def _levels(levels: Sequence[Cell], level1: str, level2: str) -> tuple[str, str]:
    if len(levels) >= 2:
        return levels[0].text, levels[1].text
    if len(levels) == 1:
        if level_of(levels[0]) == "level1":
            return levels[0].text, ""
        return level1, levels[0].text
    return level1, level2


def _flat_rows(body: Sequence[Cell], reading: IndicatorReading) -> None:
    numeric = [c for c in reading.columns if c in ("weight", "score")]
    before = [c for c in reading.columns if c in ("target", "actual")]
    if not numeric or not before:
        return
    level1 = level2 = ""
    start = 0
    i = 0
    while i < len(body):
        if not is_plain_number(body[i]):
            i += 1
            continue
        j = i
        while j < len(body) and is_plain_number(body[j]):
            j += 1
        # body[i:j] is a run of plain numbers; its last ones are 分值/得分.
        run_end = j
        tail = run_end - len(numeric)
        row_cells = list(body[start:run_end])
        start = i = run_end
        if tail < 0 or len(row_cells) < len(numeric) + len(before) + 1:
            continue
        head = row_cells[: len(row_cells) - len(numeric) - len(before)]
        values = dict(zip(before, row_cells[len(head) : len(head) + len(before)], strict=True))
        values.update(zip(numeric, row_cells[len(row_cells) - len(numeric) :], strict=True))
        levels: list[Cell] = []
        if len(head) >= 2 and level_of(head[0]) is None and level_of(head[1]) is not None:
            head.pop(0)  # the previous row's trailing remark (偏差原因 …), not this row's
        while head and level_of(head[0]) is not None:
            levels.append(head.pop(0))
        if not head or len(head) > 3:
            if head:
                reading.warnings.append(
                    f"指标表中“{''.join(c.text for c in head)[:20]}…”一行无法分清各栏，未读取"
                )
            continue
        level1, level2 = _levels(levels, level1, level2)
        name = Cell(_joined(head), "".join(c.key for c in head), "", head[0].line, head[0].row)
        _add(reading, level1, level2, name, values, 0.6)


def _joined(cells: Sequence[Cell]) -> str:
    text = ""
    for cell in cells:
        if text and text[-1].isascii() and cell.text[:1].isascii():
            text += " "
        text += cell.text
    return text


def _add(
    reading: IndicatorReading,
    level1: str,
    level2: str,
    name: Cell,
    values: dict[str, Cell],
    confidence: float,
) -> None:
    from jixiao.formats.textparse.amounts import read_amount

    weight = read_amount(values["weight"].key) if "weight" in values else None
    score = read_amount(values["score"].key) if "score" in values else None
    if weight is not None and score is not None and score > weight:
        reading.warnings.append(f"指标“{name.text}”的得分大于分值，未读取这两栏，请核对原表")
        values = {k: v for k, v in values.items() if k not in ("weight", "score")}
        confidence = min(confidence, 0.5)
    reading.rows.append(IndicatorRow(level1, level2, name, values, confidence))
