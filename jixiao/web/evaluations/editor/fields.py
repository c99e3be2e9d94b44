"""Form JSON ↔ flat POST names, driven by the form model.

A field's name is its path with ``-`` between parts: ``funds-actual_spending``,
``tasks-0-indicators-1-name``, ``annual_goals-expected-2``. Reading a POST gives two copies of
the data: ``raw`` keeps every value exactly as typed (what the page shows again when anything
fails) and ``clean`` has numbers checked (an unreadable number becomes None and an error beside
its field). Fields the page did not send keep their stored value, so a part of the form that the
editor does not show (e.g. budget adjustment items) is never lost.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError

from jixiao.core.model.errors import error_message
from jixiao.core.money import MoneyError, amount_typed, to_decimal
from jixiao.core.validation.fields import is_amount

LIST_MARK = "__list"  # a hidden input "<list>-__list" says the page sent that list


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(the type inside ``X | None`` / ``Annotated[X, …]``, whether None is allowed)."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation, optional
        else:
            return annotation, optional


def _kind(annotation: Any) -> tuple[str, Any, bool]:
    inner, optional = _unwrap(annotation)
    if typing.get_origin(inner) is list:
        (item,) = typing.get_args(inner)
        item, _ = _unwrap(item)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return "model_list", item, optional
        return "str_list", str, optional
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return "model", inner, optional
    return "scalar", inner, optional


def flatten(model: type[BaseModel], data: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """Every editable value of ``data`` as ``{name: text}``."""
    out: dict[str, str] = {}
    for name, info in model.model_fields.items():
        key = f"{prefix}{name}"
        kind, inner, _ = _kind(info.annotation)
        value = data.get(name)
        if kind == "model":
            out.update(flatten(inner, value or {}, f"{key}-"))
        elif kind == "model_list":
            for index, item in enumerate(value or []):
                out.update(flatten(inner, item or {}, f"{key}-{index}-"))
        elif kind == "str_list":
            for index, item in enumerate(value or []):
                out[f"{key}-{index}"] = "" if item is None else str(item)
        elif isinstance(value, bool):
            out[key] = "on" if value else ""
        else:
            out[key] = "" if value is None else str(value)
    return out


@dataclass
class Parsed:
    raw: dict[str, Any]
    clean: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)
    # What was read differently from how it was typed (an amount converted from 元), by name.
    notices: dict[str, str] = field(default_factory=dict)


def _indices(post: Mapping[str, Any], key: str, nested: bool) -> list[int]:
    pattern = re.compile(rf"^{re.escape(key)}-(\d+)" + ("-" if nested else "$"))
    found = {int(m.group(1)) for name in post if (m := pattern.match(name))}
    return sorted(found)


def _amount(text: str, unit: str) -> tuple[Any, str | None, str]:
    """(clean value, error message or None, notice) for a typed amount: a unit written after
    it (``1000000元`` in a 万元 form) is converted by the core, and the notice says so."""
    if not text.strip():
        return None, None, ""
    try:
        value, notice = amount_typed(text, unit)
    except MoneyError as exc:
        return None, exc.hint, ""
    return format(value, "f"), None, notice


def _scalar(inner: Any, optional: bool, text: str) -> tuple[Any, str | None]:
    """(clean value, error message or None) for one typed-in value."""
    stripped = text.strip()
    if inner is Decimal:
        if not stripped:
            return None, None
        try:
            return format(to_decimal(stripped), "f"), None
        except MoneyError as exc:
            return None, exc.hint
    if inner is int:
        try:
            return int(stripped), None
        except ValueError:
            return None, "请填写整数"
    if inner is bool:
        return stripped in {"on", "1", "true"}, None
    if (isinstance(inner, type) and issubclass(inner, Enum)) or typing.get_origin(
        inner
    ) is typing.Literal:
        return (stripped or None), None
    if optional and not stripped:
        return None, None
    return text, None


def unflatten(
    model: type[BaseModel],
    post: Mapping[str, Any],
    base: Mapping[str, Any] | None,
    prefix: str = "",
    unit: str = "",
) -> Parsed:
    """Read the POST back into form data (see the module docstring). Amounts are in the
    form's ``money_unit``."""
    base = base or {}
    if not prefix:
        unit = str(post.get("money_unit") or base.get("money_unit") or "万元")
    result = Parsed({}, {})
    for name, info in model.model_fields.items():
        key = f"{prefix}{name}"
        kind, inner, optional = _kind(info.annotation)
        if kind == "model":
            sub = unflatten(inner, post, base.get(name) or {}, f"{key}-", unit)
            result.raw[name], result.clean[name] = sub.raw, sub.clean
            result.errors.update(sub.errors)
            result.notices.update(sub.notices)
        elif kind in ("model_list", "str_list"):
            if f"{key}-{LIST_MARK}" not in post:
                result.raw[name] = result.clean[name] = base.get(name, [])
                continue
            raws: list[Any] = []
            cleans: list[Any] = []
            base_items = base.get(name) or []
            for position, index in enumerate(_indices(post, key, kind == "model_list")):
                if kind == "model_list":
                    # Items keep fields the page does not show by position in the stored list.
                    stored = base_items[position] if position < len(base_items) else {}
                    sub = unflatten(inner, post, stored, f"{key}-{index}-", unit)
                    raws.append(sub.raw)
                    cleans.append(sub.clean)
                    # Renumber errors to the item's new position so that they sit by the field.
                    for err_name, message in sub.errors.items():
                        renamed = f"{key}-{position}-" + err_name[len(f"{key}-{index}-") :]
                        result.errors[renamed] = message
                    for note_name, notice in sub.notices.items():
                        renamed = f"{key}-{position}-" + note_name[len(f"{key}-{index}-") :]
                        result.notices[renamed] = notice
                else:
                    text = str(post.get(f"{key}-{index}", ""))
                    raws.append(text)
                    cleans.append(text)
            result.raw[name], result.clean[name] = raws, cleans
        else:
            if key not in post and not (inner is bool and f"{key}-{LIST_MARK}" in post):
                if name in base:
                    result.raw[name] = result.clean[name] = base[name]
                continue
            text = str(post.get(key, ""))
            notice = ""
            if inner is Decimal and is_amount(info.annotation):
                value, error, notice = _amount(text, unit)
            else:
                value, error = _scalar(inner, optional, text)
            result.raw[name] = value if inner is bool else text
            result.clean[name] = value
            if error:
                result.errors[key] = error
            if notice:
                result.notices[key] = notice
    return result


def validation_errors(error: ValidationError) -> dict[str, str]:
    """pydantic's errors keyed by field name, in Chinese."""
    out: dict[str, str] = {}
    for item in error.errors():
        name = "-".join(str(part) for part in item["loc"])
        out[name] = error_message(item)
    return out


# What an item of each list is called, so that repeated cells get distinct accessible names:
# the second task's 预期目标 is "任务2 预期目标", not a tenth "预期目标".
_ITEM_NOUNS = {
    "tasks": "任务",
    "indicators": "指标",
    "key_projects": "项目",
    "projects": "项目",
    "achievements": "条目",
    "expected": "目标",
    "goals": "目标",
    "notes": "注",
}


def item_label(name: str, label: str) -> str:
    """``tasks-1-indicators-0-name`` labelled 关键指标 → ``任务2 指标1 关键指标``."""
    parts = name.split("-")
    places = [
        f"{_ITEM_NOUNS.get(parts[i - 1], '第')}{int(part) + 1}"
        for i, part in enumerate(parts)
        if part.isdigit() and i > 0
    ]
    return " ".join([*places, label]) if label else label
