"""The labels of published tables, loaded from ``data/published_tables.json``: a province's
spelling of a column is a line of data, not code."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Vocabulary:
    project_titles: tuple[str, ...]
    department_titles: tuple[str, ...]
    report_words: tuple[str, ...]
    head_labels: dict[str, tuple[str, ...]]
    head_stops: tuple[str, ...]
    funds_columns: dict[str, tuple[str, ...]]
    funds_rows: dict[str, tuple[str, ...]]
    funds_other_rows: tuple[str, ...]
    indicator_columns: dict[str, tuple[str, ...]]
    indicator_ends: tuple[str, ...]
    level1_names: tuple[str, ...]
    level2_names: tuple[str, ...]
    money_units: dict[str, tuple[str, ...]]
    rubric_columns: dict[str, tuple[str, ...]]
    department_heads: dict[str, tuple[str, ...]]

    def match(self, table: dict[str, tuple[str, ...]], key: str) -> str | None:
        """The name in ``table`` whose spellings include ``key`` exactly."""
        for name, spellings in table.items():
            if key in spellings:
                return name
        return None

    def head_label(self, key: str) -> str | None:
        return self.match(self.head_labels, key)


def _tuples(data: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    return {name: tuple(spellings) for name, spellings in data.items()}


@cache
def vocabulary() -> Vocabulary:
    path = resources.files("jixiao.formats.tableread") / "data" / "published_tables.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return Vocabulary(
        project_titles=tuple(data["project_titles"]),
        department_titles=tuple(data["department_titles"]),
        report_words=tuple(data["report_words"]),
        head_labels=_tuples(data["head_labels"]),
        head_stops=tuple(data["head_stops"]),
        funds_columns=_tuples(data["funds_columns"]),
        funds_rows=_tuples(data["funds_rows"]),
        funds_other_rows=tuple(data["funds_other_rows"]),
        indicator_columns=_tuples(data["indicator_columns"]),
        indicator_ends=tuple(data["indicator_ends"]),
        level1_names=tuple(data["level1_names"]),
        level2_names=tuple(data["level2_names"]),
        money_units=_tuples(data["money_units"]),
        rubric_columns=_tuples(data["rubric_columns"]),
        department_heads=_tuples(data["department_heads"]),
    )
