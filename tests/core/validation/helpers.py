"""Small builders and lookups shared by the validation tests."""

from __future__ import annotations

from typing import Any, TypeVar

from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.validation import Finding

F = TypeVar("F", DepartmentForm, ProjectForm)


def with_funds(form: F, **changes: Any) -> F:
    """A copy of the form with some funds fields replaced (values as Decimal or None)."""
    return form.model_copy(update={"funds": form.funds.model_copy(update=changes)})


def with_task(form: DepartmentForm, index: int, **changes: Any) -> DepartmentForm:
    tasks = list(form.tasks)
    tasks[index] = tasks[index].model_copy(update=changes)
    return form.model_copy(update={"tasks": tasks})


def with_indicator(form: ProjectForm, index: int, **changes: Any) -> ProjectForm:
    indicators = list(form.indicators)
    indicators[index] = indicators[index].model_copy(update=changes)
    return form.model_copy(update={"indicators": indicators})


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def only(findings: list[Finding], code: str) -> Finding:
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, findings
    return matching[0]
