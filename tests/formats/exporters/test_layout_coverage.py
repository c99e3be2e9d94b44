"""No field of a form is lost on export: every model field is printed by its layout (or by a
variant chosen when the field is stated), or listed as not printed with a reason."""

from __future__ import annotations

import re
from decimal import Decimal
from enum import Enum
from typing import Any

import pytest
from pydantic import BaseModel

from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.formats.layouts import (
    Cell,
    Layout,
    available_layouts,
    layout_for,
    load_layout,
    sheet_for,
)
from jixiao.formats.layouts.coverage import (
    FORM_MODELS,
    coverage_gaps,
    model_fields,
    printed_fields,
)
from jixiao.formats.layouts.text import display
from tests.formats.exporters.conftest import full_department_form


@pytest.mark.parametrize("layout_id", available_layouts())
def test_every_model_field_is_printed_or_listed_as_not_lost(layout_id: str) -> None:
    assert coverage_gaps(load_layout(layout_id), load_layout) == []


@pytest.mark.parametrize("layout_id", available_layouts())
def test_fields_listed_as_not_printed_exist_and_say_why(layout_id: str) -> None:
    layout = load_layout(layout_id)
    fields = set(model_fields(FORM_MODELS[layout.form_type]))
    for field, reason in layout.not_printed.items():
        assert field in fields, f"{layout_id}: stale not_printed entry {field}"
        assert len(reason) >= 4
        assert field not in printed_fields(layout)


def test_the_model_walk_reaches_nested_and_listed_fields() -> None:
    fields = list(model_fields(DepartmentForm))
    assert "funds.spending_by_source.government_fund_budget" in fields
    assert "funds.adjustment_items[].reason" in fields
    assert "tasks[].indicators[].target" in fields
    assert "key_projects[].achievements" in fields
    assert "funds" not in fields and "tasks" not in fields  # containers are not leaves
    assert {"indicators[].nature", "indicators[].rating", "measures"} <= set(
        model_fields(ProjectForm)
    )


def _without_row(layout: Layout, label: str) -> Layout:
    data = layout.model_dump(exclude_defaults=True)
    body = data["sections"][-1]["body"]
    data["sections"][-1]["body"] = [
        b for b in body if not any(c.get("text") == label for c in b.get("cells", []))
    ]
    assert len(data["sections"][-1]["body"]) == len(body) - 1
    return Layout.model_validate(data)


def test_a_layout_that_drops_a_row_has_a_gap() -> None:
    layout = _without_row(load_layout("guangzhou_department"), "存在问题")
    assert coverage_gaps(layout, load_layout) == ["problems"]


def test_a_field_left_to_a_variant_is_covered_only_if_the_variant_prints_it() -> None:
    base = load_layout("mof_project")
    assert "indicators[].unit" not in printed_fields(base)
    assert coverage_gaps(base, load_layout) == []
    # A variant that does not have the column leaves the field uncovered.
    assert set(coverage_gaps(base, lambda _: base)) == {
        "indicators[].nature",
        "indicators[].unit",
        "indicators[].rating",
    }


def _leaves(value: Any, key: str = "") -> list[tuple[str, Any]]:
    """Every stated leaf value of a form, with its cell key (``indicators[0].unit``)."""
    if isinstance(value, BaseModel):
        return [
            leaf
            for name in type(value).model_fields
            for leaf in _leaves(getattr(value, name), f"{key}.{name}" if key else name)
        ]
    if isinstance(value, list):
        return [leaf for i, item in enumerate(value) for leaf in _leaves(item, f"{key}[{i}]")]
    if value is None or value == "":
        return []
    return [(key, value)]


def _shows(cell: Cell, key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return cell.text == ("部门名称（汇总）" if value else "部门名称")
    if isinstance(value, Decimal):
        # A rate is printed at its rule set's precision: 98.82 shows as the exact 98.8213…%.
        return cell.number is not None and display(value, cell.role, cell.places) == cell.text
    text = value.value if isinstance(value, Enum) else str(value)
    if text not in cell.text:
        return False
    field = key.rsplit(".", 1)[-1]
    spec = cell.spec
    by_template = spec is not None and f"{{{field}}}" in (spec.template or "")
    # A short value (≥, %, 2022) counts only in its own cell or its template, never inside
    # another value's text; a long one may sit in a numbered list or a multi-line cell.
    # Equal 一级/二级指标 of neighbouring rows share one merged cell, keyed by the first row.
    merged = cell.text == text and _field_of(cell.key) == _field_of(key)
    return cell.key == key or merged or by_template or len(text) > 4


def _field_of(key: str | None) -> str | None:
    return re.sub(r"\[\d+\]", "[]", key) if key else None


def _lost(form: DepartmentForm | ProjectForm, layout: Layout | None = None) -> list[str]:
    """The keys of the form's stated values that no cell of its export shows."""
    cells = list(sheet_for(form, layout).cells())
    return [
        key
        for key, value in _leaves(form)
        if key != "form_type" and not any(_shows(c, key, value) for c in cells)
    ]


def test_a_department_form_stating_every_field_loses_none(seed_form: DepartmentForm) -> None:
    form = full_department_form(seed_form)
    assert layout_for(form).id == "guangzhou_department_targets"
    assert _lost(form) == []


def test_the_seed_loses_no_field(seed_form: DepartmentForm) -> None:
    assert layout_for(seed_form).id == "guangzhou_department"
    assert _lost(seed_form) == []


def test_the_sample_project_form_loses_no_field(sample_project_form: ProjectForm) -> None:
    assert layout_for(sample_project_form).id == "mof_project_extended"
    assert _lost(sample_project_form) == []


def test_the_check_itself_sees_a_lost_field(sample_project_form: ProjectForm) -> None:
    dropped = _without_row(load_layout("mof_project_extended"), "改进措施")
    assert _lost(sample_project_form, dropped) == ["measures"]
    assert _lost(sample_project_form, load_layout("mof_project")) == [
        f"indicators[{i}].{field}"
        for i, row in enumerate(sample_project_form.indicators)
        for field in ("nature", "unit", "rating")
        if getattr(row, field)
    ]
