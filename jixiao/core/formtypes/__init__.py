"""The registry of form types: one entry per kind of form, asked instead of ``isinstance``.

A new form type is a model, a module here building its :class:`FormType` and one line in
``FORM_TYPES``; the formats layer registers its layouts and readers against the same key.
"""

from __future__ import annotations

from typing import Any

from jixiao.core.formtypes.base import Figure, FormType, Judgement
from jixiao.core.formtypes.declaration import DECLARATION
from jixiao.core.formtypes.department import DEPARTMENT
from jixiao.core.formtypes.project import PROJECT

FORM_TYPES: dict[str, FormType] = {entry.key: entry for entry in (DEPARTMENT, PROJECT, DECLARATION)}


class UnknownFormType(KeyError):
    pass


def form_type(key: str) -> FormType:
    """The entry for ``key`` (``department_overall``, ``project`` …)."""
    try:
        return FORM_TYPES[key]
    except KeyError:
        raise UnknownFormType(f"unknown form type: {key}") from None


def form_type_of(form: Any) -> FormType:
    """The entry for a form object (by its ``form_type`` field)."""
    return form_type(str(form.form_type))


def form_type_label(key: str) -> str:
    entry = FORM_TYPES.get(key)
    return entry.label if entry is not None else key


__all__ = [
    "FORM_TYPES",
    "Figure",
    "FormType",
    "Judgement",
    "UnknownFormType",
    "form_type",
    "form_type_label",
    "form_type_of",
]
