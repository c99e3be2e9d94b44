"""Text laid out for a terminal: display width of Chinese text, wrapping, aligned tables,
colour only on a terminal, and a ``Printer`` for documents with numbered sections.

Shared by ``jixiao show`` and ``jixiao validate``. Colour is applied after layout (see
``Painted``) so escape codes never count towards a column's width.
"""

from __future__ import annotations

import os
import shutil
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import NamedTuple

# Punctuation that must not start a line (避头点).
_NO_LINE_START = set("，。、；：？！）》」』】”’,.;:?!)%")
# …and punctuation that must not end one.
_NO_LINE_END = set("（《「『【“‘(")


def char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def pad(text: str, width: int, align: str = "<") -> str:
    gap = " " * max(0, width - text_width(text))
    return gap + text if align == ">" else text + gap


def _is_word_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in ".%-+/")


def _carry(line: list[str], char: str) -> list[str]:
    """What moves from the end of a full line to the next one so that ``char`` does not open
    it with punctuation and a number like ``169`` is not cut in two."""
    if line[-1] in _NO_LINE_END:
        start = len(line) - 1
    elif char in _NO_LINE_START:
        start = len(line) - 1  # the last character moves with the punctuation
    elif _is_word_char(char):
        start = len(line)
    else:
        return []
    while start > 0 and _is_word_char(line[start - 1]):
        start -= 1
    moved = line[start:]
    return moved if 0 < len(moved) < len(line) else []


def wrap(text: str, width: int) -> list[str]:
    """Break text into lines of at most ``width`` columns, keeping closing punctuation off the
    start of a line and ASCII numbers whole; existing line breaks are kept."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line: list[str] = []
        used = 0
        for char in paragraph:
            w = char_width(char)
            if used + w > width and line:
                carried = _carry(line, char)
                if text_width("".join(carried)) + w > width:
                    carried = []  # a run too long to move is cut where it is
                if carried:
                    del line[len(line) - len(carried) :]
                lines.append("".join(line))
                line, used = carried, text_width("".join(carried))
            line.append(char)
            used += w
        lines.append("".join(line))
    return lines


def terminal_width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 140))


class Painted(NamedTuple):
    """A table cell coloured by ``paint`` after it has been wrapped and padded."""

    text: str
    paint: Callable[[str], str]


Cell = str | Painted


class Style:
    """ANSI colour, only when writing to a terminal and NO_COLOR is not set."""

    def __init__(self, enabled: bool | None = None) -> None:
        if enabled is None:
            enabled = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        self.enabled = enabled

    def _wrap(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.enabled and text else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def red(self, text: str) -> str:
        return self._wrap("31", text)

    def yellow(self, text: str) -> str:
        return self._wrap("33", text)

    def green(self, text: str) -> str:
        return self._wrap("32", text)

    def mark(self, agrees: bool | None) -> Painted:
        """✓ in green or ✗ in red; nothing when there was nothing to compare."""
        if agrees is None:
            return Painted("", str)
        return Painted("✓", self.green) if agrees else Painted("✗", self.red)


def _pad_cell(text: str, width: int, align: str, paint: Callable[[str], str] | None) -> str:
    if paint is None:
        return pad(text, width, align)
    gap = " " * max(0, width - text_width(text))
    return gap + paint(text) if align == ">" else paint(text) + gap


def table(
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[int],
    *,
    indent: str = "",
    align: Sequence[str] | None = None,
) -> list[str]:
    """Rows of cells wrapped to their column widths; a cell may span several lines. A width of
    0 lets the column take what is left of the terminal."""
    widths = list(widths)
    if 0 in widths:
        fixed = sum(widths) + 2 * (len(widths) - 1) + len(indent)
        widths[widths.index(0)] = max(16, terminal_width() - fixed)
    align = align or ["<"] * len(widths)
    out: list[str] = []
    for row in rows:
        texts = [cell.text if isinstance(cell, Painted) else cell for cell in row]
        paints = [cell.paint if isinstance(cell, Painted) else None for cell in row]
        cells = [wrap(text, width) for text, width in zip(texts, widths, strict=True)]
        height = max(len(c) for c in cells)
        for k in range(height):
            parts = [
                _pad_cell(cell[k] if k < len(cell) else "", width, a, paint)
                for cell, width, a, paint in zip(cells, widths, align, paints, strict=True)
            ]
            out.append((indent + "  ".join(parts)).rstrip())
    return out


# --- documents -------------------------------------------------------------------------------

_NUMBERS = "一二三四五六七八九十"


def ordinal(i: int) -> str:
    """一, 二, … for the ``i``-th (from 0) section or goal; digits past ten."""
    return _NUMBERS[i] if i < len(_NUMBERS) else str(i + 1)


def centre(text: str, width: int) -> str:
    return " " * max(0, (width - text_width(text)) // 2) + text


class Printer:
    """Collects lines; headings, labelled paragraphs and tables share one layout."""

    def __init__(self, style: Style) -> None:
        self.style = style
        self.lines: list[str] = []
        self.width = terminal_width()
        self._section = 0

    def out(self, line: str = "") -> None:
        self.lines.append(line)

    def title(self, text: str) -> None:
        for line in wrap(text, self.width):
            self.out(self.style.bold(centre(line, self.width)))

    def section(self, text: str) -> None:
        """A numbered heading: 一、…, 二、…"""
        self.out()
        self.out(self.style.bold(f"{ordinal(self._section)}、{text}"))
        self._section += 1

    def field(self, label: str, value: str, indent: str = "  ") -> None:
        """``label：value`` with the value wrapped under itself."""
        head = f"{indent}{label}："
        body_width = max(20, self.width - text_width(head))
        lines = wrap(value.strip() or "（未填写）", body_width)
        self.out(head + lines[0])
        for line in lines[1:]:
            self.out(" " * text_width(head) + line)

    def paragraph(self, text: str, indent: str = "    ", marker: str = "") -> None:
        """Wrapped text; a list ``marker`` (``1. ``) hangs, the lines after it align."""
        hang = " " * text_width(marker)
        lines = wrap(text.strip() or "（未填写）", self.width - len(indent) - len(hang))
        for k, line in enumerate(lines):
            self.out(indent + (marker if k == 0 else hang) + line)

    def grid(
        self,
        rows: Sequence[Sequence[Cell]],
        widths: list[int],
        align: str = "",
        indent: str = "  ",
        head: list[str] | None = None,
    ) -> None:
        """An aligned table (see ``table``), its optional heading row dimmed."""
        align = align or "<" * len(widths)
        if head:
            self.out(self.style.dim(table([head], widths, indent=indent, align=align)[0]))
        self.lines.extend(table(rows, widths, indent=indent, align=align))
