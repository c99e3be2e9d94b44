"""Fixtures for the PDF, XLSX and OCR importer tests: jixiao's own exports of the seed, the
sample project form and generated variants, made once per session (WeasyPrint is slow)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.serialization import Form, form_from_json
from jixiao.formats.registry import get_exporter

FIXTURES = Path(__file__).parents[2] / "fixtures"


def load_fixture(name: str) -> Form:
    return form_from_json((FIXTURES / name).read_text(encoding="utf-8"))


@cache
def _export(kind: str, form_json: str) -> bytes:
    return get_exporter(kind).write(form_from_json(form_json))


def exported(kind: str, form: Form) -> bytes:
    """``form`` written by jixiao's exporter ``kind``, cached across tests."""
    return _export(kind, form.model_dump_json())


@pytest.fixture(scope="session")
def seed_form_model() -> DepartmentForm:
    form = load_fixture("seed_form.json")
    assert isinstance(form, DepartmentForm)
    return form


@pytest.fixture(scope="session")
def project_form_model() -> ProjectForm:
    form = load_fixture("sample_project_form.json")
    assert isinstance(form, ProjectForm)
    return form


@pytest.fixture(scope="session")
def export() -> Callable[[str, Form], bytes]:
    return exported
