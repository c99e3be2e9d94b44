from decimal import Decimal

import pytest

from jixiao.core.model import DepartmentForm
from jixiao.core.model.project import IndicatorNature
from jixiao.core.targets import (
    DepartmentTargets,
    ProjectTargets,
    TargetIndicator,
    TargetsReadError,
    TargetTask,
    targets_from_json,
    targets_from_previous,
    targets_to_json,
)


def sample_targets() -> DepartmentTargets:
    return DepartmentTargets(
        department="中国共产党广州市天河区委员会政法委员会",
        year=2023,
        budget="2000.00",
        annual_goals=["全面营造安全稳定的政治社会环境"],
        tasks=[
            TargetTask(
                number=1,
                goal="妥善化解社会矛盾纠纷",
                funds="10.00",
                indicators=[
                    TargetIndicator(
                        level1="产出指标",
                        level2="质量指标",
                        name="社会矛盾纠纷化解处置率",
                        nature=IndicatorNature.AT_LEAST,
                        value="98",
                        unit="%",
                    )
                ],
            )
        ],
        projects=[
            ProjectTargets(
                project_name="网格化服务管理信息系统运行维护项目",
                key=True,
                budget="120.50",
                indicators=[TargetIndicator(name="系统正常运行率", value="≥99%", weight="20")],
            )
        ],
    )


def test_targets_survive_a_json_round_trip_with_money_as_strings() -> None:
    targets = sample_targets()
    text = targets_to_json(targets)
    assert '"budget": "120.50"' in text
    assert targets_from_json(text) == targets
    assert targets_from_json(text).projects[0].budget == Decimal("120.50")


def test_a_typo_in_a_key_is_refused_in_chinese() -> None:
    text = targets_to_json(sample_targets()).replace('"goal"', '"goals"', 1)
    with pytest.raises(TargetsReadError) as caught:
        targets_from_json(text)
    assert "不符合格式要求" in caught.value.message


def test_text_that_is_not_json_is_refused_in_chinese() -> None:
    with pytest.raises(TargetsReadError) as caught:
        targets_from_json("{not json")
    assert caught.value.message == "不是有效的 JSON 文件"


def test_next_years_draft_copies_goals_tasks_and_last_completions(
    seed_form: DepartmentForm,
) -> None:
    targets = targets_from_previous(seed_form)
    assert targets.year == 2023
    assert targets.annual_goals == seed_form.annual_goals.expected
    assert [t.funds for t in targets.tasks] == [
        Decimal("10.00"),
        Decimal("113.12"),
        Decimal("33.39"),
    ]
    assert targets.tasks[1].indicators[3].value == "2900处"
    assert [p.project_name for p in targets.projects] == [seed_form.key_projects[0].name]
    assert targets.projects[0].key is True
