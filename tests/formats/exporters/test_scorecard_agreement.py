"""Issue 10, defect 1: the printed layout (PDF, XLSX, HTML) shows the score card's figures.

The layout used to recompute the execution score, total and grade itself and printed 9.50 /
94.38 / 优 where the score card said 0.00 / 84.88 / 良 (no 全年预算数), and −0.50 for a
negative 执行数. These forms are the reviewer's cases; the layout must agree with
``score_project`` on every scored cell.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from jixiao.core.model import ProjectForm
from jixiao.core.rulesets import load_ruleset
from jixiao.core.scoring import score_project
from jixiao.core.serialization import form_from_data
from jixiao.formats.layouts import sheet_for
from tests.conftest import FIXTURES


def _sample(total: dict[str, Any]) -> ProjectForm:
    data = json.loads((FIXTURES / "sample_project_form.json").read_text(encoding="utf-8"))
    data["funds"]["total"] = total
    form = form_from_data(data)
    assert isinstance(form, ProjectForm)
    return form


NO_BUDGET = {"initial_budget": None, "annual_budget": None, "executed": "190.00"}
NEGATIVE = {"initial_budget": "200.00", "annual_budget": "200.00", "executed": "-10.00"}


@pytest.mark.parametrize("total", [NO_BUDGET, NEGATIVE], ids=["no-budget", "negative-executed"])
def test_printed_scores_are_the_score_cards(total: dict[str, Any]) -> None:
    form = _sample(total)
    rules = load_ruleset("national")
    card = score_project(form, rules)
    cells = sheet_for(form, rules=rules).by_key()
    execution = next(line for line in card.lines if line.path == "funds.total")
    assert execution.score == Decimal("0.00")
    assert cells["funds.score"].number == execution.score
    assert cells["total_score"].number == card.total
    assert cells["grade"].text == card.grade
    for line in card.lines[1:]:
        assert cells[f"{line.path}.score"].number == line.score
        assert cells[f"{line.path}.weight"].number == line.points


def test_reviewers_figures_for_a_form_without_budget() -> None:
    """The figures the issue quotes, so the case stays what it was filed as."""
    form = _sample(NO_BUDGET)
    cells = sheet_for(form, rules=load_ruleset("national")).by_key()
    assert (cells["funds.score"].number, cells["total_score"].number, cells["grade"].text) == (
        Decimal("0.00"),
        Decimal("84.88"),
        "良",
    )
    # Points and scores print without trailing zeros when whole (``0``, ``10``).
    assert (cells["funds.score"].text, cells["total_score"].text) == ("0", "84.88")
