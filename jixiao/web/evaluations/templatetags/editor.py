"""Editor template tags: each renders one input, figure or findings slot from the editor state
(two-line wrappers; what to show is decided in :mod:`jixiao.web.evaluations.editor.state`)."""

from __future__ import annotations

from typing import Any

from django import template

from jixiao.core.model import QualitativeRating
from jixiao.core.model.project import IndicatorNature
from jixiao.core.rulesets import RuleSet, load_ruleset
from jixiao.core.text_limits import text_length
from jixiao.web.evaluations.editor.fields import item_label
from jixiao.web.evaluations.editor.state import EditorState, text_limit

register = template.Library()

CHOICES = {
    "nature": [("", "—")] + [(n.value, n.value) for n in IndicatorNature],
    "rating": [("", "—")] + [(r.value, r.value) for r in QualitativeRating],
}


def _name(name: str, sub: str) -> str:
    return f"{name}-{sub}" if sub else name


def _rules_of(ed: EditorState) -> RuleSet:
    label = ed.analysis.ruleset if ed.analysis is not None else ""
    try:
        return load_ruleset(label.split("@")[0]) if label else load_ruleset()
    except KeyError:
        return load_ruleset()


def _choices(ed: EditorState, widget: str, value: str) -> list[tuple[str, str]]:
    """The options of a select; a stored value outside them stays selectable (nothing typed is
    lost), marked as outside the layout's categories."""
    if widget == "level1":
        rules = _rules_of(ed)
        choices = [("", "—")] + [(c.level1, c.level1) for c in rules.indicator_categories]
    elif widget == "level2":
        rules = _rules_of(ed)
        choices = [("", "—")] + [(two, two) for c in rules.indicator_categories for two in c.level2]
    else:
        return CHOICES.get(widget, [])
    if value and value not in {v for v, _ in choices}:
        choices.append((value, f"{value}（不在规定类别中）"))
    return choices


@register.inclusion_tag("evaluations/_field.html")
def field(
    ed: EditorState, name: str, sub: str = "", widget: str = "text", label: str = ""
) -> dict[str, Any]:
    full = _name(name, sub)
    value = ed.values.get(full, "")
    limit = text_limit(ed.form_type, full) if widget in ("text", "textarea") else None
    return {
        "name": full,
        "value": value,
        "most": limit.most if limit else None,
        "count": text_length(str(value)) if limit else 0,
        "widget": widget,
        "choices": _choices(ed, widget, value),
        "label": item_label(full, label),
        "editable": ed.editable,
        "slot": slot_context(ed, full),
    }


def slot_context(ed: EditorState, name: str, oob: bool = False) -> dict[str, Any]:
    return {
        "name": name,
        "error": ed.errors.get(name, ""),
        "notice": ed.notices.get(name, ""),
        "findings": ed.findings.get(name, []),
        "oob": oob,
    }


@register.inclusion_tag("evaluations/_slot.html")
def slot(ed: EditorState, name: str, sub: str = "") -> dict[str, Any]:
    return slot_context(ed, _name(name, sub))


@register.inclusion_tag("evaluations/_figure.html")
def figure(ed: EditorState, name: str, sub: str = "") -> dict[str, Any]:
    full = _name(name, sub)
    return {"name": full, "text": ed.figures.get(full, ""), "oob": False}


@register.inclusion_tag("evaluations/_item_ops.html")
def item_ops(ed: EditorState, prefix: str, what: str = "") -> dict[str, Any]:
    return {"prefix": prefix, "what": what, "editable": ed.editable}


@register.inclusion_tag("evaluations/_add.html")
def add_button(ed: EditorState, list_name: str, label: str) -> dict[str, Any]:
    return {"list_name": list_name, "label": label, "editable": ed.editable}


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, "")
