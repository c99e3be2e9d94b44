"""JSON export: the core's serialization, and it reads back to the same form."""

from __future__ import annotations

import json

from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.serialization import form_from_json
from jixiao.formats.registry import get_exporter
from tests.conftest import SEED_JSON


def test_the_seed_round_trips(seed_form: DepartmentForm) -> None:
    data = get_exporter("json").write(seed_form)
    assert form_from_json(data) == seed_form
    assert json.loads(data) == json.loads(SEED_JSON.read_text(encoding="utf-8"))


def test_money_stays_a_decimal_string(project_form: ProjectForm) -> None:
    data = json.loads(get_exporter("json").write(project_form))
    assert data["funds"]["total"]["executed"] == "85.5"
    assert form_from_json(json.dumps(data)) == project_form
