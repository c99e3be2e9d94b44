"""A province's worth of plausible forms: a finance bureau, departments and their units (three
levels), each with a department overall form per year (about 30 indicators) and, for some units,
a project form. Deterministic for a given seed, so benchmarks compare like with like.

Figures drift from year to year like real budgets do (growth, mid-year adjustments, spending a
little under budget), and names are occasionally reworded between years so that cross-year
linking has something to find.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.model import (
    AnnualGoals,
    DepartmentForm,
    DepartmentFunds,
    FundsRow,
    KeyProject,
    ProjectForm,
    ProjectFunds,
    ProjectIndicator,
    SpendingBySource,
    Task,
    TaskIndicator,
)
from jixiao.core.model.project import IndicatorNature
from jixiao.core.money import round_money

BUREAU = "演示省财政厅"
SECTORS = (
    "教育厅",
    "卫生健康委员会",
    "交通运输厅",
    "农业农村厅",
    "生态环境厅",
    "民政厅",
    "人力资源和社会保障厅",
    "自然资源厅",
    "住房和城乡建设厅",
    "水利厅",
    "文化和旅游厅",
    "应急管理厅",
    "市场监督管理局",
    "科学技术厅",
    "司法厅",
    "公安厅",
    "商务厅",
    "体育局",
    "林业局",
    "医疗保障局",
    "统计局",
    "审计厅",
    "退役军人事务厅",
    "地方金融监督管理局",
    "政务服务数据管理局",
)
UNIT_KINDS = (
    "服务中心",
    "监测站",
    "研究院",
    "管理处",
    "事务中心",
    "保障中心",
    "培训中心",
    "执法队",
)
TASK_GOALS = (
    "保障基本公共服务供给",
    "推进重点领域改革",
    "加强基层能力建设",
    "提升信息化服务水平",
    "完善监督检查机制",
    "开展专项整治行动",
    "强化安全生产保障",
    "推进人才队伍建设",
)
INDICATOR_STEMS = (
    ("服务对象覆盖率", "%"),
    ("事项按期办结率", "%"),
    ("监督检查完成率", "%"),
    ("群众满意度", "%"),
    ("培训人次", "人次"),
    ("专项检查次数", "次"),
    ("信息系统可用率", "%"),
    ("设备完好率", "%"),
    ("项目验收合格率", "%"),
    ("问题整改率", "%"),
    ("宣传活动场次", "场"),
    ("受理咨询件数", "件"),
)
STATUS_MIX_OLD = (("published", 85), ("finance_approved", 10), ("dept_approved", 5))
STATUS_MIX_LATEST = (
    ("draft", 25),
    ("submitted", 25),
    ("returned", 5),
    ("dept_approved", 25),
    ("finance_approved", 15),
    ("published", 5),
)


@dataclass(frozen=True)
class OrgSpec:
    key: int
    name: str
    kind: str  # finance_bureau, department, unit
    parent: int | None


@dataclass(frozen=True)
class FormSpec:
    organisation: int  # OrgSpec.key
    status: str
    form: DepartmentForm | ProjectForm


def organisation_plan(units: int, units_per_department: int = 200) -> list[OrgSpec]:
    """The bureau, ``ceil(units / units_per_department)`` departments and ``units`` units
    spread evenly over them; keys are positions in the list."""
    departments = max(1, -(-units // units_per_department))
    plan = [OrgSpec(0, BUREAU, "finance_bureau", None)]
    for d in range(departments):
        sector = SECTORS[d % len(SECTORS)]
        name = (
            f"演示省{sector}" if d < len(SECTORS) else f"演示省{sector}（{d // len(SECTORS) + 1}）"
        )
        plan.append(OrgSpec(len(plan), name, "department", 0))
    for u in range(units):
        parent = 1 + u % departments
        department = plan[parent].name.removeprefix("演示省")
        kind = UNIT_KINDS[u % len(UNIT_KINDS)]
        plan.append(
            OrgSpec(len(plan), f"{department}{kind}第{u // departments + 1}分部", "unit", parent)
        )
    return plan


def _pick(rng: random.Random, mix: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([s for s, _ in mix], weights=[w for _, w in mix])[0]


def _indicator(rng: random.Random, task: int, n: int, year: int, renamed: bool) -> TaskIndicator:
    stem, unit = INDICATOR_STEMS[(task * 7 + n) % len(INDICATOR_STEMS)]
    name = f"{TASK_GOALS[task % len(TASK_GOALS)][2:6]}{stem}"
    if renamed:
        name = name.replace("率", "比率", 1) if "率" in name else f"{name}（年度）"
    if unit == "%":
        target = 90 + rng.randint(0, 9)
        actual = Decimal(rng.randint(target * 10 - 80, 1000)) / 10
        return TaskIndicator(name=name, target=f"≥{target}%", actual=f"{actual}%")
    count = rng.randint(5, 500)
    done = count + rng.randint(-count // 10, count // 5)
    return TaskIndicator(name=name, target=f"≥{count}{unit}", actual=f"{done}{unit}")


def department_form(
    org: OrgSpec, year: int, rng: random.Random, size: Decimal, indicators: int = 30
) -> DepartmentForm:
    """One department overall form: ``size`` is the initial budget in 万元."""
    adjusted = size * Decimal(rng.randint(85, 120)) / 100
    actual = adjusted * Decimal(rng.randint(880, 1000)) / 1000
    initial, adjusted, actual = round_money(size), round_money(adjusted), round_money(actual)
    per_task = 6
    tasks = []
    task_count = max(1, indicators // per_task)
    # Every fifth year an item is reworded, for linking to find.
    renamed = year % 5 == 0
    for t in range(task_count):
        tasks.append(
            Task(
                number=t + 1,
                expected_goal=TASK_GOALS[t % len(TASK_GOALS)],
                achievement="按计划完成年度任务。",
                funds=round_money(actual * Decimal(rng.randint(5, 15)) / 100),
                indicators=[
                    _indicator(rng, t, n, year, renamed and t == 0 and n == 0)
                    for n in range(per_task)
                ],
            )
        )
    return DepartmentForm(
        attachment_label="附件2",
        title=f"{year}年度{org.name}部门整体支出绩效自评表",
        department=org.name,
        year=year,
        funds=DepartmentFunds(
            initial_budget=initial,
            adjusted_budget=adjusted,
            actual_spending=actual,
            spending_by_source=SpendingBySource(general_public_budget=actual),
            adjustment_reason="年中根据工作需要调整预算。" if adjusted != initial else "",
        ),
        annual_goals=AnnualGoals(
            expected=[f"{g}。" for g in TASK_GOALS[:3]], achieved="年度目标基本完成。"
        ),
        tasks=tasks,
        key_projects=[
            KeyProject(
                name=f"{org.name.removeprefix('演示省')[:6]}重点业务保障项目",
                indicator_completion=f"指标完成率{rng.randint(90, 100)}%",
                achievements=["一、完成年度重点工作；", "二、服务质量稳步提升。"],
            )
        ],
        overall_performance="各项工作按计划推进，资金使用规范。",
        problems="部分支出进度偏慢。",
        improvements="加强预算执行进度管理。",
    )


def project_form(org: OrgSpec, department: str, year: int, rng: random.Random) -> ProjectForm:
    budget = round_money(Decimal(rng.randint(2000, 50000)) / 100)
    executed = round_money(budget * Decimal(rng.randint(700, 1000)) / 1000)
    rows = [
        ProjectIndicator(
            level1="产出指标",
            level2="数量指标",
            name="完成服务场次",
            nature=IndicatorNature.AT_LEAST,
            unit="场",
            target="≥100场",
            actual=f"{rng.randint(70, 130)}场",
        ),
        ProjectIndicator(
            level1="产出指标",
            level2="质量指标",
            name="验收合格率",
            nature=IndicatorNature.AT_LEAST,
            unit="%",
            target="≥95%",
            actual=f"{rng.randint(85, 100)}%",
        ),
        ProjectIndicator(
            level1="产出指标",
            level2="时效指标",
            name="按期完成率",
            nature=IndicatorNature.AT_LEAST,
            unit="%",
            target="≥90%",
            actual=f"{rng.randint(75, 100)}%",
        ),
        ProjectIndicator(
            level1="效益指标",
            level2="社会效益指标",
            name="服务质量提升",
            nature=IndicatorNature.QUALITATIVE,
            target="明显提升",
            actual="达成预期指标",
            rating=rng.choice(["达成", "达成", "部分达成"]),
        ),
        ProjectIndicator(
            level1="满意度指标",
            level2="服务对象满意度指标",
            name="服务对象满意度",
            nature=IndicatorNature.AT_LEAST,
            unit="%",
            target="≥90%",
            actual=f"{rng.randint(80, 99)}%",
        ),
    ]
    return ProjectForm(
        title="项目支出绩效自评表",
        year=year,
        project_name=f"{org.name}业务运行保障项目",
        department=department,
        implementing_unit=org.name,
        funds=ProjectFunds(
            total=FundsRow(initial_budget=budget, annual_budget=budget, executed=executed),
            current_year_appropriation=FundsRow(
                initial_budget=budget, annual_budget=budget, executed=executed
            ),
        ),
        goal_expected="保障业务正常运行，提升服务质量。",
        goal_actual="业务运行平稳，服务质量提升。",
        indicators=rows,
    )


def forms_for(
    plan: list[OrgSpec],
    years: list[int],
    seed: int = 1,
    indicators: int = 30,
    project_share: int = 5,
) -> Iterator[FormSpec]:
    """Every form of every organisation and year (departments and units; the bureau files
    none). One unit in ``project_share`` also files a project form."""
    names = {o.key: o.name for o in plan}
    for org in plan:
        if org.kind == "finance_bureau":
            continue
        rng = random.Random(f"{seed}:{org.key}")
        size = Decimal(rng.randint(20000, 400000 if org.kind == "department" else 120000)) / 100
        for year in years:
            mix = STATUS_MIX_LATEST if year == years[-1] else STATUS_MIX_OLD
            yield FormSpec(
                org.key, _pick(rng, mix), department_form(org, year, rng, size, indicators)
            )
            if org.kind == "unit" and org.key % project_share == 0:
                department = names[org.parent] if org.parent is not None else ""
                yield FormSpec(org.key, _pick(rng, mix), project_form(org, department, year, rng))
            size = round_money(size * Decimal(rng.randint(95, 110)) / 100)
