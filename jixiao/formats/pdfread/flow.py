"""Telling a wrapped line from a line break the writer made.

A line wrapped because the next piece of text did not fit: the line's width plus the width of
that piece (one Chinese character with the punctuation that may not start a line, or a Latin
word) is more than the room in the cell. A shorter line ended where the writer broke it. This
needs no knowledge of the program that made the PDF, only the cell's width and its padding,
which is measured from the document itself.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from jixiao.formats.pdfread.layout import TextLine, is_wide

# Characters that cannot start a line (they pull the one before along) or end one.
CLOSING = "，。、；：！？）》」』”’)]}】〕〉%‰…·,.;:!?"
OPENING = "（《「『“‘([{【〔〈"
# Measurement slack in points: glyph boxes are rounded by the PDF producer.
TOLERANCE = 0.6


def first_unit(text: str) -> str:
    """The piece of ``text`` a line break could not have split."""
    i = 0
    while i < len(text) and text[i] in OPENING:
        i += 1
    if i < len(text):
        if is_wide(text[i]) and text[i] not in CLOSING:
            i += 1
        else:
            while i < len(text) and not text[i].isspace() and not is_wide(text[i]):
                i += 1
    while i < len(text) and text[i] in CLOSING:
        i += 1
    return text[: max(i, 1)]


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def joiner(prev: TextLine, nxt: TextLine, room: float, slack: float = 0.0) -> str:
    """How ``nxt`` joins ``prev``: ``""`` (wrapped), ``" "`` (wrapped between Latin words) or
    ``"\\n"`` (a break the writer made). ``slack`` (ems) widens the tolerance for boxes that
    are only approximate (OCR)."""
    if not prev.text or not nxt.text:
        return "\n"
    unit = first_unit(nxt.text)
    edges = nxt.edges[: len(unit)] if nxt.edges else []
    unit_width = edges[-1][1] - edges[0][0] if edges else len(unit) * nxt.em
    latin = _latin(prev.text[-1]) and _latin(nxt.text[0])
    space = 0.25 * prev.em if latin else 0.0
    if prev.width + space + unit_width > room - TOLERANCE - slack * prev.em:
        return " " if latin else ""
    return "\n"


def join_lines(
    lines: Sequence[TextLine], room: float, slack: float = 0.0
) -> tuple[list[str], list[str]]:
    """The lines' texts and, for each line after the first, how it joins the one before."""
    texts = [line.text for line in lines]
    joins = [joiner(a, b, room, slack) for a, b in itertools.pairwise(lines)]
    return texts, joins


def padding(cells: Sequence[tuple[float, Sequence[TextLine]]]) -> float:
    """The cells' inner padding: the smallest distance from a cell's left edge to its text."""
    gaps = [line.x0 - x0 for x0, lines in cells for line in lines]
    return max(0.0, min(gaps, default=0.0))
