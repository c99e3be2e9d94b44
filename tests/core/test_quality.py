from hypothesis import given
from hypothesis import strategies as st

from jixiao.core.model import DepartmentForm
from jixiao.core.model.project import IndicatorNature
from jixiao.core.quality import check_indicators, last_year_actuals_of
from jixiao.core.targets import (
    DepartmentTargets,
    ProjectTargets,
    TargetIndicator,
    TargetTask,
    targets_from_previous,
)
from jixiao.core.validation import Finding, Severity


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def row(name: str, value: str | None, **fields: object) -> TargetIndicator:
    return TargetIndicator.model_validate({"name": name, "value": value, **fields})


def test_the_seeds_unmeasurable_indicators_are_flagged_in_next_years_targets(
    seed_form: DepartmentForm,
) -> None:
    targets = targets_from_previous(seed_form)
    findings = check_indicators(targets, last_year_actuals_of(seed_form))
    unmeasurable = {f.path: f.message for f in findings if f.code == "indicator.not_quantifiable"}
    assert set(unmeasurable) == {
        "tasks[0].indicators[1].value",  # …排名全市前列
        "tasks[1].indicators[5].value",  # 持续开展人口数据的常态化治理工作
        "tasks[2].indicators[2].value",  # the 法治政府建设 narrative
    }
    assert "请改为可量化的指标，如：排名全市前5名" in unmeasurable["tasks[0].indicators[1].value"]
    assert "不少于12次" in unmeasurable["tasks[1].indicators[5].value"]


def test_the_seeds_measurable_indicators_pass(seed_form: DepartmentForm) -> None:
    targets = targets_from_previous(seed_form)
    flagged = {f.path.rsplit(".", 1)[0] for f in check_indicators(targets)}
    assert "tasks[0].indicators[0]" not in flagged  # 99.10%
    assert "tasks[1].indicators[0]" not in flagged  # 3525人次


def test_a_long_narrative_value_is_shortened_in_the_message(seed_form: DepartmentForm) -> None:
    findings = check_indicators(targets_from_previous(seed_form))
    narrative = next(f for f in findings if f.path == "tasks[2].indicators[2].value")
    assert "…" in narrative.message
    assert len(narrative.message) < 150


def test_an_indicator_without_a_value_is_an_error() -> None:
    [finding] = check_indicators([row("培训人次", None)])
    assert finding.code == "indicator.no_value"
    assert finding.severity is Severity.ERROR
    assert finding.path == "indicators[0].value"


def test_a_number_without_a_unit_asks_for_one() -> None:
    findings = check_indicators([row("培训人次", "500"), row("办结率", "95", unit="%")])
    assert codes(findings) == ["indicator.no_unit"]
    assert findings[0].path == "indicators[0].unit"


def test_operator_value_and_unit_fields_make_one_target() -> None:
    indicator = row("办结率", "95", unit="%", nature=IndicatorNature.AT_LEAST)
    assert indicator.target_text == "≥95%"
    assert (
        row("排名", "排名全市前5名", nature=IndicatorNature.AT_MOST).target_text == "排名全市前5名"
    )


def test_a_declared_qualitative_indicator_is_allowed_unless_it_counts_something() -> None:
    qualitative = IndicatorNature.QUALITATIVE
    assert check_indicators([row("社会影响", "效果明显", nature=qualitative)]) == []
    counted = row("活动场次", "若干场", nature=qualitative, level2="数量指标")
    assert codes(check_indicators([counted])) == ["indicator.not_quantifiable"]


def test_satisfaction_among_the_benefits_is_flagged() -> None:
    project = ProjectTargets(
        project_name="来穗人员服务项目",
        indicators=[
            row("服务场次", "≥100场", level1="产出指标", level2="数量指标"),
            row("服务对象满意度", "≥90%", level1="效益指标", level2="社会效益指标"),
        ],
    )
    findings = check_indicators(project)
    assert codes(findings) == ["indicator.satisfaction_as_benefit"]
    assert findings[0].path == "indicators[1].level1"


