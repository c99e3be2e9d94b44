"""A form read from a document that prints no year is kept, with the year asked for."""

from __future__ import annotations

from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.serialization import form_from_data, form_to_data
from jixiao.core.validation import has_errors, validate
from tests.core.validation.helpers import codes, only


def test_a_department_form_without_year_is_read_and_flagged(seed_form: DepartmentForm) -> None:
    undated = seed_form.model_copy(update={"year": None})
    finding = only(validate(undated), "year_missing")
    assert finding.path == "year"
    assert "未识别年度" in finding.message
    assert has_errors(validate(undated))
    assert "year_missing" not in codes(validate(seed_form))


def test_a_project_form_without_year_round_trips(project_form: ProjectForm) -> None:
    undated = project_form.model_copy(update={"year": None})
    data = form_to_data(undated)
    assert data["year"] is None
    back = form_from_data(data)
    assert back.year is None and back == undated
    assert "year_missing" in codes(validate(back))
