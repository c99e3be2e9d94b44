"""Fixtures for the importer tests: the seed text and the hand-written variant texts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED_JSON, SEED_TEXT

DATA = Path(__file__).parent / "data"


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED_TEXT.read_bytes()


@pytest.fixture
def seed_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SEED_JSON.read_text(encoding="utf-8"))
    return data
