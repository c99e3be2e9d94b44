"""The 项目支出绩效目标申报表 as a registry entry: not scored; its one derived figure is the sum
of the funds' sources, shown beside the year's total."""

from __future__ import annotations

from jixiao.core import computations
from jixiao.core.carry_over import carry_declaration
from jixiao.core.formtypes.base import Figure, FormType, Judgement
from jixiao.core.model.declaration import (
    DeclarationIndicator,
    TargetDeclarationForm,
)
from jixiao.core.money import money_text
from jixiao.core.rulesets import RuleSet
from jixiao.core.validation.declaration import DECLARATION_RULES

# The rows a new declaration starts with, as the MoF form lists its level-1 and level-2 groups.
_SKELETON = (
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("产出指标", "时效指标"),
    ("成本指标", "经济成本指标"),
    ("效益指标", "社会效益指标"),
    ("满意度指标", "服务对象满意度指标"),
)


def complete(form: TargetDeclarationForm, rules: RuleSet) -> TargetDeclarationForm:
    """Nothing is derived into the stored form: a declaration states its figures."""
    del rules
    return form


def judge(form: TargetDeclarationForm, rules: RuleSet) -> Judgement:
    del rules
    sources = computations.declaration_sources_total(form.funds)
    return Judgement(
        [Figure("funds.sources_total", "财政拨款与其他资金合计", money_text(sources))], None, []
    )


def _blank(
    *, year: int, title: str = "", department: str = "", implementing_unit: str = "", **_: str
) -> TargetDeclarationForm:
    return TargetDeclarationForm(
        year=year,
        project_name=title,
        department=department,
        implementing_unit=implementing_unit,
        indicators=[DeclarationIndicator(level1=a, level2=b, name="") for a, b in _SKELETON],
    )


DECLARATION = FormType(
    key="project_target",
    label="项目支出绩效目标申报表",
    model=TargetDeclarationForm,
    default_ruleset="national",
    default_layout="mof_project_target",
    complete=complete,
    judge=judge,
    rules=DECLARATION_RULES,
    title=lambda form: str(form.project_name),
    blank=_blank,
    carry=carry_declaration,
)
