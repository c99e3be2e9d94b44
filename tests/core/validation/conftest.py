"""Forms to validate: the seed (department) and a hand-checked consistent project form."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.model import (
    FundsRow,
    ProjectForm,
    ProjectFunds,
    ProjectIndicator,
    QualitativeRating,
)
from jixiao.core.model.project import IndicatorNature
from jixiao.core.rulesets import RuleSet, load_ruleset


def D(text: str) -> Decimal:
    return Decimal(text)


@pytest.fixture
def guangzhou() -> RuleSet:
    return load_ruleset("guangzhou")


@pytest.fixture
def national() -> RuleSet:
    return load_ruleset("national")


@pytest.fixture
def project_form() -> ProjectForm:
    """Every printed figure checked by hand: execution 95/100 = 95.00%, score 9.5;
    weights 10 + 25 + 25 + 30 + 10 = 100; total 9.5 + 25 + 25 + 27 + 10 = 96.5 → 优."""
    return ProjectForm(
        year=2023,
        project_name="社区法律服务项目",
        department="区司法局",
        implementing_unit="区公共法律服务中心",
        funds=ProjectFunds(
            total=FundsRow(initial_budget=D("100"), annual_budget=D("100"), executed=D("95")),
            current_year_appropriation=FundsRow(
                initial_budget=D("80"), annual_budget=D("80"), executed=D("76")
            ),
            carried_over=FundsRow(initial_budget=D("20"), annual_budget=D("20"), executed=D("19")),
            weight=D("10"),
            execution_rate=D("95.00"),
            score=D("9.5"),
        ),
        goal_expected="为社区居民提供免费法律咨询",
        goal_actual="全年开展法律咨询与普法讲座",
        indicators=[
            ProjectIndicator(
                level1="产出指标",
                level2="数量指标",
                name="普法讲座场次",
                nature=IndicatorNature.AT_LEAST,
                unit="场",
                target="≥10场",
                actual="12场",
                weight=D("25"),
                score=D("25"),
            ),
            ProjectIndicator(
                level1="产出指标",
                level2="质量指标",
                name="咨询答复合格率",
                nature=IndicatorNature.AT_LEAST,
                unit="%",
                target="≥95%",
                actual="98%",
                weight=D("25"),
                score=D("25"),
            ),
            ProjectIndicator(
                level1="效益指标",
                level2="社会效益指标",
                name="居民法治意识",
                nature=IndicatorNature.QUALITATIVE,
                target="明显提升",
                actual="明显提升",
                weight=D("30"),
                score=D("27"),
                rating=QualitativeRating.ACHIEVED,
            ),
            ProjectIndicator(
                level1="满意度指标",
                level2="服务对象满意度指标",
                name="居民满意度",
                nature=IndicatorNature.AT_LEAST,
                unit="%",
                target="≥90%",
                actual="92%",
                weight=D("10"),
                score=D("10"),
            ),
        ],
        total_score=D("96.5"),
        grade="优",
        problems="宣传覆盖面仍需扩大",
        measures="增加线上讲座",
    )