def test_a_project_that_only_measures_satisfaction_lacks_a_benefit() -> None:
    project = ProjectTargets(
        project_name="来穗人员服务项目",
        indicators=[
            row("服务场次", "≥100场", level1="产出指标", level2="数量指标"),
            row("服务对象满意度", "≥90%", level1="满意度指标", level2="服务对象满意度指标"),
        ],
    )
    assert codes(check_indicators(project)) == ["project.no_benefit_indicator"]


def test_money_or_staff_as_an_output_is_flagged_but_people_served_are_not() -> None:
    findings = check_indicators(
        [
            row("预算执行率", "≥90%", level1="产出指标"),
            row("驻点工作人员数量", "≥5人", level1="产出指标"),
            row("受理来穗人员随迁子女入学报名", "≥3000人次", level1="产出指标"),
            row("项目经费控制", "≤200万元", level1="产出指标", level2="成本指标"),
        ]
    )
    assert [(f.code, f.path) for f in findings] == [
        ("indicator.input_as_output", "indicators[0].name"),
        ("indicator.input_as_output", "indicators[1].name"),
    ]


def test_a_target_far_below_last_years_actual_is_too_easy() -> None:
    rows = [row("整治城中村安全隐患", "≥2000处"), row("开展来穗融合活动场次", "≥130场")]
    last_year = {"整治城中村安全隐患": "2900处", "开展来穗融合活动场次": "142场"}
    findings = check_indicators(rows, last_year)
    # 2000 is 69% of 2900 (more than 20% below); 130 is 92% of 142.
    assert codes(findings) == ["indicator.too_easy"]
    assert findings[0].path == "indicators[0].value"
    assert "69%" in findings[0].message
    assert "不低于2900处" in findings[0].message


def test_an_upper_bound_far_above_last_years_actual_is_too_easy() -> None:
    findings = check_indicators([row("投诉率", "≤5%")], {"投诉率": "2%"})
    assert codes(findings) == ["indicator.too_easy"]
    assert "不高于2%" in findings[0].message


def test_the_same_indicator_twice_in_a_task_is_a_duplicate() -> None:
    task = TargetTask(
        number=2,
        indicators=[row("整治城中村安全隐患", "≥2900处"), row("整治城中村 安全隐患", "≥3000处")],
    )
    findings = check_indicators(task)
    assert codes(findings) == ["indicator.duplicate"]
    assert findings[0].path == "indicators[1].name"
    assert "第1个指标重复" in findings[0].message


def test_the_same_name_in_two_tasks_is_not_a_duplicate() -> None:
    targets = DepartmentTargets(
        department="区委政法委",
        year=2023,
        tasks=[
            TargetTask(number=1, indicators=[row("宣传活动场次", "≥10场")]),
            TargetTask(number=2, indicators=[row("宣传活动场次", "≥20场")]),
        ],
    )
    assert check_indicators(targets) == []


def test_a_task_with_no_indicator_is_an_error() -> None:
    targets = DepartmentTargets(department="区委政法委", year=2023, tasks=[TargetTask(number=1)])
    [finding] = check_indicators(targets)
    assert finding.code == "task.no_indicator"
    assert finding.severity is Severity.ERROR
    assert finding.path == "tasks[0].indicators"


@given(st.text(max_size=40), st.text(max_size=10))
def test_any_typed_text_gives_findings_not_exceptions(name: str, value: str) -> None:
    for finding in check_indicators([TargetIndicator(name=name, value=value)]):
        assert finding.message
        assert finding.path.startswith("indicators[0]")


def test_a_library_entry_is_checked_for_its_category_and_its_value():
    from jixiao.core.quality import check_library_entry

    good = TargetIndicator(level1="产出指标", level2="数量指标", name="培训人次", unit="人次")
    assert check_library_entry(good) == []
    odd = TargetIndicator(level1="产出指标", level2="社会效益", name="培训人次", unit="人次")
    assert [f.code for f in check_library_entry(odd)] == ["indicator.category"]
    vague = TargetIndicator(
        level1="效益指标", level2="社会效益指标", name="群众获得感", value="明显提升"
    )
    assert [f.code for f in check_library_entry(vague)] == ["indicator.not_quantifiable"]
