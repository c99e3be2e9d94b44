import json

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.core.model import DepartmentForm, Task, TaskIndicator
from jixiao.core.serialization import (
    FormReadError,
    form_from_data,
    form_from_json,
    form_to_data,
    form_to_json,
    json_schema,
    json_schema_text,
)
from tests.conftest import REPO, SEED_JSON

SCHEMA_FILE = REPO / "schemas" / "form.schema.json"


def test_seed_json_round_trips_byte_for_byte() -> None:
    text = SEED_JSON.read_text(encoding="utf-8")
    assert form_to_json(form_from_json(text)) == text


def test_money_and_rates_are_decimal_strings(seed_form: DepartmentForm) -> None:
    data = form_to_data(seed_form)
    assert data["funds"]["initial_budget"] == "2803.45"
    assert data["funds"]["completion_rate"] == "98.82"
    assert data["funds"]["adjustment_rate"] == "29"
    assert data["tasks"][0]["funds"] == "10.00"
    assert data["department"] == "中国共产党广州市天河区委员会政法委员会"
    assert data["year"] == 2022


def test_committed_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema_text(), (
        "schemas/form.schema.json is stale: run `jixiao schema --write schemas/form.schema.json`"
    )


def test_seed_validates_against_the_schema() -> None:
    jsonschema.validate(json.loads(SEED_JSON.read_text(encoding="utf-8")), json_schema())


def test_unknown_keys_are_refused_not_dropped() -> None:
    data = json.loads(SEED_JSON.read_text(encoding="utf-8"))
    data["funds"]["initial_budgte"] = "1"
    with pytest.raises(FormReadError) as info:
        form_from_data(data)
    assert any("initial_budgte" in d for d in info.value.details)


def test_float_money_is_refused() -> None:
    with pytest.raises(FormReadError):
        form_from_data({"department": "x", "year": 2022, "funds": {"initial_budget": 0.1}})


def test_not_json_gives_a_chinese_message() -> None:
    with pytest.raises(FormReadError) as info:
        form_from_json("{not json")
    assert "JSON" in info.value.message


def test_form_type_defaults_to_department() -> None:
    form = form_from_data({"department": "某局", "year": 2023})
    assert isinstance(form, DepartmentForm)


# Any text a form can hold: U+0000 is dropped on the way (see the NUL test below).
_text = st.text(st.characters(exclude_characters="\x00"), max_size=30)
_money = st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False)
_indicators = st.builds(
    TaskIndicator, name=_text, target=st.none() | _text, actual=st.none() | _text
)
_tasks = st.builds(
    Task,
    number=st.integers(min_value=1, max_value=99),
    expected_goal=_text,
    achievement=_text,
    funds=st.none() | _money,
    indicators=st.lists(_indicators, max_size=4),
)


@given(
    department=_text,
    year=st.integers(min_value=1949, max_value=2200),
    tasks=st.lists(_tasks, max_size=4),
    problems=_text,
)
def test_json_round_trip_is_identity(
    department: str, year: int, tasks: list[Task], problems: str
) -> None:
    form = DepartmentForm(department=department, year=year, tasks=tasks, problems=problems)
    assert form_from_json(form_to_json(form)) == form
    assert form_to_json(form_from_json(form_to_json(form))) == form_to_json(form)


def test_a_nul_character_is_dropped_from_every_text_read_or_written() -> None:
    # It comes from damaged files and odd clients, and PostgreSQL cannot store it.
    data = json.loads(SEED_JSON.read_text(encoding="utf-8"))
    data["problems"] = "部分\x00项目"
    data["notes"] = ["注\x00一"]
    data["tasks"][0]["indicators"][0]["actual"] = "99.10%\x00"
    form = form_from_data(data)
    assert form.problems == "部分项目" and form.notes == ["注一"]
    assert form.tasks[0].indicators[0].actual == "99.10%"
    # A form built in code (an importer's) is cleaned on its way out.
    built = form.model_copy(update={"overall_performance": "整体\x00绩效"})
    assert form_to_data(built)["overall_performance"] == "整体绩效"
