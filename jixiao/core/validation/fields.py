"""Rules every form type shares, about single fields: a text longer than its printed cell holds
(``text_limits.py``) and an amount with more decimals than the form prints.

Both walk the form by its model, so a field added to a model is covered by what its type is.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from jixiao.core.model.types import AmountMark
from jixiao.core.money import MONEY_PLACES, money_text, places_of
from jixiao.core.rulesets import RuleSet
from jixiao.core.text_limits import TextLimit, text_length
from jixiao.core.validation.findings import Finding, error


def _parts(annotation: Any) -> Iterator[Any]:
    """The annotation and everything nested in it (``X | None``, ``Annotated``, ``list[X]``)."""
    yield annotation
    for arg in typing.get_args(annotation):
        yield from _parts(arg)
    metadata = getattr(annotation, "__metadata__", ())
    yield from metadata


def is_amount(annotation: Any) -> bool:
    return any(isinstance(part, AmountMark) for part in _parts(annotation))


def _model_of(annotation: Any) -> type[BaseModel] | None:
    for part in _parts(annotation):
        if isinstance(part, type) and issubclass(part, BaseModel):
            return part
    return None


def _is_list(annotation: Any) -> bool:
    return any(typing.get_origin(part) is list for part in _parts(annotation))


def leaves(form: BaseModel, prefix: str = "") -> Iterator[tuple[str, str, str, Any, Any]]:
    """Every leaf value of ``form``: (path, ``Model.field``, the field's title, value,
    annotation); list items of plain values get the path ``field[i]``."""
    for name, info in type(form).model_fields.items():
        value = getattr(form, name)
        path = f"{prefix}.{name}" if prefix else name
        key = f"{type(form).__name__}.{name}"
        title = info.title or name
        if isinstance(value, BaseModel):
            yield from leaves(value, path)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from leaves(item, f"{path}[{index}]")
                else:
                    yield f"{path}[{index}]", key, title, item, info.annotation
        else:
            yield path, key, title, value, info.annotation


def text_too_long(form: BaseModel, limits: Mapping[str, TextLimit]) -> list[Finding]:
    """Each text longer than the table allows its field."""
    findings = []
    for path, key, title, value, _ in leaves(form):
        limit = limits.get(key)
        if limit is None or not isinstance(value, str):
            continue
        length = text_length(value)
        if length > limit.most:
            findings.append(
                error(
                    "text_too_long",
                    path,
                    f"“{title}”最多 {limit.most} 字（{limit.reason}），已输入 {length} 字，"
                    f"请删减 {length - limit.most} 字。",
                )
            )
    return findings


def amount_decimals(form: BaseModel) -> list[Finding]:
    """Each amount typed with more than two decimals: the form prints two, and rounding it
    silently would print a figure nobody typed. A consolidated (汇总) form's amounts are sums
    of its units' forms, restated in its unit (a 元 form's 123456.78 is 12.345678 万元): not
    typed, each unit's own form was checked, so they are left alone."""
    if getattr(form, "consolidated", False):
        return []
    findings = []
    for path, _, title, value, annotation in leaves(form):
        if (
            isinstance(value, Decimal)
            and is_amount(annotation)
            and places_of(value.normalize()) > MONEY_PLACES
        ):
            findings.append(
                error(
                    "amount_decimals",
                    path,
                    f"“{title}”金额最多两位小数，填写的是 {format(value, 'f')}"
                    f"（打印为 {money_text(value)}），请改为两位小数。",
                )
            )
    return findings


def oversize_texts(form: Any) -> list[Finding]:
    """The texts of ``form`` longer than its form type's limits (what a save refuses)."""
    from jixiao.core.formtypes import form_type_of  # the registry's entries import this module

    return text_too_long(form, form_type_of(form).text_limits)


def field_rules(
    limits: Mapping[str, TextLimit],
) -> tuple[typing.Callable[[Any, RuleSet], list[Finding]], ...]:
    """The shared rules, for a form type's rule list."""

    def text_lengths(form: Any, rules: RuleSet) -> list[Finding]:
        return text_too_long(form, limits)

    def amounts(form: Any, rules: RuleSet) -> list[Finding]:
        return amount_decimals(form)

    return (text_lengths, amounts)


def limit_at(
    model: type[BaseModel], path: list[str | int], limits: Mapping[str, TextLimit]
) -> TextLimit | None:
    """The limit of the field at ``path`` (names and list indices) inside ``model``."""
    current: type[BaseModel] | None = model
    key = ""
    for segment in path:
        if isinstance(segment, int):
            continue
        if current is None:
            return None
        info = current.model_fields.get(segment)
        if info is None:
            return None
        key = f"{current.__name__}.{segment}"
        current = _model_of(info.annotation)
    return limits.get(key)


__all__ = [
    "amount_decimals",
    "field_rules",
    "is_amount",
    "leaves",
    "limit_at",
    "oversize_texts",
    "text_too_long",
]
