"""What the editor template shows: values as typed, errors and findings by field, the derived
figures, and the rows of each list, for either form."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from jixiao.core.diff import field_label
from jixiao.core.formtypes import FORM_TYPES
from jixiao.core.validation import Finding
from jixiao.web.evaluations.analysis import Analysis
from jixiao.web.evaluations.editor.fields import LIST_MARK, flatten

# The editor's models, one per registered form type.
MODELS: dict[str, type[BaseModel]] = {key: entry.model for key, entry in FORM_TYPES.items()}


def path_to_name(path: str) -> str:
    """``tasks[0].indicators[1].actual`` → ``tasks-0-indicators-1-actual``."""
    return path.replace("[", "-").replace("]", "").replace(".", "-")


@dataclass
class Row:
    prefix: str
    number: int
    children: list[Row] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass
class EditorState:
    form_type: str
    values: dict[str, str]
    errors: dict[str, str]
    editable: bool
    lists: list[str]
    slots: list[str]
    rows: dict[str, Any]
    figures: dict[str, str] = field(default_factory=dict)
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    analysis: Analysis | None = None
    summary: list[SummaryLine] = field(default_factory=list)

    @property
    def template(self) -> str:
        """The form type's editor page: ``evaluations/_<form type>_editor.html``."""
        return f"evaluations/_{self.form_type}_editor.html"

    @property
    def errors_count(self) -> int:
        return sum(1 for line in self.summary if line.severity == "error")

    @property
    def warnings_count(self) -> int:
        return sum(1 for line in self.summary if line.severity == "warning")


@dataclass(frozen=True)
class SummaryLine:
    """A finding in the summary list, with the field's Chinese label and where it sits."""

    severity: str
    label: str
    message: str
    anchor: str


def _list_names(model: type[BaseModel], data: Mapping[str, Any], prefix: str = "") -> list[str]:
    """Every list the page shows (they each get a hidden marker input) and every container."""
    from jixiao.web.evaluations.editor.fields import _kind

    names: list[str] = []
    for name, info in model.model_fields.items():
        key = f"{prefix}{name}"
        kind, inner, _ = _kind(info.annotation)
        if kind == "model":
            names.extend(_list_names(inner, data.get(name) or {}, f"{key}-"))
        elif kind == "model_list":
            names.append(key)
            for index, item in enumerate(data.get(name) or []):
                names.extend(_list_names(inner, item or {}, f"{key}-{index}-"))
        elif kind == "str_list" or info.annotation is bool:
            names.append(key)
    return names


def _rows(form_type: str, data: Mapping[str, Any]) -> dict[str, Any]:
    def items(prefix: str, values: Iterable[Any] | None) -> list[str]:
        return [f"{prefix}-{i}" for i, _ in enumerate(values or [])]

    if form_type != "department_overall":  # project-like forms: one list of indicator rows
        return {"indicators": items("indicators", data.get("indicators") or [])}
    tasks = [
        Row(
            prefix=f"tasks-{i}",
            number=i + 1,
            children=[
                Row(prefix=f"tasks-{i}-indicators-{j}", number=j + 1)
                for j, _ in enumerate(task.get("indicators") or [])
            ],
        )
        for i, task in enumerate(data.get("tasks") or [])
    ]
    projects = [
        Row(
            prefix=f"key_projects-{i}",
            number=i + 1,
            items=items(f"key_projects-{i}-achievements", project.get("achievements") or []),
        )
        for i, project in enumerate(data.get("key_projects") or [])
    ]
    return {
        "goals": items("annual_goals-expected", (data.get("annual_goals") or {}).get("expected")),
        "tasks": tasks,
        "key_projects": projects,
        "notes": items("notes", data.get("notes") or []),
    }


def _slot_for(name: str, slots: set[str]) -> str:
    parts = name.split("-")
    while parts:
        candidate = "-".join(parts)
        if candidate in slots:
            return candidate
        parts.pop()
    return ""


def build_state(
    form_type: str,
    raw: Mapping[str, Any],
    errors: Mapping[str, str],
    analysis: Analysis | None,
    editable: bool,
) -> EditorState:
    model = MODELS[form_type]
    values = flatten(model, raw)
    lists = _list_names(model, raw)
    containers = {"funds", "annual_goals", "funds-spending_by_source", "funds-total"}
    slots = set(values) | set(lists) | containers
    rows = _rows(form_type, raw)
    for row in rows.get("tasks", []) + rows.get("key_projects", []):
        slots.add(row.prefix)
    state = EditorState(
        form_type=form_type,
        values=values,
        errors=dict(errors),
        editable=editable,
        lists=[f"{name}-{LIST_MARK}" for name in lists],
        slots=sorted(slots),
        rows=rows,
        analysis=analysis,
    )
    if analysis is not None:
        state.figures = {path_to_name(f.path): f.text for f in analysis.figures}
        for finding in analysis.findings:
            slot = _slot_for(path_to_name(finding.path), slots)
            if slot:
                state.findings.setdefault(slot, []).append(finding)
            state.summary.append(
                SummaryLine(
                    severity=str(finding.severity),
                    label=field_label(form_type, finding.path),
                    message=finding.message,
                    anchor=slot,
                )
            )
    return state
