"""The demo forms of the two units under the seed's department (invented, plausible figures)."""

from __future__ import annotations

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

CENTRE = "天河区社会治安综合治理中心"
MIGRANTS = "天河区来穗人员服务管理中心"


def centre_form(year: int) -> DepartmentForm:
    return DepartmentForm(
        attachment_label="附件2",
        title=f"{year}年度{CENTRE}部门整体支出绩效自评表",
        department=CENTRE,
        year=year,
        funds=DepartmentFunds(
            initial_budget="420.00",
            adjusted_budget="405.60",
            actual_spending="398.72",
            spending_by_source=SpendingBySource(general_public_budget="398.72"),
        ),
        annual_goals=AnnualGoals(
            expected=[
                "推进综治中心规范化建设，提升矛盾纠纷多元化解能力；",
                "完善网格化服务管理，夯实基层社会治理基础。",
            ],
            achieved="全年受理矛盾纠纷1286宗，调处成功率98.6%，网格事件按期办结率99.2%。",
        ),
        tasks=[
            Task(
                number=1,
                expected_goal="推进综治中心规范化建设",
                achievement="完成街道综治中心规范化提升11个。",
                funds="120.50",
                indicators=[
                    TaskIndicator(name="矛盾纠纷调处成功率", target="≥95%", actual="98.6%"),
                    TaskIndicator(name="规范化建设综治中心数量", target="≥10个", actual="11个"),
                ],
            ),
            Task(
                number=2,
                expected_goal="完善网格化服务管理",
                achievement="网格事件按期办结率99.2%。",
                funds="86.30",
                indicators=[
                    TaskIndicator(name="网格事件按期办结率", target="≥98%", actual="99.2%"),
                ],
            ),
        ],
        key_projects=[
            KeyProject(
                name="综治视联网运行维护项目",
                indicator_completion="指标完成率100%",
                achievements=["视联网终端在线率99.5%。", "全年保障视频会商312场。"],
            )
        ],
        overall_performance="各项任务按计划完成，资金使用规范。",
        problems="部分支出集中在下半年，执行进度不够均衡。",
        improvements="加强预算执行进度管理，按月跟踪支出情况。",
    )


def migrants_form(year: int) -> DepartmentForm:
    return DepartmentForm(
        attachment_label="附件2",
        title=f"{year}年度{MIGRANTS}部门整体支出绩效自评表",
        department=MIGRANTS,
        year=year,
        funds=DepartmentFunds(
            initial_budget="655.00",
            adjusted_budget="690.40",
            actual_spending="671.15",
            spending_by_source=SpendingBySource(general_public_budget="671.15"),
            adjustment_reason="年中追加来穗人员积分制服务经费。",
        ),
        annual_goals=AnnualGoals(
            expected=["做好来穗人员积分制服务管理；", "推进来穗人员融合发展。"],
            achieved="受理积分制入学报名3525人次，开展融合活动142场。",
        ),
        tasks=[
            Task(
                number=1,
                expected_goal="做好来穗人员积分制服务管理",
                achievement="按期完成积分制入学报名受理。",
                funds="210.00",
                indicators=[
                    TaskIndicator(
                        name="受理来穗人员随迁子女积分制入学报名",
                        target="≥3000人次",
                        actual="3525人次",
                    )
                ],
            )
        ],
        key_projects=[
            KeyProject(
                name="来穗人员融合行动项目",
                indicator_completion="指标完成率100%",
                achievements=["开展融合活动142场。"],
            )
        ],
        overall_performance="服务管理水平稳步提升。",
        problems="人口数据治理仍需加强。",
        improvements="持续开展人口数据常态化治理。",
    )


def centre_project_form(year: int, department: str) -> ProjectForm:
    return ProjectForm(
        title="项目支出绩效自评表",
        year=year,
        project_name="综治视联网运行维护项目",
        department=department,
        implementing_unit=CENTRE,
        funds=ProjectFunds(
            total=FundsRow(initial_budget="80.00", annual_budget="80.00", executed="76.40"),
            current_year_appropriation=FundsRow(
                initial_budget="80.00", annual_budget="80.00", executed="76.40"
            ),
        ),
        goal_expected="保障综治视联网稳定运行，支撑视频会商与应急指挥。",
        goal_actual="视联网终端在线率99.5%，全年保障视频会商312场。",
        indicators=[
            ProjectIndicator(
                level1="产出指标",
                level2="数量指标",
                name="保障视频会商场次",
                nature=IndicatorNature.AT_LEAST,
                unit="场",
                target="≥300场",
                actual="312场",
            ),
            ProjectIndicator(
                level1="产出指标",
                level2="质量指标",
                name="终端在线率",
                nature=IndicatorNature.AT_LEAST,
                unit="%",
                target="≥99%",
                actual="99.5%",
            ),
            ProjectIndicator(
                level1="效益指标",
                level2="社会效益指标",
                name="应急事件视频调度响应",
                nature=IndicatorNature.QUALITATIVE,
                target="及时响应",
                actual="达成预期指标",
                rating="达成",
            ),
            ProjectIndicator(
                level1="满意度指标",
                level2="服务对象满意度指标",
                name="使用单位满意度",
                nature=IndicatorNature.AT_LEAST,
                unit="%",
                target="≥90%",
                actual="95%",
            ),
        ],
    )
