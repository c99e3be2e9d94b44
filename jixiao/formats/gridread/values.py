"""Reading a cell's value: amounts and rates however they are stored, numbered lists."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.money import quantize, rate_from_fraction
from jixiao.formats.gridread.grid import GridCell, decimal_of
from jixiao.formats.layouts.model import Numbering
from jixiao.formats.layouts.text import number_mark
from jixiao.formats.textparse.amounts import read_amount

_FORMAT_PLACES = re.compile(r"0\.(0+)")


class NeedsRecompute(Exception):
    """A formula cell without a cached value: the reader computes the figure instead."""


def _places(number_format: str) -> int | None:
    if not number_format or number_format == "General":
        return None
    match = _FORMAT_PLACES.search(number_format)
    return len(match.group(1)) if match else 0


def amount(cell: GridCell | None) -> Decimal | None:
    """An amount, or a rate in percent (``98.82`` for 98.82%), from a cell; None when empty or
    not a number. Raises :class:`NeedsRecompute` for a formula with no cached result."""
    if cell is None:
        return None
    if cell.formula is not None:
        raise NeedsRecompute(cell.formula)
    number = decimal_of(cell.value)
    if number is not None:
        places = _places(cell.number_format)
        if "%" in cell.number_format:
            number = rate_from_fraction(number)
        if places is not None:
            return quantize(number, places)
        return number.normalize() if number == number.to_integral_value() else number
    text = cell.text.replace(" ", "").replace("%", "").replace("％", "")
    return read_amount(text)


def plain(cell: GridCell | None) -> str:
    return cell.text if cell is not None else ""


@dataclass
class Item:
    text: str
    piece: int  # index of the visual line the item starts on


_STYLES = (Numbering.CHINESE, Numbering.ARABIC, Numbering.DOTTED)


def numbered_items(
    pieces: list[str], joins: list[str], prefix: str = "", style: Numbering | None = None
) -> list[Item]:
    """Split a list cell into its items. An item starts on a visual line that begins with the
    next number (一、 / 1、 / 1.), so a break the PDF misjudged cannot merge two items; the
    numbers are the printer's, the model stores the items bare."""
    if not pieces:
        return []
    first = pieces[0].lstrip()
    if prefix and first.startswith(prefix):
        first = first[len(prefix) :].lstrip()
    pieces = [first, *pieces[1:]]
    if style is None:
        style = next((s for s in _STYLES if first.startswith(number_mark(1, s))), None)
    if style is None:
        text = _join(pieces, joins)
        return [Item(text, 0)] if text else []
    items: list[tuple[list[str], list[str], int]] = []
    for i, piece in enumerate(pieces):
        stripped = piece.lstrip()
        mark = number_mark(len(items) + 1, style)
        if stripped.startswith(mark) and (i == 0 or items):
            items.append(([stripped[len(mark) :]], [], i))
        elif items:
            items[-1][0].append(piece)
            items[-1][1].append(joins[i - 1])
        else:
            items.append(([piece], [], i))
    return [Item(_join(p, j), start) for p, j, start in items]


def _join(pieces: list[str], joins: list[str]) -> str:
    out = [pieces[0]]
    for join, piece in zip(joins, pieces[1:], strict=False):
        out.append(join)
        out.append(piece)
    return "".join(out).strip()


def logical_lines(pieces: list[str], joins: list[str]) -> list[tuple[str, int]]:
    """The cell's text split at real breaks, each with the visual line it starts on."""
    lines: list[tuple[list[str], list[str], int]] = []
    for i, piece in enumerate(pieces):
        if i == 0 or joins[i - 1] == "\n":
            lines.append(([piece], [], i))
        else:
            lines[-1][0].append(piece)
            lines[-1][1].append(joins[i - 1])
    return [(_join(p, j), start) for p, j, start in lines]
