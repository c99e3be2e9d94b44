"""Forms generated for the importer round trips: many indicators over several pages, several
key projects, very long names. Every derived figure is stated as the core computes it at the
printed precision, so the form printed is exactly the form stated."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core import computations
from jixiao.core.model import (
    AnnualGoals,
    DepartmentForm,
    DepartmentFunds,
    KeyProject,
    ProjectForm,
    SpendingBySource,
    Task,
    TaskIndicator,
)
from jixiao.core.money import round_rate
from jixiao.core.rulesets import default_ruleset_id, load_ruleset

_WORDS = "推进基层治理现代化完善公共法律服务体系加强平安建设提升群众安全感和满意度"


def chinese_text(length: int, seed: int = 0) -> str:
    """``length`` characters of plausible Chinese with a comma now and then."""
    out = []
    for i in range(length):
        if i % 17 == 16 and i != length - 1:
            out.append("，")
        else:
            out.append(_WORDS[(i * 7 + seed) % len(_WORDS)])
    return "".join(out)


def consistent_funds(
    initial: str, adjusted: str, actual: str, precision: tuple[int, int] = (2, 0)
) -> DepartmentFunds:
    rules = load_ruleset(default_ruleset_id("department_overall"))
    funds = DepartmentFunds(
        initial_budget=Decimal(initial),
        adjusted_budget=Decimal(adjusted),
        actual_spending=Decimal(actual),
        spending_by_source=SpendingBySource(general_public_budget=Decimal(actual)),
    )
    funds.adjustment = computations.budget_adjustment(funds, rules)
    completion = computations.completion_rate(funds)
    adjustment = computations.adjustment_rate(funds, rules)
    assert completion is not None and adjustment is not None
    funds.completion_rate = round_rate(completion, rules.rate_precision.completion_rate)
    funds.adjustment_rate = round_rate(adjustment, rules.rate_precision.adjustment_rate)
    return funds


def department_form(
    indicators: int = 60,
    tasks: int = 3,
    key_projects: int = 3,
    name_length: int = 12,
) -> DepartmentForm:
    """A department form whose ``indicators`` key indicators are spread over ``tasks`` tasks;
    department, indicator and key project names are ``name_length`` characters long."""
    per_task = [indicators // tasks + (1 if t < indicators % tasks else 0) for t in range(tasks)]
    task_list = []
    n = 0
    for t, count in enumerate(per_task):
        items = []
        for _ in range(count):
            n += 1
            items.append(
                TaskIndicator(
                    name=f"指标{n}" + chinese_text(name_length - 3 - len(str(n)), n),
                    actual=f"{n * 3}件" if n % 3 else f"完成{chinese_text(8, n)}",
                )
            )
        task_list.append(
            Task(
                number=t + 1,
                expected_goal=chinese_text(40, t) + "。",
                achievement=chinese_text(60, t + 5) + "。",
                funds=Decimal(f"{(t + 1) * 12.5:.2f}"),
                indicators=items,
            )
        )
    return DepartmentForm(
        attachment_label="附件2",
        title="2023年度某区某局部门整体支出绩效自评表",
        department="某区" + chinese_text(name_length - 3, 3) + "局",
        consolidated=False,
        year=2023,
        funds=consistent_funds("1200.00", "1350.50", "1288.88"),
        annual_goals=AnnualGoals(
            expected=[chinese_text(30, g) for g in range(3)], achieved=chinese_text(150, 9) + "。"
        ),
        tasks=task_list,
        key_projects=[
            KeyProject(
                name=f"重点项目{k + 1}" + chinese_text(name_length - 5, k),
                indicator_completion="项目绩效指标均完成，指标完成率100%。",
                achievements=[chinese_text(50 + 10 * a, a) + "。" for a in range(3)],
            )
            for k in range(key_projects)
        ],
        overall_performance=chinese_text(300, 1) + "。",
        problems=chinese_text(80, 2) + "。",
        improvements=chinese_text(120, 4) + "。",
        notes=["每个部门至少开展一个重点项目绩效评价。", "各预算主管部门汇总后统一报送。"],
    )


_LEVELS = (
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("效益指标", "社会效益指标"),
    ("满意度指标", "服务对象满意度指标"),
)


def project_form(indicators: int = 60, name_length: int = 10) -> ProjectForm:
    """A project form with ``indicators`` met quantitative indicators sharing 90 points, so
    the score card's points and scores are the stated ones (with 9.50 for execution)."""
    weight = Decimal(90) / indicators
    rows = []
    for n in range(indicators):
        level1, level2 = _LEVELS[min(n * len(_LEVELS) // indicators, len(_LEVELS) - 1)]
        rows.append(
            {
                "level1": level1,
                "level2": level2,
                "name": f"指标{n + 1}" + chinese_text(name_length - 3, n),
                "nature": "≥",
                "unit": "个",
                "target": f"≥{n + 10}个",
                "actual": f"{n + 12}个",
                "weight": weight,
                "score": weight,
            }
        )
    return ProjectForm.model_validate(
        {
            "title": "2023年度项目支出绩效自评表",
            "year": 2023,
            "project_name": "某区" + chinese_text(name_length, 2) + "项目",
            "department": "某区政法委员会",
            "implementing_unit": "某区社会治理综合服务中心",
            "funds": {
                "total": {
                    "initial_budget": "200.00",
                    "annual_budget": "200.00",
                    "executed": "190.00",
                },
                "current_year_appropriation": {
                    "initial_budget": "180.00",
                    "annual_budget": "180.00",
                    "executed": "172.00",
                },
                "carried_over": {
                    "initial_budget": "20.00",
                    "annual_budget": "20.00",
                    "executed": "18.00",
                },
                "weight": "10",
                "execution_rate": "95.00",
                "score": "9.50",
            },
            "goal_expected": chinese_text(80, 1) + "。",
            "goal_actual": chinese_text(120, 2) + "。",
            "indicators": rows,
            "total_score": Decimal(90) + Decimal("9.50"),
            "grade": "优",
            "conclusion": chinese_text(40, 3) + "。",
            "problems": chinese_text(40, 4) + "。",
            "measures": chinese_text(40, 5) + "。",
        }
    )


def long_department_form() -> DepartmentForm:
    """60 indicators over several pages, three key projects, and 500-character names: the
    department, an indicator (its row is taller than a page) and a key project."""
    form = department_form(60, 3, 3, 12)
    form.department = "某区" + chinese_text(496, 5) + "局"
    form.tasks[1].indicators[4].name = chinese_text(500, 9)
    form.key_projects[1].name = chinese_text(500, 11)
    return form


def long_project_form() -> ProjectForm:
    form = project_form(60, 10)
    form.indicators[30].name = chinese_text(500, 9)
    form.project_name = chinese_text(500, 3)
    return form
