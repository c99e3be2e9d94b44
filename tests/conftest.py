"""Shared fixtures: the seed form as the importer must read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.core.model import DepartmentForm
from jixiao.core.serialization import form_from_json

FIXTURES = Path(__file__).parent / "fixtures"
SEED_JSON = FIXTURES / "seed_form.json"
REPO = Path(__file__).parent.parent
SEED_TEXT = REPO.parent / "shared" / "seed" / "000_5d8deeef18680608.txt"


@pytest.fixture
def seed_form() -> DepartmentForm:
    form = form_from_json(SEED_JSON.read_text(encoding="utf-8"))
    assert isinstance(form, DepartmentForm)
    return form
