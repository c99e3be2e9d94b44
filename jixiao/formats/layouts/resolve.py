"""A layout filled with one form: the grid of cells every renderer draws.

Blocks expand to rows of cells in reading order; cells are then placed the way HTML places
table cells (each takes the next column not covered by a merge from above), and every row must
cover the layout's columns exactly, so a faulty description fails here, not in a renderer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from jixiao.core.money import rate_as_fraction
from jixiao.core.rulesets import RuleSet, default_ruleset_id, load_ruleset
from jixiao.core.serialization import Form
from jixiao.formats.layouts.derived import derive
from jixiao.formats.layouts.model import (
    Block,
    CellSpec,
    GroupSpec,
    Layout,
    RepeatSpec,
    Role,
    RowSpec,
)
from jixiao.formats.layouts.scope import LayoutError, Scope
from jixiao.formats.layouts.text import display, numbered_lines

Part = Literal["above", "head", "body", "below"]


@dataclass
class Cell:
    """A placed cell. ``number`` is the typed value of money, rate (percent) and number cells;
    ``key`` the absolute model path it shows; ``formula`` a template over keys."""

    text: str
    role: Role
    colspan: int = 1
    rowspan: int = 1
    number: Decimal | None = None
    key: str | None = None
    formula: str | None = None
    places: int = 2
    align: str | None = None
    join_above: bool = False
    row: int = -1
    col: int = -1
    spec: CellSpec | None = field(default=None, repr=False)

    @property
    def fraction(self) -> Decimal | None:
        """The value a spreadsheet stores: rates as fractions."""
        if self.number is None:
            return None
        return rate_as_fraction(self.number) if self.role is Role.RATE else self.number


@dataclass
class Row:
    index: int
    part: Part
    section: int  # -1 above and below the table
    cells: list[Cell]
    min_height: float | None = None


@dataclass
class Sheet:
    layout: Layout
    rules: RuleSet
    rows: list[Row]

    @property
    def width(self) -> int:
        return self.layout.width

    def cells(self) -> Iterator[Cell]:
        for row in self.rows:
            yield from row.cells

    def by_key(self) -> dict[str, Cell]:
        return {c.key: c for c in self.cells() if c.key}

    def sections(self) -> list[list[Row]]:
        count = len(self.layout.sections)
        return [[r for r in self.rows if r.section == i] for i in range(count)]


@dataclass
class _Draft:
    cells: list[Cell]
    min_height: float | None = None


def _cell(spec: CellSpec, scope: Scope) -> Cell:
    rules = scope.rules
    places = getattr(rules.rate_precision, spec.precision) if spec.precision else 2
    value: object = None
    key: str | None = None
    formula: str | None = None
    if spec.text is not None:
        value = spec.text
    elif spec.template is not None:
        value = scope.format(spec.template)
    elif spec.choice is not None:
        value = spec.choice.true if scope.get(spec.choice.on) else spec.choice.false
    elif spec.list is not None:
        items = scope.get(spec.list.path) or []
        value = numbered_lines(
            [str(i) for i in items], spec.list.numbering, spec.list.prefix, spec.list.indent
        )
        key = scope.key(spec.list.path)
    elif spec.lines:
        parts = [_cell(line, scope).text for line in spec.lines]
        value = "\n".join(p for p in parts if p)
    if spec.path is not None:
        key = scope.key(spec.path)
        value = scope.get(spec.path)
        if value is None and spec.fallback:
            value = scope.get(spec.fallback)
    if spec.derived is not None:
        target = scope.child(scope.get(spec.on), scope.key(spec.on) or "") if spec.on else scope
        figure = derive(spec.derived, target)
        if figure.value is not None:
            value, formula = figure.value, figure.formula
        if key is None:
            key = f"{target.path}.{spec.derived}" if target.path else spec.derived
    if value is None or value == "":
        value = scope.format(spec.default) if spec.default else None
    text = display(value, spec.role, places)
    number = value if isinstance(value, Decimal) else None
    return Cell(
        text=text,
        role=spec.role,
        colspan=spec.colspan,
        rowspan=spec.rowspan,
        number=number,
        key=key,
        formula=formula,
        places=places,
        align=spec.align,
        join_above=spec.join_above,
        spec=spec,
    )


def _wanted(block: Block, scope: Scope) -> bool:
    if block.when is None:
        return True
    paths = (block.when,) if isinstance(block.when, str) else block.when
    return any(scope.stated(p) for p in paths)


def _expand(blocks: tuple[Block, ...], scope: Scope) -> list[_Draft]:
    rows: list[_Draft] = []
    for block in blocks:
        if not _wanted(block, scope):
            continue
        if isinstance(block, RowSpec):
            rows.append(_Draft([_cell(c, scope) for c in block.cells], block.min_height))
        elif isinstance(block, GroupSpec):
            rows.extend(_group(block, scope))
        else:
            rows.extend(_repeat(block, scope))
    return rows


def _group(block: GroupSpec, scope: Scope) -> list[_Draft]:
    body = _expand(block.body, scope) or [_Draft([])]
    span = len(body)
    lead = [_cell(c, scope) for c in block.lead]
    trail = [_cell(c, scope) for c in block.trail]
    for cell in (*lead, *trail):
        cell.rowspan = span
    body[0].cells = [*lead, *body[0].cells, *trail]
    return body


def _repeat(block: RepeatSpec, scope: Scope) -> list[_Draft]:
    items = scope.get(block.repeat) or []
    if not items:
        return _expand(block.empty, scope)
    base = scope.key(block.repeat)
    per_item: list[tuple[Scope, list[_Draft]]] = []
    for i, item in enumerate(items):
        child = scope.child(item, f"{base}[{i}]")
        per_item.append((child, _expand(block.body, child)))
    _merge_same(per_item)
    return [row for _, rows in per_item for row in rows]


def _merge_same(per_item: list[tuple[Scope, list[_Draft]]]) -> None:
    """Merge a ``merge_same`` cell down over the following items that share its values."""
    open_cells: dict[int, tuple[Cell, tuple[object, ...]]] = {}
    for child, rows in per_item:
        if not rows:
            continue
        kept: list[Cell] = []
        for cell in rows[0].cells:
            spec = cell.spec
            if spec is None or not spec.merge_same:
                kept.append(cell)
                continue
            values = tuple(child.get(p) for p in spec.merge_same)
            current = open_cells.get(id(spec))
            if current is not None and current[1] == values:
                current[0].rowspan += len(rows)
                continue
            cell.rowspan = len(rows)
            open_cells[id(spec)] = (cell, values)
            kept.append(cell)
        rows[0].cells = kept


def _place(drafts: list[_Draft], width: int, start: int, part: Part, section: int) -> list[Row]:
    """Give each cell its row and column, HTML-style, and check the grid is exactly full."""
    covered: dict[int, set[int]] = {}
    rows: list[Row] = []
    for offset, draft in enumerate(drafts):
        r = start + offset
        taken = covered.setdefault(r, set())
        col = 0
        for cell in draft.cells:
            while col in taken:
                col += 1
            if col + cell.colspan > width or cell.rowspan > len(drafts) - offset:
                raise LayoutError(f"cell {cell.text[:20]!r} overflows the grid at row {r}")
            cell.row, cell.col = r, col
            for rr in range(r, r + cell.rowspan):
                covered.setdefault(rr, set()).update(range(col, col + cell.colspan))
            col += cell.colspan
        if len(covered[r]) != width:
            raise LayoutError(f"row {r} covers {len(covered[r])} of {width} columns")
        rows.append(Row(r, part, section, draft.cells, draft.min_height))
    return rows


def resolve(form: Form, layout: Layout, rules: RuleSet | None = None) -> Sheet:
    """Fill ``layout`` with ``form`` (rule set: the form type's default when not given)."""
    if layout.form_type != form.form_type:
        raise LayoutError(f"layout {layout.id} is for {layout.form_type} forms")
    rules = rules or load_ruleset(default_ruleset_id(form.form_type))
    scope = Scope(obj=form, path="", root=form, rules=rules)
    rows: list[Row] = []

    def add(drafts: list[_Draft], part: Part, section: int) -> None:
        rows.extend(_place(drafts, layout.width, len(rows), part, section))

    add(_expand(layout.above, scope), "above", -1)
    for i, section in enumerate(layout.sections):
        add(_expand(section.head, scope), "head", i)
        add(_expand(section.body, scope), "body", i)
    add(_expand(layout.below, scope), "below", -1)
    _justify_long_values(rows, layout.long_value_chars)
    return Sheet(layout=layout, rules=rules, rows=rows)


def _justify_long_values(rows: list[Row], limit: int | None) -> None:
    """A value cell holding a paragraph is justified (a centred paragraph is hard to read);
    short values stay centred as the official forms print them."""
    if limit is None:
        return
    for row in rows:
        for cell in row.cells:
            if cell.role is Role.VALUE and cell.align is None and len(cell.text) > limit:
                cell.align = "justify"
