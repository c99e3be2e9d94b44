"""Which model fields a layout prints, so that no field of a form is lost on export.

Fields are named by their path through the model with ``[]`` for list items
(``tasks[].indicators[].target``). A layout covers a field when one of its cells prints it,
when one of its variants prints it and is chosen whenever the field is stated, or when the
layout lists it in ``not_printed`` with a reason.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator

from pydantic import BaseModel

from jixiao.core.formtypes import FORM_TYPES
from jixiao.formats.layouts.model import Block, CellSpec, GroupSpec, Layout, RepeatSpec, RowSpec

FORM_MODELS: dict[str, type[BaseModel]] = {key: entry.model for key, entry in FORM_TYPES.items()}

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def _inner_model(annotation: object) -> tuple[type[BaseModel] | None, bool]:
    """The model class inside a field's annotation, and whether it is a list of them."""
    origin = typing.get_origin(annotation)
    if origin is list:
        (item,) = typing.get_args(annotation)
        model, _ = _inner_model(item)
        return model, True
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            model, many = _inner_model(arg)
            if model is not None:
                return model, many
        return None, False
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


def model_fields(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    """Every leaf field of ``model``: values and lists of plain values, not sub-models."""
    for name, info in model.model_fields.items():
        inner, many = _inner_model(info.annotation)
        path = f"{prefix}{name}"
        if inner is None:
            yield path
        else:
            yield from model_fields(inner, f"{path}[]." if many else f"{path}.")


def _normal(path: str, prefix: str) -> str | None:
    if path.startswith("$rules."):
        return None
    if path.startswith("$."):
        return path[2:]
    return prefix + path


def _cell_paths(cell: CellSpec, prefix: str) -> Iterator[str | None]:
    yield from (_normal(p, prefix) for p in (cell.path, cell.fallback) if p)
    if cell.choice is not None:
        yield _normal(cell.choice.on, prefix)
    if cell.list is not None:
        yield _normal(cell.list.path, prefix)
    for template in (cell.template, cell.default):
        if template:
            yield from (_normal(m, prefix) for m in _PLACEHOLDER.findall(template))
    for line in cell.lines:
        yield from _cell_paths(line, prefix)


def _block_paths(block: Block, prefix: str) -> Iterator[str | None]:
    if isinstance(block, RowSpec):
        for cell in block.cells:
            yield from _cell_paths(cell, prefix)
    elif isinstance(block, GroupSpec):
        for cell in (*block.lead, *block.trail):
            yield from _cell_paths(cell, prefix)
        for inner in block.body:
            yield from _block_paths(inner, prefix)
    elif isinstance(block, RepeatSpec):
        item = f"{_normal(block.repeat, prefix)}[]."
        for inner in block.body:
            yield from _block_paths(inner, item)
        for inner in block.empty:
            yield from _block_paths(inner, prefix)


def printed_fields(layout: Layout) -> set[str]:
    """The model paths some cell of ``layout`` prints (on a form that states them)."""
    blocks: list[Block] = [*layout.above, *layout.below]
    for section in layout.sections:
        blocks += [*section.head, *section.body]
    return {p for block in blocks for p in _block_paths(block, "") if p}


def _field(when: str) -> str:
    return when.replace("[*]", "[]")


def coverage_gaps(layout: Layout, load: typing.Callable[[str], Layout]) -> list[str]:
    """The fields of the layout's form model that it neither prints, nor leaves to a variant
    chosen when they are stated, nor lists as not printed. ``load`` reads a variant by id."""
    printed = printed_fields(layout)
    for variant in layout.variants:
        other = printed_fields(load(variant.layout))
        printed |= {_field(w) for w in variant.when} & other
    model = FORM_MODELS[layout.form_type]
    return [f for f in model_fields(model) if f not in printed and f not in layout.not_printed]
