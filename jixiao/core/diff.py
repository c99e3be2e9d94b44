"""Field-level differences between two versions of a form, labelled in Chinese.

The audit trail shows who changed which field from what to what, and a reviewer sees what a
unit changed since the last review round. Both compare form JSON (as stored, money as decimal
strings) leaf by leaf; list items are compared by position, so an added task appears as its
fields going from empty to filled. Labels come from the form model's field ``title``s.

Inside a changed field, :func:`inline_diff` marks the characters that changed (Chinese has no
spaces between words, so the unit is the character): a reviewer sees the eight characters a
unit added, not a whole paragraph struck through.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from pydantic import BaseModel


@dataclass(frozen=True)
class Piece:
    """A run of text inside a changed field; ``changed`` is true for what was removed (in the
    old text) or added (in the new text)."""

    text: str
    changed: bool


def inline_diff(before: str | None, after: str | None) -> tuple[list[Piece], list[Piece]]:
    """The old and the new text cut into unchanged and changed runs, character by character.

    When almost nothing is shared (a figure replaced by another), the whole of each side is one
    changed run: highlighting the odd shared digit would only distract."""
    old, new = before or "", after or ""
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    if matcher.ratio() < 0.5:
        return _whole(old), _whole(new)
    was: list[Piece] = []
    now: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(was, old[i1:i2], False)
            _append(now, new[j1:j2], False)
        else:
            _append(was, old[i1:i2], True)
            _append(now, new[j1:j2], True)
    return was, now


def _whole(text: str) -> list[Piece]:
    return [Piece(text, True)] if text else []


def _append(pieces: list[Piece], text: str, changed: bool) -> None:
    if text:
        pieces.append(Piece(text, changed))


@dataclass(frozen=True)
class FieldChange:
    path: str  # ``funds.actual_spending``, ``tasks[0].indicators[2].actual``
    label: str  # ``部门资金情况 › 实际支出数``
    before: str | None
    after: str | None

    @property
    def before_pieces(self) -> list[Piece]:
        return inline_diff(self.before, self.after)[0]

    @property
    def after_pieces(self) -> list[Piece]:
        return inline_diff(self.before, self.after)[1]


def _text(value: Any) -> str | None:
    # An empty string and a missing value look the same on the form; do not report the swap.
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _leaves(value: Any, path: str) -> dict[str, Any]:
    """Flatten JSON to ``{path: scalar}``; an empty list or object is a leaf of its own so that
    emptying a list still shows."""
    if isinstance(value, dict):
        if not value:
            return {}
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(_leaves(item, f"{path}.{key}" if path else str(key)))
        return out
    if isinstance(value, list):
        out = {}
        for index, item in enumerate(value):
            out.update(_leaves(item, f"{path}[{index}]"))
        return out
    return {path: value}


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model class inside ``X``, ``X | None``, ``list[X]`` or ``Annotated[X, …]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def _segments(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for chunk in path.split("."):
        name, _, rest = chunk.partition("[")
        if name:
            parts.append(name)
        while rest:
            index, _, rest = rest.partition("]")
            parts.append(int(index))
            rest = rest.removeprefix("[")
    return parts


def field_label(form_type: str, path: str) -> str:
    """``tasks[0].indicators[1].actual`` → ``主要任务 第1项 › 关键指标 第2项 › 指标完成情况``."""
    from jixiao.core.formtypes import FORM_TYPES  # the registry's entries import this module

    entry = FORM_TYPES.get(form_type, FORM_TYPES["department_overall"])
    model: type[BaseModel] | None = entry.model
    words: list[str] = []
    for segment in _segments(path):
        if isinstance(segment, int):
            if words:
                words[-1] = f"{words[-1]} 第{segment + 1}项"
            continue
        info = model.model_fields.get(segment) if model is not None else None
        if info is None:
            words.append(segment)
            model = None
            continue
        assert model is not None
        untitled = entry.field_labels.get(f"{model.__name__}.{segment}", segment)
        words.append(info.title or untitled)
        model = _inner_model(info.annotation)
    return " › ".join(words)


def diff_forms(before: dict[str, Any] | None, after: dict[str, Any]) -> list[FieldChange]:
    """Every leaf that differs, in the order of ``after`` then fields only ``before`` had."""
    old = _leaves(before or {}, "")
    new = _leaves(after, "")
    form_type = str(after.get("form_type") or (before or {}).get("form_type") or "")
    paths = list(new) + [p for p in old if p not in new]
    changes = []
    for path in paths:
        if path == "form_type":  # the form's kind, never edited: not a change to report
            continue
        was, now = _text(old.get(path)), _text(new.get(path))
        if was != now:
            changes.append(FieldChange(path, field_label(form_type, path), was, now))
    return changes
