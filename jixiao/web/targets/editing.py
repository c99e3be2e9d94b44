"""The targets editor's page state: the data as typed, field errors and the quality findings
placed on the rows they are about.

POST names follow the evaluation editor (:mod:`jixiao.web.evaluations.editor.fields`):
``tasks-0-indicators-2-value``. Findings come from :func:`jixiao.core.quality.check_indicators`
only; this module places them, it never judges an indicator itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from jixiao.core.model.project import IndicatorNature
from jixiao.core.quality import check_indicators
from jixiao.core.rulesets import RuleSet
from jixiao.core.targets import DepartmentTargets
from jixiao.core.validation import Finding, Severity
from jixiao.web.evaluations.editor.fields import LIST_MARK, unflatten, validation_errors
from jixiao.web.evaluations.editor.ops import OpError, apply_op

NATURE_CHOICES = [("", "—")] + [(n.value, n.value) for n in IndicatorNature]
LEVEL1_CHOICES = ["", "产出指标", "效益指标", "满意度指标"]
_INDEX = re.compile(r"\[(\d+)\]")


def field_name(path: str) -> str:
    """``tasks[0].indicators[2].value`` → ``tasks-0-indicators-2-value``."""
    return _INDEX.sub(r"-\1", path).replace(".", "-")


def row_of(path: str) -> str:
    """The row a finding belongs to: its indicator, else its task or project, else the form."""
    name = field_name(path)
    match = re.match(r"^((?:tasks|projects)-\d+(?:-indicators-\d+)?)", name)
    return match.group(1) if match else "form"


@dataclass
class Row:
    prefix: str
    data: Mapping[str, Any]
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Group:
    prefix: str
    data: Mapping[str, Any]
    indicators: list[Row]
    findings: list[Finding] = field(default_factory=list)
    number: int = 0


@dataclass
class Page:
    data: dict[str, Any]
    errors: dict[str, str]
    findings: list[Finding]
    goals: list[Row]
    tasks: list[Group]
    projects: list[Group]
    form_findings: list[Finding]
    problem: str = ""
    ruleset_name: str = ""

    @property
    def error_count(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warning_count(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    @property
    def lists(self) -> list[str]:
        """Hidden markers telling the reader which lists (and checkboxes) the page sent."""
        marks = ["annual_goals", "tasks", "projects"]
        marks += [f"{g.prefix}-indicators" for g in (*self.tasks, *self.projects)]
        marks += [f"{p.prefix}-key" for p in self.projects]
        return [f"{m}-{LIST_MARK}" for m in marks]

    def rows(self) -> list[Row | Group]:
        out: list[Row | Group] = []
        for group in (*self.tasks, *self.projects):
            out.append(group)
            out.extend(group.indicators)
        return out


def _groups(items: list[Any], kind: str, by_row: dict[str, list[Finding]]) -> list[Group]:
    groups = []
    for i, item in enumerate(items):
        prefix = f"{kind}-{i}"
        rows = [
            Row(f"{prefix}-indicators-{j}", ind, by_row.get(f"{prefix}-indicators-{j}", []))
            for j, ind in enumerate(item.get("indicators") or [])
        ]
        groups.append(Group(prefix, item, rows, by_row.get(prefix, []), number=i + 1))
    return groups


def page_for(
    data: dict[str, Any],
    last_year: Mapping[str, str],
    errors: dict[str, str] | None = None,
    problem: str = "",
    rules: RuleSet | None = None,
    typed: dict[str, Any] | None = None,
) -> Page:
    """The page for ``data``, with the core's quality findings (under ``rules``, the
    organisation's rule set) when it is valid. ``typed``, the same data as typed in, is what the
    page shows when given: a refused value (``1e400`` for a budget) comes back as typed, beside
    its error, rather than blank."""
    errors = dict(errors or {})
    findings: list[Finding] = []
    try:
        targets = DepartmentTargets.model_validate(data)
    except ValidationError as exc:
        errors.update(validation_errors(exc))
    else:
        findings = check_indicators(targets, last_year, rules=rules)
    by_row: dict[str, list[Finding]] = {}
    for finding in findings:
        by_row.setdefault(row_of(finding.path), []).append(finding)
    if typed is not None:
        data = typed
    goals = [
        Row(f"annual_goals-{i}", {"text": g}) for i, g in enumerate(data.get("annual_goals") or [])
    ]
    return Page(
        data=data,
        errors=errors,
        findings=findings,
        goals=goals,
        tasks=_groups(data.get("tasks") or [], "tasks", by_row),
        projects=_groups(data.get("projects") or [], "projects", by_row),
        form_findings=by_row.get("form", []),
        problem=problem,
        ruleset_name=rules.name if rules else "",
    )


def read_post(
    post: Mapping[str, Any], stored: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str], dict[str, Any]]:
    """(the targets data read from the page, field errors, the data as typed in: the same
    shape, with the text of every value). Fields the page did not send keep their stored
    value; the year is the row's and cannot be changed from the page."""
    parsed = unflatten(DepartmentTargets, post, stored)
    fixed = {"year": stored.get("year"), "form_type": "department_targets"}
    return {**parsed.clean, **fixed}, parsed.errors, {**parsed.raw, **fixed}


def apply_edit(data: dict[str, Any], op: str) -> str:
    """Apply an add/remove/move button to the data as typed; an error message or ''."""
    try:
        if op == "add:annual_goals":
            data.setdefault("annual_goals", []).append("")
        elif op.startswith("add:") and op.endswith("indicators"):
            apply_op(data, op)
            parent = op.removeprefix("add:").split("-")
            target = data[parent[0]][int(parent[1])]["indicators"]
            target[-1] = {"name": "", "value": None}
        elif op == "add:projects":
            data.setdefault("projects", []).append(
                {"project_name": "", "department": data.get("department", ""), "indicators": []}
            )
        elif op == "add:tasks":
            apply_op(data, op)
            data["tasks"][-1]["indicators"] = [{"name": "", "value": None}]
        else:
            apply_op(data, op)
    except (OpError, KeyError, IndexError, ValueError, TypeError):
        return "无法执行该操作，请刷新页面后重试。"
    return ""
