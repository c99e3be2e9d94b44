"""A page as the readers see it: table cells (found from the ruling lines) and the text lines
outside any table, each holding the characters that fall inside it, in visual lines.

Cells come from the rules alone: the distinct x of vertical rules and y of horizontal rules
make a grid of elementary cells, and two neighbours belong to one (merged) cell when no rule
separates them. A merged cell that a page break cuts has no bottom rule on its page: it simply
runs to the table's last rule there.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import operator
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jixiao.formats.pdfread.document import Char, Segment

SNAP = 2.0  # points: rules this close are one rule
# A gap wider than this share of the font size between two characters is a space.
SPACE_GAP = 0.2


@dataclass
class TextLine:
    """One visual line: its characters' text (spaces restored from gaps) and its box."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    em: float
    page: int
    # Left and right edge of each character of ``text`` (a restored space spans its gap).
    edges: list[tuple[float, float]] = field(default_factory=list, repr=False)
    number: int = 0  # 1-based line number on its page, top to bottom
    confidence: float = 1.0  # below 1 for text read by OCR

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass
class TextCell:
    """A table cell: its box and its visual lines, top to bottom."""

    page: int
    table: int
    x0: float
    x1: float
    top: float
    bottom: float
    lines: list[TextLine] = field(default_factory=list)
    # No rule closes the cell there: a page break cut it and it goes on over the page.
    open_bottom: bool = False
    open_top: bool = False

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass
class PageLayout:
    number: int
    width: float
    height: float
    cells: list[TextCell]  # reading order: top to bottom, left to right
    free: list[TextLine]  # text outside every table, top to bottom
    char_count: int

    @property
    def tables_box(self) -> tuple[float, float] | None:
        """Left and right edge of the page's tables (the text area of the form)."""
        if not self.cells:
            return None
        return min(c.x0 for c in self.cells), max(c.x1 for c in self.cells)


