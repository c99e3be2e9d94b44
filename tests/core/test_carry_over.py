"""Starting a form: blank, or from last year's with the structure kept and the results cleared."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from jixiao.core.carry_over import (
    blank_department_form,
    blank_project_form,
    carry_over,
    retitle,
)
from jixiao.core.model import (
    AnnualGoals,
    DepartmentForm,
    DepartmentFunds,
    KeyProject,
    ProjectForm,
    Task,
    TaskIndicator,
)
from jixiao.core.serialization import form_from_json, form_to_data

SAMPLE_PROJECT = Path(__file__).parents[1] / "fixtures" / "sample_project_form.json"


def _project() -> ProjectForm:
    form = form_from_json(SAMPLE_PROJECT.read_text(encoding="utf-8"))
    assert isinstance(form, ProjectForm)
    return form


def test_the_seed_carried_to_next_year_keeps_its_goals_tasks_and_indicator_names(seed_form):
    new = carry_over(seed_form, 2023)
    assert new.year == 2023
    assert new.title == "2023年度中国共产党广州市天河区委员会政法委员会部门整体支出绩效自评表"
    assert new.department == seed_form.department
    assert new.annual_goals.expected == seed_form.annual_goals.expected
    assert [t.expected_goal for t in new.tasks] == [t.expected_goal for t in seed_form.tasks]
    assert [[i.name for i in t.indicators] for t in new.tasks] == [
        [i.name for i in t.indicators] for t in seed_form.tasks
    ]
    assert [p.name for p in new.key_projects] == [p.name for p in seed_form.key_projects]
    assert new.notes == seed_form.notes


def test_the_seed_carried_over_has_no_amount_actual_or_narrative_left(seed_form):
    new = carry_over(seed_form, 2023)
    assert new.funds == DepartmentFunds()
    assert new.annual_goals.achieved == ""
    assert all(t.funds is None and t.achievement == "" for t in new.tasks)
    assert all(i.actual is None for t in new.tasks for i in t.indicators)
    assert all(p.indicator_completion == "" and not p.achievements for p in new.key_projects)
    assert (new.overall_performance, new.problems, new.improvements) == ("", "", "")


def test_indicator_targets_are_carried_with_their_names():
    form = DepartmentForm(
        department="某单位",
        year=2022,
        tasks=[
            Task(
                number=1,
                funds="12.50",
                indicators=[TaskIndicator(name="调处成功率", target="≥95%", actual="98.6%")],
            )
        ],
    )
    (indicator,) = carry_over(form, 2023).tasks[0].indicators
    assert (indicator.name, indicator.target, indicator.actual) == ("调处成功率", "≥95%", None)


def test_a_project_carried_over_keeps_the_indicator_tree_targets_and_points():
    old = _project()
    new = carry_over(old, old.year + 1)
    assert new.project_name == old.project_name
    assert new.goal_expected == old.goal_expected
    assert new.funds.weight == old.funds.weight
    kept = [
        (i.level1, i.level2, i.name, i.nature, i.unit, i.target, i.weight) for i in new.indicators
    ]
    assert kept == [
        (i.level1, i.level2, i.name, i.nature, i.unit, i.target, i.weight) for i in old.indicators
    ]


def test_a_project_carried_over_has_no_funds_actuals_scores_or_conclusions():
    new = carry_over(_project(), 2030)
    rows = (new.funds.total, new.funds.current_year_appropriation, new.funds.carried_over)
    assert all(r.initial_budget is None and r.executed is None for r in rows)
    assert new.funds.execution_rate is None and new.funds.score is None
    assert new.goal_actual == ""
    for indicator in new.indicators:
        assert indicator.actual is None and indicator.score is None
        assert indicator.rating is None and indicator.deviation_reason == ""
    assert (new.total_score, new.grade) == (None, None)
    assert (new.conclusion, new.problems, new.measures) == ("", "", "")


def test_the_title_changes_only_the_evaluated_year():
    assert retitle("2022年度某单位部门整体支出绩效自评表", 2022, 2023) == (
        "2023年度某单位部门整体支出绩效自评表"
    )
    assert retitle("12022年 2022 年度", 2022, 2023) == "12022年 2023 年度"
    assert retitle("项目支出绩效自评表", 2022, 2023) == "项目支出绩效自评表"


def test_a_blank_department_form_has_one_of_each_row_to_fill():
    form = blank_department_form(department="天河区某中心", year=2023)
    assert form.title == "2023年度天河区某中心部门整体支出绩效自评表"
    assert form.annual_goals.expected == [""]
    assert len(form.tasks) == 1 and len(form.tasks[0].indicators) == 1
    assert len(form.key_projects) == 1
    assert form.funds == DepartmentFunds()


def test_a_blank_project_form_lists_the_usual_indicator_groups():
    form = blank_project_form(project_name="视联网运维", year=2023, implementing_unit="某中心")
    assert form.project_name == "视联网运维"
    assert {i.level1 for i in form.indicators} == {"产出指标", "效益指标", "满意度指标"}
    assert all(i.name == "" and i.target is None for i in form.indicators)


# --- properties --------------------------------------------------------------------------------

texts = st.text(alphabet="任务指标完成率目标1234%≥个人次", max_size=8)
amounts = st.one_of(st.none(), st.decimals(min_value=0, max_value=10_000, places=2))
indicators = st.builds(
    TaskIndicator,
    name=texts,
    target=st.one_of(st.none(), texts),
    actual=st.one_of(st.none(), texts),
)
tasks = st.lists(
    st.builds(
        Task,
        number=st.integers(1, 9),
        expected_goal=texts,
        achievement=texts,
        funds=amounts,
        indicators=st.lists(indicators, max_size=3),
    ),
    max_size=3,
)
department_forms = st.builds(
    DepartmentForm,
    department=texts,
    year=st.integers(2000, 2100),
    funds=st.builds(
        DepartmentFunds, initial_budget=amounts, adjusted_budget=amounts, actual_spending=amounts
    ),
    annual_goals=st.builds(AnnualGoals, expected=st.lists(texts, max_size=3), achieved=texts),
    tasks=tasks,
    key_projects=st.lists(
        st.builds(
            KeyProject,
            name=texts,
            indicator_completion=texts,
            achievements=st.lists(texts, max_size=2),
        ),
        max_size=2,
    ),
    problems=texts,
)


def _money_leaves(value: object) -> list[object]:
    """Every amount-like leaf of form JSON (money and rates are decimal strings)."""
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _money_leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _money_leaves(item)]
    try:
        Decimal(str(value))
    except ArithmeticError:
        return []
    return [] if isinstance(value, (bool, int)) or value is None else [value]


@given(department_forms, st.integers(2000, 2100))
def test_carrying_over_twice_is_carrying_over_once(form, year):
    once = carry_over(form, year)
    assert carry_over(once, year) == once


@given(department_forms, st.integers(2000, 2100))
def test_no_amount_survives_and_every_row_does(form, year):
    new = carry_over(form, year)
    data = form_to_data(new)
    # Indicator names and targets are free text and may look like numbers; amounts may not.
    for task in data["tasks"]:
        for indicator in task["indicators"]:
            indicator.pop("name"), indicator.pop("target")
    data["annual_goals"].pop("expected")
    for task in data["tasks"]:
        task.pop("expected_goal")
    for project in data["key_projects"]:
        project.pop("name")
    data.pop("department"), data.pop("title")
    assert _money_leaves(data) == []
    assert len(new.tasks) == len(form.tasks)
    assert [len(t.indicators) for t in new.tasks] == [len(t.indicators) for t in form.tasks]
    assert len(new.key_projects) == len(form.key_projects)


def test_a_project_indicator_nature_is_kept_for_judging_the_new_actuals():
    new = carry_over(_project(), 2030)
    assert any(i.nature is not None for i in _project().indicators)
    assert [i.nature for i in new.indicators] == [i.nature for i in _project().indicators]
