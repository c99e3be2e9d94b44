"""Finding a form's sections by their printed labels.

Labels of merged cells come out of extraction broken over lines (``部门资\\n金情况``) or
followed by the cell's text on the same line (``存在问题 部分项目…``); both are recognised.
A label is only taken when it is the whole line (or two lines of one block), or starts the
line followed by a space or a colon, so that the same words inside a sentence are not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from jixiao.formats.textparse.lines import Line
from jixiao.formats.textparse.text import compact


@dataclass(frozen=True, slots=True)
class Anchor:
    key: str
    index: int  # first line of the label
    end: int  # first line after the label
    rest: Line | None  # text after the label on its own line


def find_anchors(
    lines: Sequence[Line],
    labels: Mapping[str, Sequence[str]],
    inline: frozenset[str] = frozenset(),
) -> list[Anchor]:
    """Every section label in ``lines``, first occurrence of each key, in order.

    ``labels`` maps a section key to the label spellings seen on forms; keys in ``inline`` may
    have the section's text following the label on the same line.
    """
    found: dict[str, Anchor] = {}
    spellings = [(key, compact(s)) for key, options in labels.items() for s in options]
    spellings.sort(key=lambda pair: -len(pair[1]))
    for i, line in enumerate(lines):
        if line.blank:
            continue
        here = compact(line.text)
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        for key, label in spellings:
            if key in found:
                continue
            if here == label:
                found[key] = Anchor(key, i, i + 1, None)
                break
            if (
                nxt is not None
                and not nxt.blank
                and nxt.page == line.page
                and len(here) < len(label)
                and here + compact(nxt.text) == label
            ):
                found[key] = Anchor(key, i, i + 2, None)
                break
            if key in inline and here.startswith(label):
                stripped = line.text.strip()
                after = stripped[len(_prefix_of(stripped, label)) :]
                if after[:1] in (" ", "：", ":", "\u3000"):
                    rest = after.lstrip(" ：:\u3000")
                    found[key] = Anchor(key, i, i + 1, line.with_text(rest) if rest else None)
                    break
    return sorted(found.values(), key=lambda a: a.index)


def _prefix_of(text: str, label: str) -> str:
    """The part of ``text`` that spells ``label`` (which has no spaces), spaces included."""
    taken = 0
    for pos, ch in enumerate(text):
        if taken == len(label):
            return text[:pos]
        if not ch.isspace():
            taken += 1
    return text


def section_lines(lines: Sequence[Line], anchors: Sequence[Anchor], key: str) -> list[Line]:
    """The lines of section ``key``: from after its label up to the next label."""
    for pos, anchor in enumerate(anchors):
        if anchor.key != key:
            continue
        end = anchors[pos + 1].index if pos + 1 < len(anchors) else len(lines)
        body = list(lines[anchor.end : end])
        return ([anchor.rest] if anchor.rest else []) + body
    return []
