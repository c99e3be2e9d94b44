"""Printed figures beside the ones computed from the form's own inputs, with whether they agree.

A published form prints derived figures (年度预算调整数, the rates, 执行率, scores, 总分, 等级);
a reviewer wants to see at a glance which of them follow from the inputs. A printed rate agrees
when it equals the exact rate rounded to the decimals it shows (``29%`` for 29.18%), a printed
score likewise; amounts agree to the cent. A figure the form does not print, or that cannot be
computed, is shown without a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core import computations
from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.money import money_text, places_of, printed_matches, rate_text, round_money
from jixiao.core.rulesets import RuleSet
from jixiao.core.scoring import ScoreCard

NOT_COMPUTABLE = "无法计算"


@dataclass(frozen=True)
class FigureCheck:
    """One derived figure: ``printed`` as the form shows it ("" when absent), ``computed`` from
    its inputs, and ``agrees`` (None when there is nothing to compare)."""

    path: str
    label: str
    printed: str
    computed: str
    agrees: bool | None


def _rate(
    path: str, label: str, printed: Decimal | None, exact: Decimal | None, default_places: int
) -> FigureCheck:
    places = places_of(printed) if printed is not None else default_places
    computed = rate_text(exact, places) if exact is not None else NOT_COMPUTABLE
    if exact is not None and printed is not None and places < default_places:
        # ``29%`` next to ``29%（29.18%）``: the agreement and the exact figure at once.
        computed += f"（{rate_text(exact, default_places)}）"
    return FigureCheck(
        path,
        label,
        rate_text(printed, places_of(printed)) if printed is not None else "",
        computed,
        None if printed is None or exact is None else printed_matches(printed, exact),
    )


def _money(path: str, label: str, printed: Decimal | None, exact: Decimal | None) -> FigureCheck:
    return FigureCheck(
        path,
        label,
        money_text(printed),
        money_text(exact) if exact is not None else NOT_COMPUTABLE,
        None if printed is None or exact is None else round_money(printed) == round_money(exact),
    )


def _score(path: str, label: str, printed: Decimal | None, exact: Decimal) -> FigureCheck:
    return FigureCheck(
        path,
        label,
        format(printed, "f") if printed is not None else "",
        money_text(exact),
        None if printed is None else printed_matches(printed, exact),
    )


def department_checks(form: DepartmentForm, rules: RuleSet) -> list[FigureCheck]:
    """年度预算调整数, 实际支出数 against its sources, 预算完成率 and 预算调整率."""
    funds = form.funds
    precision = rules.rate_precision
    return [
        _money(
            "funds.adjustment",
            "年度预算调整数",
            funds.adjustment,
            computations.budget_adjustment(funds, rules),
        ),
        _money(
            "funds.actual_spending",
            "实际支出数（各资金来源合计）",
            funds.actual_spending,
            computations.spending_sources_total(funds.spending_by_source),
        ),
        _rate(
            "funds.completion_rate",
            "预算完成率",
            funds.completion_rate,
            computations.completion_rate(funds),
            precision.completion_rate,
        ),
        _rate(
            "funds.adjustment_rate",
            "预算调整率",
            funds.adjustment_rate,
            computations.adjustment_rate(funds, rules),
            # Shown to two decimals at least, so a printed ``29%`` shows its ``29.18%``.
            max(precision.adjustment_rate, 2),
        ),
    ]


def project_checks(form: ProjectForm, rules: RuleSet, card: ScoreCard) -> list[FigureCheck]:
    """执行率, the score of the funds row and of every indicator, 总分 and 评价等级, against
    the score card computed under ``rules``."""
    checks = [
        _rate(
            "funds.execution_rate",
            "执行率（B/A）",
            form.funds.execution_rate,
            computations.project_execution_rate(form),
            rules.rate_precision.execution_rate,
        )
    ]
    printed_scores: dict[str, Decimal | None] = {"funds.total": form.funds.score}
    for index, indicator in enumerate(form.indicators):
        printed_scores[f"indicators[{index}]"] = indicator.score
    for line in card.lines:
        label = "预算执行率得分" if line.path == "funds.total" else f"{line.name} 得分"
        checks.append(
            _score(f"{line.path}.score", label, printed_scores.get(line.path), line.score)
        )
    checks.append(_score("total_score", "总分", form.total_score, card.total))
    checks.append(
        FigureCheck(
            "grade",
            "评价等级",
            form.grade or "",
            card.grade,
            None if form.grade is None else form.grade == card.grade,
        )
    )
    return checks
