"""The description of an official print layout, as data.

A layout is read from a JSON file in ``layouts/data``: page set-up, column widths, the lines
printed above and below the table, and the table itself.
The table is a list of sections (a section's head rows repeat on every printed page), each a
list of blocks:

* a **row** (``{"cells": [...]}``), one printed table row;
* a **repeat** (``{"repeat": "tasks", "body": [...]}``), its body once per item of a model list,
  with paths inside the body relative to the item;
* a **group** (``{"lead": [...], "body": [...], "trail": [...]}``): lead and trail cells merged
  down over every row the body produces (a section label over its rows, a task's goal and funds
  over its indicator rows).

A cell shows a fixed ``text``, a ``template`` (``"任务{number}"``), a model ``path`` (typed:
money and rates are formatted by role), a numbered ``list`` or a ``derived`` figure (a value the
core computes and that a spreadsheet keeps as a live formula). Renderers only ever see a layout
resolved against a form (:mod:`.resolve`), so a province's variant is a new JSON file.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Role(StrEnum):
    """How a cell is styled (and, for money and rate, formatted)."""

    TITLE = "title"  # the form's title above the table
    CAPTION = "caption"  # 附件2, 单位：万元, notes: text outside the table
    LABEL = "label"  # a printed label (部门调整预算收入)
    HEADER = "header"  # a column heading (关键指标)
    SECTION = "section"  # a section label down the left edge (部门资金情况)
    VALUE = "value"  # short text filled from the form, centred
    TEXT = "text"  # narrative text filled from the form, left-aligned
    MONEY = "money"  # an amount in 万元, two decimals
    RATE = "rate"  # a percentage, at the rule set's precision
    NUMBER = "number"  # points and scores


class Numbering(StrEnum):
    """How the items of a list are numbered on output (the model stores them bare)."""

    CHINESE = "chinese"  # 一、二、
    ARABIC = "arabic"  # 1、2、
    DOTTED = "dotted"  # 1. 2.


class Choice(_Part):
    """A label that depends on a boolean field (部门名称（汇总） for a consolidated form)."""

    on: str
    true: str
    false: str


class ListSource(_Part):
    """A list field printed one item a line, numbered."""

    path: str
    numbering: Numbering | None = None
    prefix: str = ""  # before the first item (主要绩效：, 注：)
    indent: str = ""  # before every following item, to line up under the first


class CellSpec(_Part):
    text: str | None = None
    template: str | None = None
    path: str | None = None
    choice: Choice | None = None
    list: ListSource | None = None
    lines: tuple[CellSpec, ...] = ()  # several sources in one cell, one per line
    derived: str | None = None  # name in :mod:`.derived`; ``path`` holds the stated value
    on: str | None = None  # the object a derived figure reads (``funds.total``)
    default: str | None = None  # template shown when the source is empty
    fallback: str | None = None  # another path whose value stands in when ``path`` is empty
    colspan: int = Field(1, ge=1)
    rowspan: int = Field(1, ge=1)
    role: Role = Role.VALUE
    align: Literal["left", "center", "right", "justify"] | None = None
    precision: str | None = None  # a field of the rule set's rate_precision
    # Consecutive repeat items whose values at these paths are equal share one merged cell.
    merge_same: tuple[str, ...] = ()
    # Drawn without a top border: it continues the (header) cell above it.
    join_above: bool = False

    @model_validator(mode="after")
    def _one_source(self) -> CellSpec:
        sources = [
            s
            for s in (self.text, self.template, self.path, self.choice, self.list)
            if s is not None
        ]
        if len(sources) + (1 if self.lines else 0) > 1:
            raise ValueError("a cell has one source: text, template, path, choice, list or lines")
        return self


# A block is printed only when the form states one of these paths (``[*]``: any item).
When = str | tuple[str, ...] | None


class RowSpec(_Part):
    cells: tuple[CellSpec, ...]
    min_height: float | None = None  # points
    when: When = None


class RepeatSpec(_Part):
    repeat: str
    when: When = None
    body: tuple[Block, ...]
    # Printed when the list is empty, so the form keeps its shape.
    empty: tuple[Block, ...] = ()


class GroupSpec(_Part):
    when: When = None
    lead: tuple[CellSpec, ...] = ()
    body: tuple[Block, ...]
    trail: tuple[CellSpec, ...] = ()


Block = Annotated[Union[RowSpec, RepeatSpec, GroupSpec], Field(union_mode="left_to_right")]  # noqa: UP007


class Section(_Part):
    """A run of table rows; ``head`` rows are repeated at the top of every printed page the
    section reaches. Merged cells never cross from one section into the next."""

    head: tuple[RowSpec, ...] = ()
    body: tuple[Block, ...] = ()


class Page(_Part):
    size: Literal["A4"] = "A4"
    orientation: Literal["portrait", "landscape"] = "portrait"
    margin_mm: float = 15


class Variant(_Part):
    """Another layout of the same form, used instead when the form states any of ``when``."""

    layout: str
    when: tuple[str, ...]


class Layout(_Part):
    id: str
    version: str
    name: str
    # A key of the core's form-type registry (or of another document kind: the monitoring
    # sheet's layout extends this model).
    form_type: str
    region: str = ""
    page: Page = Page()
    columns_mm: tuple[float, ...]
    font_pt: float = 11
    title_pt: float = 16
    above: tuple[RowSpec, ...] = ()
    sections: tuple[Section, ...]
    below: tuple[RowSpec, ...] = ()
    # Value cells whose text is longer than this are justified: a paragraph centred is hard
    # to read.
    long_value_chars: int | None = 20
    variants: tuple[Variant, ...] = ()
    # Model fields (``tasks[].indicators[].target``) this layout leaves out, with the reason.
    not_printed: dict[str, str] = {}

    @property
    def width(self) -> int:
        return len(self.columns_mm)


RepeatSpec.model_rebuild()
GroupSpec.model_rebuild()
CellSpec.model_rebuild()
