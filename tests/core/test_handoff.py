from decimal import Decimal

import pytest

from jixiao.core.handoff import (
    HandoffError,
    project_self_evaluation_from_targets,
    self_evaluation_from_targets,
)
from jixiao.core.model import DepartmentForm
from jixiao.core.model.project import IndicatorNature
from jixiao.core.monitoring import (
    BudgetExecution,
    DeviationReason,
    ExecutionKind,
    IndicatorMonitoring,
    MonitoringForm,
)
from jixiao.core.serialization import form_from_json, form_to_json
from jixiao.core.targets import (
    DepartmentTargets,
    ProjectTargets,
    TargetIndicator,
    TargetTask,
    targets_from_previous,
)

DEPARTMENT = "中国共产党广州市天河区委员会政法委员会"
PROJECT = "网格化服务管理信息系统运行维护项目"


def department_targets() -> DepartmentTargets:
    return DepartmentTargets(
        department=DEPARTMENT,
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
                        name="社会矛盾纠纷化解处置率",
                        nature=IndicatorNature.AT_LEAST,
                        value="98",
                        unit="%",
                    ),
                    TargetIndicator(name="刑事案件立案率", value="同比下降5%"),
                ],
            )
        ],
        projects=[
            ProjectTargets(project_name=PROJECT, key=True),
            ProjectTargets(project_name="一般项目"),
        ],
    )


def unit_monitoring(month: int, actual: str, name: str = DEPARTMENT) -> MonitoringForm:
    return MonitoringForm(
        kind=ExecutionKind.UNIT,
        name=name,
        year=2023,
        month=month,
        execution=BudgetExecution(
            kind=ExecutionKind.UNIT,
            name=name,
            year=2023,
            initial_budget="2000.00",
            annual_budget="1800.00",
            monthly_spending=dict.fromkeys(range(1, month + 1), Decimal("150.00")),
        ),
        indicators=[
            IndicatorMonitoring(task_number=1, name="社会矛盾纠纷化解处置率", actual_to_date=actual)
        ],
    )


def test_the_self_evaluation_opens_with_the_targets_goals_tasks_and_targets() -> None:
    form = self_evaluation_from_targets(department_targets())
    assert form.year == 2023
    assert form.title == f"2023年度{DEPARTMENT}部门整体支出绩效自评表"
    assert form.annual_goals.expected == ["全面营造安全稳定的政治社会环境"]
    task = form.tasks[0]
    assert (task.number, task.expected_goal, task.funds) == (
        1,
        "妥善化解社会矛盾纠纷",
        Decimal("10.00"),
    )
    assert [(i.name, i.target) for i in task.indicators] == [
        ("社会矛盾纠纷化解处置率", "≥98%"),
        ("刑事案件立案率", "同比下降5%"),
    ]
    assert [p.name for p in form.key_projects] == [PROJECT]
    assert form.funds.initial_budget == Decimal("2000.00")


def test_the_latest_monitoring_month_gives_the_actuals_and_the_money() -> None:
    monitoring = [unit_monitoring(11, "98.6%"), unit_monitoring(7, "97.0%")]
    form = self_evaluation_from_targets(department_targets(), monitoring)
    assert form.tasks[0].indicators[0].actual == "98.6%"
    assert form.tasks[0].indicators[1].actual is None  # not monitored
    funds = form.funds
    # 11 months × 150 = 1650 spent of an adjusted 1800: 91.67%; |1800 − 2000| / 2000 = 10%.
    assert funds.adjusted_budget == Decimal("1800.00")
    assert funds.actual_spending == Decimal("1650.00")
    assert funds.adjustment == Decimal("200.00")
    assert funds.completion_rate == Decimal("91.67")
    assert funds.adjustment_rate == Decimal("10")


def test_monitoring_of_another_unit_is_ignored() -> None:
    form = self_evaluation_from_targets(
        department_targets(), unit_monitoring(11, "99%", name="别的单位")
    )
    assert form.tasks[0].indicators[0].actual is None
    assert form.funds.actual_spending is None


def test_the_pre_filled_form_is_a_valid_form_file() -> None:
    form = self_evaluation_from_targets(department_targets(), unit_monitoring(11, "98.6%"))
    assert form_from_json(form_to_json(form)) == form


def test_next_years_self_evaluation_starts_from_the_seed(seed_form: DepartmentForm) -> None:
    form = self_evaluation_from_targets(targets_from_previous(seed_form))
    assert form.year == 2023
    assert [len(t.indicators) for t in form.tasks] == [3, 6, 3]
    assert form.tasks[1].indicators[3].target == "2900处"
    assert all(i.actual is None for t in form.tasks for i in t.indicators)


def project_targets() -> ProjectTargets:
    return ProjectTargets(
        project_name=PROJECT,
        department=DEPARTMENT,
        implementing_unit="天河区委政法委",
        year=2023,
        budget="240.00",
        current_year_appropriation="240.00",
        goal="保障网格化系统稳定运行",
        indicators=[
            TargetIndicator(
                level1="产出指标",
                level2="质量指标",
                name="系统正常运行率",
                nature=IndicatorNature.AT_LEAST,
                value="99",
                unit="%",
                weight="20",
            ),
            TargetIndicator(
                level1="满意度指标",
                level2="服务对象满意度指标",
                name="网格员满意度",
                value="≥90%",
                weight="10",
            ),
        ],
    )


def project_monitoring() -> MonitoringForm:
    return MonitoringForm(
        kind=ExecutionKind.PROJECT,
        name=PROJECT,
        year=2023,
        month=10,
        execution=BudgetExecution(
            kind=ExecutionKind.PROJECT,
            name=PROJECT,
            year=2023,
            annual_budget="200.00",
            monthly_spending=dict.fromkeys(range(1, 11), Decimal("15.00")),
        ),
        indicators=[
            IndicatorMonitoring(
                name="系统正常运行率",
                actual_to_date="98.5%",
                deviation_reason=DeviationReason.HARDWARE,
                deviation_analysis="服务器老化，已申请更换",
            )
        ],
    )


def test_the_project_form_opens_with_indicators_weights_and_monitoring_progress() -> None:
    form = project_self_evaluation_from_targets(project_targets(), [project_monitoring()])
    first, second = form.indicators
    assert (first.level1, first.level2, first.name) == ("产出指标", "质量指标", "系统正常运行率")
    assert (first.target, first.actual, first.weight) == ("≥99%", "98.5%", Decimal("20"))
    assert first.deviation_reason == "【硬件条件保障】服务器老化，已申请更换"
    assert (second.target, second.actual, second.deviation_reason) == ("≥90%", None, "")


def test_the_project_funds_take_the_adjusted_budget_and_spending_to_date() -> None:
    funds = project_self_evaluation_from_targets(project_targets(), project_monitoring()).funds
    # 10 × 15 = 150 of 200: 75%.
    assert funds.total.initial_budget == Decimal("240.00")
    assert funds.total.annual_budget == Decimal("200.00")
    assert funds.total.executed == Decimal("150.00")
    assert funds.execution_rate == Decimal("75.00")
    assert funds.weight == Decimal("10")
    assert funds.current_year_appropriation.initial_budget == Decimal("240.00")


def test_project_targets_without_a_year_take_the_monitoring_year_or_are_refused() -> None:
    targets = project_targets().model_copy(update={"year": None})
    assert project_self_evaluation_from_targets(targets, project_monitoring()).year == 2023
    with pytest.raises(HandoffError) as caught:
        project_self_evaluation_from_targets(targets)
    assert "没有年度" in caught.value.message
