"""Undoing what text extraction does to a cell's text.

Extraction wraps a cell's text at the cell's width, so a Chinese sentence comes out in pieces
that must be joined with no space; it also puts a space before full-width punctuation
(``环境 ，``). Spaces inside a line are otherwise kept: ``达到 100%`` is how the form prints it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_SPACE_BEFORE_PUNCT = re.compile(r"[ \t\u3000]+(?=[，、。；：！？）》」』”’])")
_SPACES = re.compile(r"[ \t\u00a0]+")
_LATIN_END = re.compile(r"[A-Za-z]$")
_LATIN_START = re.compile(r"^[A-Za-z]")


def compact(text: str) -> str:
    """Text with every space removed, for comparing labels however extraction spaced them."""
    return "".join(text.split())


def clean_line(text: str) -> str:
    """One line without indentation, trailing spaces, repeated spaces or the space extraction
    puts before full-width punctuation."""
    text = _SPACES.sub(" ", text.strip())
    return _SPACE_BEFORE_PUNCT.sub("", text)


def join_wrapped(parts: Iterable[str]) -> str:
    """Join the wrapped pieces of one cell: no space between Chinese pieces, one between two
    Latin words."""
    out = ""
    for part in parts:
        part = clean_line(part)
        if not part:
            continue
        if out and _LATIN_END.search(out) and _LATIN_START.match(part):
            out += " "
        out += part
    return _SPACE_BEFORE_PUNCT.sub("", out)


def display_width(text: str) -> int:
    """Width in half-width columns: a Chinese character or full-width sign counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


TERMINAL_PUNCT = "。；！？;.!?"


def ends_sentence(text: str) -> bool:
    return bool(text) and text[-1] in TERMINAL_PUNCT
