"""Cells with text and a position, and the neighbour relations the readers use.

Positions are in any unit as long as one grid uses one: points for a PDF page (``page`` keeps
pages apart), column and row numbers for a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.formats.report import SourceLocation
from jixiao.formats.textparse.text import compact

EDGE = 2.5  # how far apart two edges may be and still touch


@dataclass(eq=False)
class GridCell:
    """A cell's box, its visual lines and how each joins the one before (``""`` wrapped,
    ``" "`` wrapped between Latin words, ``"\\n"`` a real break)."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    pieces: list[str]
    joins: list[str]
    source: SourceLocation
    # Spreadsheets: the typed value, its number format, and a formula without cached value.
    value: object = None
    number_format: str = ""
    formula: str | None = None
    confidence: float = 1.0
    extra: dict[str, object] = field(default_factory=dict)
    # Further boxes of the same cell (page, x0, x1, top, bottom): a PDF page break cuts a
    # cell in parts.
    parts: list[tuple[int, float, float, float, float]] = field(default_factory=list)

    def boxes(self) -> list[tuple[int, float, float, float, float]]:
        return [(self.page, self.x0, self.x1, self.top, self.bottom), *self.parts]

    # The text (lines joined as ``joins`` says) and the key (the text without spaces, for
    # comparing with labels): read many times by the label-driven readers, so made once
    # here. ``pieces`` and ``joins`` are not changed once a cell is built.
    text: str = field(init=False, repr=False, default="")
    key: str = field(init=False, repr=False, default="")

    def __post_init__(self) -> None:
        self.text = _joined(self.pieces, self.joins)
        self.key = compact(self.text)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    def x_overlap(self, x0: float, x1: float) -> float:
        """Share of this cell's width inside ``[x0, x1]``."""
        inside = min(self.x1, x1) - max(self.x0, x0)
        return max(0.0, inside) / max(self.x1 - self.x0, 1e-9)

    def covers_row(self, other: GridCell) -> bool:
        """Does this cell (any part of it) span ``other``'s vertical middle?"""
        middle = (other.top + other.bottom) / 2
        if not self.parts:
            return self.page == other.page and self.top - 0.5 < middle < self.bottom + 0.5
        return any(
            page == other.page and top - 0.5 < middle < bottom + 0.5
            for page, _, _, top, bottom in self.boxes()
        )


def _joined(pieces: list[str], joins: list[str]) -> str:
    if not pieces:
        return ""
    out = [pieces[0]]
    for join, piece in zip(joins, pieces[1:], strict=False):
        out.append(join)
        out.append(piece)
    return "".join(out).strip()


@dataclass
class Grid:
    """A form's cells in reading order, and the text printed outside the table above it
    (attachment label, title, unit) and below it (notes) as pseudo-cells."""

    cells: list[GridCell]
    above: list[GridCell] = field(default_factory=list)
    below: list[GridCell] = field(default_factory=list)
    page_count: int = 1
    # How far apart two edges may be and still touch: points on a PDF page; a spreadsheet's
    # cells sit on whole columns and rows.
    edge: float = EDGE

    def find(self, labels: Iterable[str], after: GridCell | None = None) -> GridCell | None:
        wanted = {compact(label) for label in labels}
        start = self.index(after) + 1 if after is not None else 0
        for cell in self.cells[start:]:
            if cell.key in wanted:
                return cell
        return None

    def index(self, cell: GridCell) -> int:
        for i, c in enumerate(self.cells):
            if c is cell:
                return i
        raise ValueError("cell not in grid")

    def right_of(self, cell: GridCell) -> GridCell | None:
        """The cell touching ``cell``'s right edge at its top row."""
        found = self.right_all(cell)
        return found[0] if found else None

    def right_all(self, cell: GridCell) -> list[GridCell]:
        """Every cell touching ``cell``'s right edge (on any of its parts), in reading order."""
        boxes = cell.boxes()
        edge = self.edge
        found = []
        for c in self.cells:
            for page, _, x1, top, bottom in boxes:
                if (
                    c.page == page
                    and abs(c.x0 - x1) <= edge
                    and c.top < bottom - 0.5
                    and c.bottom > top + 0.5
                ):
                    found.append(c)
                    break
        return sorted(found, key=lambda c: (c.page, c.top))

    def under(self, cell: GridCell) -> list[GridCell]:
        """The cells touching ``cell``'s bottom edge, left to right."""
        found = [
            c
            for c in self.cells
            if c.page == cell.page
            and abs(c.top - cell.bottom) <= self.edge
            and c.x_overlap(cell.x0, cell.x1) > 0.5
        ]
        return sorted(found, key=lambda c: c.x0)

    def row_of(self, cell: GridCell, within: Sequence[GridCell] | None = None) -> list[GridCell]:
        """Cells beside ``cell`` in its row (their vertical middle within its span)."""
        pool = self.cells if within is None else within
        return sorted((c for c in pool if c is not cell and cell.covers_row(c)), key=lambda c: c.x0)


def decimal_of(value: object) -> Decimal | None:
    """A spreadsheet number as Decimal, as short as its float prints (``15.0`` → 15)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        if value.is_integer():
            return Decimal(int(value))
        return Decimal(repr(value))
    return None
