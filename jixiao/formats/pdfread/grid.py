"""Pages of a PDF as one :class:`~jixiao.formats.gridread.Grid`.

A cell a page break cut (no rule under it at the bottom of its page) goes on in the same
column at the top of the next page, under the headings the table repeats there: the two parts
are one cell, so a task's goal, a merged 一级指标 or a very long name read as one value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jixiao.formats.gridread.grid import Grid, GridCell
from jixiao.formats.pdfread.flow import join_lines, joiner, padding
from jixiao.formats.pdfread.layout import PageLayout, TextCell, TextLine
from jixiao.formats.report import SourceLocation
from jixiao.formats.textparse.lines import Line
from jixiao.formats.textparse.text import compact

PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
TITLE_WORD = "绩效自评表"


def _rows(cells: Sequence[TextCell]) -> list[list[TextCell]]:
    rows: dict[float, list[TextCell]] = {}
    for cell in cells:
        rows.setdefault(round(cell.top), []).append(cell)
    return [sorted(rows[k], key=lambda c: c.x0) for k in sorted(rows)]


def _key(cell: TextCell) -> str:
    return compact("".join(line.text for line in cell.lines))


def _continuations(pages: Sequence[PageLayout]) -> dict[int, TextCell]:
    """For each cell that goes on from an earlier page: id(part) → the cell it continues."""
    out: dict[int, TextCell] = {}
    seen_rows: set[tuple[str, ...]] = set()
    pending: list[TextCell] = []  # cells cut at the bottom of a page, waiting for the rest
    for page in pages:
        if pending and page.cells:
            first = [c for c in page.cells if c.table == 0]
            rows = _rows(first)
            while rows and tuple(_key(c) for c in rows[0]) in seen_rows:
                rows.pop(0)
            body = [c for c in rows[0]] if rows else []
            matched: set[int] = set()
            for part in body:
                for cell in pending:
                    if _same_column(cell, part):
                        out[id(part)] = cell
                        matched.add(id(cell))
                        break
            # A cut cell whose column this page does not reach may go on further down.
            pending = [
                c
                for c in pending
                if id(c) not in matched and not any(_same_column(c, x) for x in first)
            ]
        for row in _rows(page.cells):
            keys = tuple(_key(c) for c in row)
            if any(keys):
                seen_rows.add(keys)
        if page.cells:
            last_table = max(c.table for c in page.cells)
            bottom = max(c.bottom for c in page.cells if c.table == last_table)
            pending += [
                c
                for c in page.cells
                if c.table == last_table and c.open_bottom and abs(c.bottom - bottom) < 1.0
            ]
    return out


def _same_column(a: TextCell, b: TextCell) -> bool:
    overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
    return overlap > 0.8 * (a.x1 - a.x0) and overlap > 0.8 * (b.x1 - b.x0)


def _band_lines(line: TextLine, bands: Sequence[tuple[float, float]]) -> list[tuple[int, TextLine]]:
    """A line of free text cut where it crosses from one column band into the next."""
    pieces: list[tuple[int, list[int]]] = []
    for i, (x0, x1) in enumerate(line.edges or [(line.x0, line.x1)] * len(line.text)):
        middle = (x0 + x1) / 2
        band = next((b for b, (a, z) in enumerate(bands) if a <= middle <= z), -1)
        if pieces and pieces[-1][0] == band:
            pieces[-1][1].append(i)
        else:
            pieces.append((band, [i]))
    out = []
    for band, indexes in pieces:
        while indexes and line.text[indexes[0]] == " ":
            indexes = indexes[1:]
        while indexes and line.text[indexes[-1]] == " ":
            indexes = indexes[:-1]
        if not indexes:
            continue
        edges = [line.edges[i] for i in indexes] if line.edges else []
        out.append(
            (
                band,
                TextLine(
                    "".join(line.text[i] for i in indexes),
                    edges[0][0] if edges else line.x0,
                    edges[-1][1] if edges else line.x1,
                    line.top,
                    line.bottom,
                    line.em,
                    line.page,
                    edges,
                    line.number,
                    line.confidence,
                ),
            )
        )
    return out


def _fill_bare_pages(pages: Sequence[PageLayout]) -> None:
    """A page inside a table that the PDF drew with no rules at all (a row taller than a page
    can come out so): its text is put in cells under the columns of the page before."""
    previous: PageLayout | None = None
    for index, page in enumerate(pages):
        later = any(p.cells for p in pages[index + 1 :])
        if page.cells or previous is None or not later:
            if page.cells:
                previous = page
            continue
        last_table = max(c.table for c in previous.cells)
        bottom = max(c.bottom for c in previous.cells if c.table == last_table)
        bands = sorted(
            {
                (c.x0, c.x1)
                for c in previous.cells
                if c.table == last_table and c.bottom >= bottom - 1
            }
        )
        body = [line for line in page.free if not PAGE_NUMBER.match(line.text)]
        if not body or not bands:
            continue
        split = [part for line in body for part in _band_lines(line, bands)]
        top, low = min(ln.top for ln in body), max(ln.bottom for ln in body)
        for band, (x0, x1) in enumerate(bands):
            lines = [ln for b, ln in split if b == band]
            page.cells.append(
                TextCell(page.number, 0, x0, x1, top, low, lines, open_bottom=True, open_top=True)
            )
        page.free = [line for line in page.free if PAGE_NUMBER.match(line.text)]


def _root(cell: TextCell, parents: dict[int, TextCell]) -> TextCell:
    while id(cell) in parents:
        cell = parents[id(cell)]
    return cell


def _source(lines: Sequence[TextLine], page: int) -> SourceLocation:
    if lines:
        return SourceLocation(page=lines[0].page, line=lines[0].number or None)
    return SourceLocation(page=page)


def pages_to_grid(pages: Sequence[PageLayout], slack: float = 0.0) -> Grid:
    """``slack``: extra tolerance, in ems, when telling wrapped lines (OCR boxes are tight)."""
    pad = padding([(c.x0, c.lines) for p in pages for c in p.cells])
    _fill_bare_pages(pages)
    parents = _continuations(pages)
    parts: dict[int, list[TextCell]] = {}
    roots: list[TextCell] = []
    for page in pages:
        for cell in page.cells:
            root = _root(cell, parents)
            if root is cell:
                roots.append(cell)
                parts[id(cell)] = [cell]
            else:
                parts[id(root)].append(cell)
    cells = []
    for root in roots:
        room = root.width - 2 * pad
        pieces: list[str] = []
        joins: list[str] = []
        last: TextLine | None = None
        for part in parts[id(root)]:
            texts, inner = join_lines(part.lines, room, slack)
            if not texts:
                continue
            if last is not None:
                joins.append(joiner(last, part.lines[0], room, slack))
            pieces += texts
            joins += inner
            last = part.lines[-1]
        lines = [line for part in parts[id(root)] for line in part.lines]
        cells.append(
            GridCell(
                parts=[(p.page, p.x0, p.x1, p.top, p.bottom) for p in parts[id(root)][1:]],
                page=root.page,
                x0=root.x0,
                x1=root.x1,
                top=root.top,
                bottom=root.bottom,
                pieces=pieces,
                joins=joins,
                source=_source(lines, root.page),
                confidence=min((line.confidence for line in lines), default=1.0),
            )
        )
    above, below = _outside(pages)
    return Grid(cells=cells, above=above, below=below, page_count=len(pages))


def _free_cell(lines: list[TextLine], room: float) -> GridCell:
    texts, joins = join_lines(lines, room)
    cell = GridCell(
        page=lines[0].page,
        x0=min(line.x0 for line in lines),
        x1=max(line.x1 for line in lines),
        top=lines[0].top,
        bottom=lines[-1].bottom,
        pieces=texts,
        joins=joins,
        source=_source(lines, lines[0].page),
        confidence=min(line.confidence for line in lines),
    )
    cell.extra["sources"] = [(line.page, line.number) for line in lines]
    return cell


def _free_room(pages: Sequence[PageLayout]) -> float:
    """The width free text wraps at. The page's text area is not the table's (a table may
    overflow it), so it is measured from the free text itself: its leftmost start and its
    rightmost end (a right-aligned caption or a wrapped line reaches the edge)."""
    lines = [ln for p in pages for ln in p.free if not PAGE_NUMBER.match(ln.text)]
    boxes = [p.tables_box for p in pages if p.tables_box]
    table = max((b[1] - b[0] for b in boxes), default=0.0)
    if not lines:
        return table
    return max(max(ln.x1 for ln in lines) - min(ln.x0 for ln in lines), 0.9 * table)


def _outside(pages: Sequence[PageLayout]) -> tuple[list[GridCell], list[GridCell]]:
    """The text above the first table and below the last one, page numbers left out."""
    with_cells = [p for p in pages if p.cells]
    if not with_cells:
        return [], []
    first, last = with_cells[0], with_cells[-1]
    room = _free_room(pages)
    top = min(c.top for c in first.cells)
    bottom = max(c.bottom for c in last.cells)
    above: list[TextLine] = []
    below: list[TextLine] = []
    for page in pages:
        for line in page.free:
            if PAGE_NUMBER.match(line.text):
                continue
            if page.number < first.number or (page is first and line.bottom <= top + 1):
                above.append(line)
            elif page.number > last.number or (page is last and line.top >= bottom - 1):
                below.append(line)
    return (
        [_free_cell(above, room)] if above else [],
        [_free_cell(below, room)] if below else [],
    )


def split_forms(pages: Sequence[PageLayout]) -> list[list[PageLayout]]:
    """Pages grouped by form: a page whose text above its table carries a form's title
    starts a new form (a department publishes its overall form and project forms together)."""
    groups: list[list[PageLayout]] = []
    for page in pages:
        top = min((c.top for c in page.cells), default=page.height)
        titled = any(
            TITLE_WORD in compact(line.text) or compact(line.text).endswith("自评表")
            for line in page.free
            if line.bottom <= top + 1
        )
        if titled or not groups:
            groups.append([page])
        else:
            groups[-1].append(page)
    return groups


def text_lines(pages: Sequence[PageLayout]) -> list[Line]:
    """Every visual line in reading order, with a blank line wherever a vertical gap or a cell
    edge separates two blocks, as ``pdftotext`` writes a page: for the text parser."""
    out: list[Line] = []
    for page in pages:
        blocks: list[list[TextLine]] = [cell.lines for cell in page.cells if cell.lines]
        blocks += [[line] for line in page.free]
        blocks.sort(key=lambda b: (round(b[0].top), b[0].x0))
        for block in blocks:
            for line in block:
                out.append(Line(line.text, page.number, line.number))
            out.append(Line("", page.number, 0))
    return out
