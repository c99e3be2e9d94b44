"""Official print layouts described as data, and their resolution against a form.

``layouts/data/*.json`` holds one description per official form (see :mod:`.model`); XLSX,
HTML and PDF renderers draw the :class:`~.resolve.Sheet` that :func:`sheet_for` builds from
a description and a form, so a new province's layout is a new JSON file.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from jixiao.core.formtypes import FORM_TYPES
from jixiao.core.rulesets import RuleSet, default_ruleset_id, load_ruleset
from jixiao.core.serialization import Form
from jixiao.formats.layouts.model import Layout
from jixiao.formats.layouts.resolve import Cell, Row, Sheet, resolve
from jixiao.formats.layouts.scope import LayoutError, Scope

# The layout a form is printed with when none is chosen: the form type's registry entry says.
DEFAULT_LAYOUTS = {key: entry.default_layout for key, entry in FORM_TYPES.items()}


def _data_dir() -> Traversable:
    return resources.files("jixiao.formats.layouts") / "data"


@cache
def load_layout(layout_id: str) -> Layout:
    path = _data_dir() / f"{layout_id}.json"
    if not path.is_file():
        raise LayoutError(f"unknown layout: {layout_id}")
    return Layout.model_validate(json.loads(path.read_text(encoding="utf-8")))


def available_layouts() -> list[str]:
    return sorted(
        p.name.removesuffix(".json") for p in _data_dir().iterdir() if p.name.endswith(".json")
    )


def layout_for(form: Form) -> Layout:
    """The form type's default layout, or the first of its variants whose ``when`` the form
    states (a project whose indicators state 指标性质 gets the layout with that column)."""
    layout = load_layout(DEFAULT_LAYOUTS[form.form_type])
    scope = Scope(
        obj=form, path="", root=form, rules=load_ruleset(default_ruleset_id(form.form_type))
    )
    for variant in layout.variants:
        if any(scope.stated(path) for path in variant.when):
            return load_layout(variant.layout)
    return layout


def sheet_for(form: Form, layout: Layout | None = None, rules: RuleSet | None = None) -> Sheet:
    """``form`` laid out for print (its default layout and rule set unless given)."""
    return resolve(form, layout or layout_for(form), rules)


__all__ = [
    "DEFAULT_LAYOUTS",
    "Cell",
    "Layout",
    "LayoutError",
    "Row",
    "Sheet",
    "available_layouts",
    "layout_for",
    "load_layout",
    "sheet_for",
]