def _cluster(values: Iterable[float]) -> list[float]:
    """Sorted values with those closer than :data:`SNAP` merged (their mean)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= SNAP:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(group) / len(group) for group in out]


def _snap(value: float, anchors: Sequence[float]) -> float:
    """The anchor nearest ``value`` (the lower one of two as near)."""
    i = bisect.bisect_left(anchors, value)
    if i == 0:
        return anchors[0]
    if i == len(anchors):
        return anchors[-1]
    below, above = anchors[i - 1], anchors[i]
    return below if abs(below - value) <= abs(above - value) else above


@dataclass
class _Rules:
    """Merged rules of one table: horizontal by y, vertical by x, as covered intervals."""

    ys: list[float]
    xs: list[float]
    h: dict[float, list[tuple[float, float]]]
    v: dict[float, list[tuple[float, float]]]

    def h_covers(self, y: float, x: float) -> bool:
        return _covers(self.h.get(y, ()), x)

    def v_covers(self, x: float, y: float) -> bool:
        return _covers(self.v.get(x, ()), y)


def _covers(spans: Iterable[tuple[float, float]], at: float) -> bool:
    # A loop, not any(): called for every elementary cell, where a generator costs more.
    for a, b in spans:  # noqa: SIM110
        if a - SNAP <= at <= b + SNAP:
            return True
    return False


def _merge_intervals(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + SNAP:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _merged(segments: Sequence[Segment]) -> tuple[list[Segment], list[Segment]]:
    """Collinear rules that touch or overlap joined into one: horizontal, then vertical."""
    ys = _cluster(s.top for s in segments if s.top == s.bottom)
    xs = _cluster(s.x0 for s in segments if s.top != s.bottom)
    h_spans: dict[float, list[tuple[float, float]]] = {}
    v_spans: dict[float, list[tuple[float, float]]] = {}
    # Many rules share a y (or an x): each distinct one is snapped once.
    y_at: dict[float, float] = {}
    x_at: dict[float, float] = {}
    for s in segments:
        if s.top == s.bottom:
            y = y_at.get(s.top)
            if y is None:
                y = y_at[s.top] = _snap(s.top, ys)
            h_spans.setdefault(y, []).append((s.x0, s.x1))
        else:
            x = x_at.get(s.x0)
            if x is None:
                x = x_at[s.x0] = _snap(s.x0, xs)
            v_spans.setdefault(x, []).append((s.top, s.bottom))
    from jixiao.formats.pdfread.document import Segment as _Segment

    h = [_Segment(a, y, b, y) for y, spans in h_spans.items() for a, b in _merge_intervals(spans)]
    v = [_Segment(x, a, x, b) for x, spans in v_spans.items() for a, b in _merge_intervals(spans)]
    return h, v


def _tables(segments: Sequence[Segment]) -> list[_Rules]:
    """Group rules into tables (rules that cross or touch, directly or through others)."""
    h, v = _merged(segments)
    if len(h) < 2 or len(v) < 2:
        return []
    parent = list(range(len(h) + len(v)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(h):
        for j, b in enumerate(v):
            if a.x0 - SNAP <= b.x0 <= a.x1 + SNAP and b.top - SNAP <= a.top <= b.bottom + SNAP:
                parent[find(i)] = find(len(h) + j)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, seg in enumerate(h):
        groups.setdefault(find(i), ([], []))[0].append(seg)
    for j, seg in enumerate(v):
        groups.setdefault(find(len(h) + j), ([], []))[1].append(seg)
    tables = []
    for hs, vs in groups.values():
        if len(hs) < 2 or len(vs) < 2:
            continue
        h_rules: dict[float, list[tuple[float, float]]] = {}
        for s in hs:
            h_rules.setdefault(s.top, []).append((s.x0, s.x1))
        v_rules: dict[float, list[tuple[float, float]]] = {}
        for s in vs:
            v_rules.setdefault(s.x0, []).append((s.top, s.bottom))
        ys, xs = sorted(h_rules), sorted(v_rules)
        # A row cut by a page break has no rule on its open side; the vertical (horizontal)
        # rules still reach the edge, which closes the table there.
        top, bottom = min(s.top for s in vs), max(s.bottom for s in vs)
        left, right = min(s.x0 for s in hs), max(s.x1 for s in hs)
        if top < ys[0] - SNAP:
            ys.insert(0, top)
        if bottom > ys[-1] + SNAP:
            ys.append(bottom)
        if left < xs[0] - SNAP:
            xs.insert(0, left)
        if right > xs[-1] + SNAP:
            xs.append(right)
        tables.append(_Rules(ys, xs, h_rules, v_rules))
    tables.sort(key=lambda t: (t.ys[0], t.xs[0]))
    return tables


def _cells(rules: _Rules) -> tuple[list[tuple[float, float, float, float]], list[list[int]]]:
    """Merged cells as boxes, and the cell index of every elementary cell."""
    ys, xs = rules.ys, rules.xs
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        ymid = (ys[r] + ys[r + 1]) / 2
        for c in range(cols):
            xmid = (xs[c] + xs[c + 1]) / 2
            if c + 1 < cols and not rules.v_covers(xs[c + 1], ymid):
                parent[find(r * cols + c)] = find(r * cols + c + 1)
            if r + 1 < rows and not rules.h_covers(ys[r + 1], xmid):
                parent[find(r * cols + c)] = find((r + 1) * cols + c)
    boxes: dict[int, list[float]] = {}
    order: dict[int, int] = {}
    index = [[0] * cols for _ in range(rows)]
    for r in range(rows):
        for c in range(cols):
            root = find(r * cols + c)
            if root not in boxes:
                order[root] = len(boxes)
                boxes[root] = [xs[c], ys[r], xs[c + 1], ys[r + 1]]
                index[r][c] = order[root]
                continue
            # Comparisons rather than min()/max() calls: this runs for every elementary cell.
            box = boxes[root]
            if xs[c] < box[0]:
                box[0] = xs[c]
            if ys[r] < box[1]:
                box[1] = ys[r]
            if xs[c + 1] > box[2]:
                box[2] = xs[c + 1]
            if ys[r + 1] > box[3]:
                box[3] = ys[r + 1]
            index[r][c] = order[root]
    out = [(b[0], b[1], b[2], b[3]) for b in boxes.values()]
    return out, index


def _open_sides(rules: _Rules, box: tuple[float, float, float, float]) -> tuple[bool, bool]:
    x0, top, x1, bottom = box
    xmid = (x0 + x1) / 2
    return not rules.h_covers(top, xmid), not rules.h_covers(bottom, xmid)


@functools.cache
def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def visual_lines(chars: Sequence[Char], page: int) -> list[TextLine]:
    """Characters grouped into lines (by their vertical middle), left to right, with a space
    wherever the gap between two characters is wider than a fifth of the font size."""
    if not chars:
        return []
    # Written for speed (it sees every character of a PDF): middles computed once and
    # sorted through a C-level key; a cell of one line (one middle) needs no grouping.
    middles = [(ch.top + ch.bottom) / 2 for ch in chars]
    if middles.count(middles[0]) == len(middles):
        return [_line(list(chars), page)]
    groups: list[list[Char]] = []
    group: list[Char] = []
    middle = 0.0
    for i in sorted(range(len(chars)), key=middles.__getitem__):
        ch, mid = chars[i], middles[i]
        if group and mid - middle <= (ch.bottom - ch.top) * 0.4:
            group.append(ch)
        else:
            group = [ch]
            groups.append(group)
            middle = mid
    return [_line(group, page) for group in groups]


_TEXT = operator.attrgetter("text")
_X0 = operator.attrgetter("x0")
_X1 = operator.attrgetter("x1")
_TOP = operator.attrgetter("top")
_BOTTOM = operator.attrgetter("bottom")
_CONFIDENCE = operator.attrgetter("confidence")


def _line(group: list[Char], page: int) -> TextLine:
    group.sort(key=_X0)
    # Columns of the characters' values, so that most of the work is done by C-level
    # map/zip; only the gaps wide enough for a space are visited one by one.
    x0s = list(map(_X0, group))
    x1s = list(map(_X1, group))
    texts = list(map(_TEXT, group))
    em = _em(x0s, x1s, texts, group)
    edges = list(zip(x0s, x1s, strict=True))
    limit = em * SPACE_GAP
    gaps = list(
        itertools.compress(itertools.count(), map(limit.__lt__, map(operator.sub, x0s[1:], x1s)))
    )
    for k in reversed(gaps):  # a space between character k and k + 1
        texts.insert(k + 1, " ")
        edges.insert(k + 1, (x1s[k], x0s[k + 1]))
    return TextLine(
        "".join(texts),
        x0s[0],
        max(x1s),
        min(map(_TOP, group)),
        max(map(_BOTTOM, group)),
        em,
        page,
        edges,
        confidence=min(map(_CONFIDENCE, group)),
    )


def _em(x0s: list[float], x1s: list[float], texts: list[str], chars: Sequence[Char]) -> float:
    wide = list(itertools.compress(map(operator.sub, x1s, x0s), map(is_wide, texts)))
    if wide:
        return _median(wide)
    return _median(list(map(operator.sub, map(_BOTTOM, chars), map(_TOP, chars)))) / 1.35


def _median(values: list[float]) -> float:
    """``statistics.median`` of a non-empty list, the same value without its generality
    (called for every visual line)."""
    values.sort()
    half = len(values) // 2
    if len(values) % 2:
        return values[half]
    return (values[half - 1] + values[half]) / 2


def layout_page(
    number: int, width: float, height: float, chars: list[Char], segments: list[Segment]
) -> PageLayout:
    tables = _tables(segments)
    cell_chars: list[list[list[Char]]] = []
    cell_boxes: list[list[tuple[float, float, float, float]]] = []
    # Rules are looked up by their exact y; the box edges come from the same values.
    indexes: list[list[list[int]]] = []
    for rules in tables:
        boxes, index = _cells(rules)
        cell_boxes.append(boxes)
        indexes.append(index)
        cell_chars.append([[] for _ in boxes])
    free: list[Char] = []
    # Every character of the page passes here: each table's bounds are read once, and its
    # elementary cells map straight to their merged cell's characters. The map has one row
    # and one column more, repeating the last, for a character on the table's far edge.
    found = []
    for rules, index, buckets in zip(tables, indexes, cell_chars, strict=True):
        rows = [[buckets[k] for k in (*row, row[-1])] for row in index]
        found.append(
            (
                rules.xs[0],
                rules.xs[-1],
                rules.ys[0],
                rules.ys[-1],
                rules.xs,
                rules.ys,
                [*rows, rows[-1]],
            )
        )
    right_of = bisect.bisect_right
    # The elementary cell of the first table that the last character went to: the next one
    # is most often beside it (the same line of the same cell), found by four comparisons.
    x_low = x_high = y_low = y_high = math.nan
    last: list[Char] = free
    for ch in chars:
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        if x_low <= cx < x_high and y_low <= cy < y_high:
            last.append(ch)
            continue
        for t, (left, right, top, bottom, xs, ys, at) in enumerate(found):
            if left <= cx <= right and top <= cy <= bottom:
                r, c = right_of(ys, cy) - 1, right_of(xs, cx) - 1
                bucket = at[r][c]
                bucket.append(ch)
                if t == 0 and r < len(ys) - 1 and c < len(xs) - 1:
                    x_low, x_high, y_low, y_high = xs[c], xs[c + 1], ys[r], ys[r + 1]
                    last = bucket
                break
        else:
            free.append(ch)
    cells = []
    for t, boxes in enumerate(cell_boxes):
        for box, inside in zip(boxes, cell_chars[t], strict=True):
            x0, top, x1, bottom = box
            open_top, open_bottom = _open_sides(tables[t], box)
            cells.append(
                TextCell(
                    number,
                    t,
                    x0,
                    x1,
                    top,
                    bottom,
                    visual_lines(inside, number),
                    open_bottom=open_bottom,
                    open_top=open_top,
                )
            )
    cells.sort(key=lambda c: (c.table, round(c.top, 1), c.x0))
    free_lines = visual_lines(free, number)
    every = [line for cell in cells for line in cell.lines] + free_lines
    every.sort(key=lambda line: (round(line.top, 1), line.x0))
    for n, line in enumerate(every, start=1):
        line.number = n
    return PageLayout(number, width, height, cells, free_lines, len(chars))
