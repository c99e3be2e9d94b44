"""Lines of extracted text and the paragraphs (blocks) they form.

The parser works on :class:`Line` objects whatever produced them (``pdftotext``, a PDF text
layer, OCR rows). A blank line marks a vertical gap, which is how extraction separates cells;
a change of page also ends a block.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jixiao.formats.report import SourceLocation


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text: where it was (page, 1-based line number in the source; 0 when not
    known) and what it says, as extracted (indentation and trailing spaces kept)."""

    text: str
    page: int = 1
    lineno: int = 0

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def source(self) -> SourceLocation:
        return SourceLocation(page=self.page, line=self.lineno or None)

    def with_text(self, text: str) -> Line:
        return Line(text, self.page, self.lineno)


def lines_from_text(text: str) -> list[Line]:
    """Split text into lines; a form feed (``pdftotext``'s page break) starts a new page."""
    page = 1
    lines = []
    for lineno, raw in enumerate(text.split("\n"), start=1):
        if "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        lines.append(Line(raw.rstrip("\r"), page, lineno))
    return lines


@dataclass(frozen=True, slots=True)
class Block:
    """Consecutive non-blank lines on one page: one cell, or several narrow neighbours."""

    lines: tuple[Line, ...]

    @property
    def texts(self) -> list[str]:
        return [line.text.strip() for line in self.lines]

    @property
    def first(self) -> Line:
        return self.lines[0]


def blocks_of(lines: Iterable[Line]) -> list[Block]:
    blocks: list[Block] = []
    current: list[Line] = []
    for line in lines:
        if line.blank or (current and line.page != current[-1].page):
            if current:
                blocks.append(Block(tuple(current)))
            current = [] if line.blank else [line]
            continue
        current.append(line)
    if current:
        blocks.append(Block(tuple(current)))
    return blocks


def flatten(blocks: Sequence[Block]) -> list[Line]:
    return [line for block in blocks for line in block.lines]
