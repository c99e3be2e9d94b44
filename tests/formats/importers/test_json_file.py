"""A form saved as JSON is importable, one form or an array of them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from jixiao.core.serialization import form_to_data
from jixiao.formats.importing import ImportFailure, import_bytes
from jixiao.formats.registry import importer_for
from tests.conftest import SEED_JSON


def test_a_form_json_reads_back_as_the_same_form(seed_data: dict[str, Any]) -> None:
    results = import_bytes(SEED_JSON.read_bytes(), "form.json")
    assert [form_to_data(r.form) for r in results] == [seed_data]


def test_an_array_holds_several_forms(seed_data: dict[str, Any]) -> None:
    data = json.dumps([seed_data, seed_data], ensure_ascii=False).encode()
    assert len(import_bytes(data, "forms")) == 2


def test_json_is_recognised_by_content_whatever_the_name() -> None:
    importer = importer_for(SEED_JSON.read_bytes(), "download")
    assert importer is not None and importer.name == "json"


def test_the_second_bad_form_of_an_array_is_named(seed_data: dict[str, Any]) -> None:
    data = json.dumps([seed_data, {"department": "x", "year": 1800}], ensure_ascii=False).encode()
    with pytest.raises(ImportFailure, match="第2张表"):
        import_bytes(data, "forms.json")
