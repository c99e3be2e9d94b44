"""A document's text as a stream of cells, whatever flattened the table.

Publishers' text comes in three shapes: cells separated by ``|`` or tabs (an HTML or Word
table), one cell per paragraph, or a whole table flattened to words separated by single
spaces. :func:`cells_of` returns the cells in reading order; in the separated shapes an empty
cell between two separators is kept (it holds a column's place), in the flattened shape empty
cells have vanished and columns can only be placed by their headers and by arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from jixiao.formats.tableread.fold import drop_pinyin, fold, label_key


class Shape(StrEnum):
    SEPARATED = "separated"  # | or tab between cells
    FLAT = "flat"  # words separated by spaces


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # as printed (spaces squeezed, injected pinyin dropped)
    key: str  # folded for matching
    label: str  # folded without 其中 and parenthesised notes
    line: int  # 1-based line of the source text
    row: int  # the source line's index among lines holding cells

    @property
    def empty(self) -> bool:
        return not self.text


_SPACES = re.compile(r"\s+")


def _cell(text: str, line: int, row: int) -> Cell:
    text = _SPACES.sub(" ", drop_pinyin(text)).strip()
    return Cell(text, fold(text), label_key(text), line, row)


def shape_of(text: str) -> Shape:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return Shape.FLAT
    separated = sum(1 for line in lines if "|" in line or "\t" in line)
    return Shape.SEPARATED if separated * 3 >= len(lines) else Shape.FLAT


def cells_of(text: str, shape: Shape | None = None) -> list[Cell]:
    shape = shape or shape_of(text)
    cells: list[Cell] = []
    row = 0
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("\t", "|") if shape is Shape.SEPARATED else raw
        if not line.strip():
            continue
        if shape is Shape.FLAT:
            cells += [_cell(word, lineno, row) for word in line.split()]
        elif "|" not in line:
            cells.append(_cell(line, lineno, row))
        elif line.strip() == "|":
            cells.append(_cell("", lineno, row))  # a cell emptied: one cell per line
        else:
            parts = line.split("|")
            if not parts[0].strip():
                parts = parts[1:]
            if parts and not parts[-1].strip():
                parts = parts[:-1]
            cells += [_cell(part, lineno, row) for part in parts]
        row += 1
    return cells


_NUMBER = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
_ABSENT = frozenset({"/", "-", "—", "–", "--", "——", "无"})


def is_number(cell: Cell) -> bool:
    return bool(_NUMBER.match(cell.key))


def is_plain_number(cell: Cell) -> bool:
    return is_number(cell) and not cell.key.endswith("%")


def is_value(cell: Cell, shape: Shape) -> bool:
    """A cell that can stand in a figures column: a number, a dash or slash, or (when cells
    are separated) an empty cell."""
    if cell.empty:
        return shape is Shape.SEPARATED
    return is_number(cell) or cell.key in _ABSENT
