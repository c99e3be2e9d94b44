"""The 项目支出绩效自评表 as a registry entry: its figures come from the score card."""

from __future__ import annotations

from jixiao.core import computations
from jixiao.core.carry_over import blank_project_form, carry_project
from jixiao.core.formtypes.base import Figure, FormType, Judgement
from jixiao.core.model import ProjectForm
from jixiao.core.money import money_text, rate_text, round_rate
from jixiao.core.monitoring.models import ExecutionKind
from jixiao.core.printed import project_checks
from jixiao.core.rulesets import RuleSet
from jixiao.core.scoring import score_project
from jixiao.core.text_limits import TEXT_LIMITS
from jixiao.core.validation.fields import field_rules
from jixiao.core.validation.project import PROJECT_RULES


def complete(form: ProjectForm, rules: RuleSet) -> ProjectForm:
    card = score_project(form, rules)
    scores = {line.path: line.score for line in card.lines}
    indicators = [
        row.model_copy(update={"score": scores.get(f"indicators[{i}]")})
        for i, row in enumerate(form.indicators)
    ]
    rate = computations.project_execution_rate(form)
    funds = form.funds.model_copy(
        update={
            "execution_rate": None
            if rate is None
            else round_rate(rate, rules.rate_precision.execution_rate),
            "score": scores.get("funds.total"),
        }
    )
    return form.model_copy(
        update={
            "funds": funds,
            "indicators": indicators,
            "total_score": card.total,
            "grade": card.grade,
        }
    )


def judge(form: ProjectForm, rules: RuleSet) -> Judgement:
    card = score_project(form, rules)
    figures = [
        Figure(
            "funds.execution_rate",
            "执行率",
            rate_text(
                computations.project_execution_rate(form), rules.rate_precision.execution_rate
            ),
        )
    ]
    for line in card.lines:
        figures.append(Figure(f"{line.path}.points", "分值", money_text(line.points)))
        figures.append(Figure(f"{line.path}.score", "得分", money_text(line.score)))
    figures.append(Figure("total_score", "总分", money_text(card.total)))
    figures.append(Figure("grade", "评价等级", card.grade))
    return Judgement(figures, card, project_checks(form, rules, card))


def _blank(
    *, year: int, title: str = "", department: str = "", implementing_unit: str = "", **_: str
) -> ProjectForm:
    return blank_project_form(
        project_name=title, year=year, department=department, implementing_unit=implementing_unit
    )


PROJECT = FormType(
    key="project",
    label="项目支出绩效自评表",
    model=ProjectForm,
    default_ruleset="national",
    default_layout="mof_project",
    complete=complete,
    judge=judge,
    rules=(*PROJECT_RULES, *field_rules(TEXT_LIMITS)),
    text_limits=TEXT_LIMITS,
    title=lambda form: str(form.project_name),
    blank=_blank,
    carry=carry_project,
    monitored_as=ExecutionKind.PROJECT,
    field_labels={"ProjectForm.funds": "项目资金"},
)
