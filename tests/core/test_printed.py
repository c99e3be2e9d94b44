"""Printed figures beside computed ones: the seed's and the sample project's agree, and a
changed printed figure is caught."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from jixiao.core.model import ProjectForm
from jixiao.core.printed import NOT_COMPUTABLE, department_checks, project_checks
from jixiao.core.rulesets import default_ruleset_id, load_ruleset
from jixiao.core.scoring import score_project
from jixiao.core.serialization import form_from_json

SAMPLE_PROJECT = Path(__file__).parents[1] / "fixtures" / "sample_project_form.json"
DEPARTMENT_RULES = load_ruleset(default_ruleset_id("department_overall"))
PROJECT_RULES = load_ruleset(default_ruleset_id("project"))


def _by_path(checks):
    return {c.path: c for c in checks}


def _project() -> ProjectForm:
    form = form_from_json(SAMPLE_PROJECT.read_text(encoding="utf-8"))
    assert isinstance(form, ProjectForm)
    return form


def test_the_seeds_printed_figures_all_follow_from_its_inputs(seed_form):
    checks = _by_path(department_checks(seed_form, DEPARTMENT_RULES))
    # |1985.28 − 2803.45| = 818.17
    assert (checks["funds.adjustment"].printed, checks["funds.adjustment"].computed) == (
        "818.17",
        "818.17",
    )
    # 1961.88 / 1985.28 = 98.821…%
    assert checks["funds.completion_rate"].computed == "98.82%"
    # 818.17 / 2803.45 = 29.184…%, printed without decimals
    assert checks["funds.adjustment_rate"].printed == "29%"
    assert checks["funds.adjustment_rate"].computed == "29%（29.18%）"
    assert all(c.agrees is True for c in checks.values())


def test_a_printed_rate_that_does_not_follow_is_marked(seed_form):
    seed_form.funds.completion_rate = D("98.00")
    check = _by_path(department_checks(seed_form, DEPARTMENT_RULES))["funds.completion_rate"]
    assert (check.printed, check.computed, check.agrees) == ("98.00%", "98.82%", False)


def test_spending_that_differs_from_its_sources_is_marked(seed_form):
    seed_form.funds.actual_spending = D("1900.00")
    check = _by_path(department_checks(seed_form, DEPARTMENT_RULES))["funds.actual_spending"]
    assert (check.printed, check.computed, check.agrees) == ("1900.00", "1961.88", False)


def test_a_figure_not_printed_or_not_computable_gets_no_verdict(seed_form):
    seed_form.funds.adjustment = None
    seed_form.funds.adjusted_budget = D("0")
    checks = _by_path(department_checks(seed_form, DEPARTMENT_RULES))
    assert checks["funds.adjustment"].printed == ""
    assert checks["funds.adjustment"].agrees is None
    assert checks["funds.completion_rate"].computed == NOT_COMPUTABLE
    assert checks["funds.completion_rate"].agrees is None


def test_the_sample_projects_printed_scores_agree_with_its_score_card():
    form = _project()
    checks = project_checks(form, PROJECT_RULES, score_project(form, PROJECT_RULES))
    by_path = _by_path(checks)
    # 190 / 200 = 95%; 95% × 10 = 9.50
    assert by_path["funds.execution_rate"].computed == "95.00%"
    assert by_path["funds.total.score"].computed == "9.50"
    # 27000 / 30000 × 15 = 13.5, printed "13.5"
    assert (by_path["indicators[1].score"].printed, by_path["indicators[1].score"].computed) == (
        "13.5",
        "13.50",
    )
    assert (by_path["total_score"].computed, by_path["grade"].computed) == ("94.38", "优")
    assert all(c.agrees is True for c in checks), [c for c in checks if not c.agrees]
    assert len(checks) == 1 + 1 + len(form.indicators) + 2


def test_a_printed_total_and_grade_that_do_not_follow_are_marked():
    form = _project()
    form.total_score, form.grade = D("96"), "优"
    form.indicators[1].score = D("15")
    by_path = _by_path(project_checks(form, PROJECT_RULES, score_project(form, PROJECT_RULES)))
    assert by_path["total_score"].agrees is False
    assert by_path["indicators[1].score"].agrees is False
    assert by_path["grade"].agrees is True
    form.grade = "良"
    by_path = _by_path(project_checks(form, PROJECT_RULES, score_project(form, PROJECT_RULES)))
    assert by_path["grade"].agrees is False
