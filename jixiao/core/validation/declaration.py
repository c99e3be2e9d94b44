"""Rules for the 项目支出绩效目标申报表: what a finance bureau checks before accepting targets.

The sources must add up to the year's total, the goals must be written, and every indicator
needs its level-1 group, a name and a declared value (measurable where it can be).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from jixiao.core import computations
from jixiao.core.indicators import parse_value
from jixiao.core.model.declaration import TargetDeclarationForm
from jixiao.core.money import money_text
from jixiao.core.rulesets import RuleSet
from jixiao.core.validation._text import is_blank
from jixiao.core.validation.findings import Finding, error, warning

DeclarationRule = Callable[[TargetDeclarationForm, RuleSet], Iterable[Finding]]

LEVEL1_GROUPS = ("产出指标", "效益指标", "满意度指标", "成本指标")


def check_required(form: TargetDeclarationForm, rules: RuleSet) -> Iterator[Finding]:
    del rules
    for path, label in (
        ("project_name", "项目名称"),
        ("department", "主管部门"),
        ("goal_annual", "年度目标"),
    ):
        if is_blank(getattr(form, path)):
            yield error(f"{path}_missing", path, f"请填写{label}。")
    if is_blank(form.goal_long_term):
        yield warning("goal_long_term_missing", "goal_long_term", "未填写中长期目标。")


def check_funds(form: TargetDeclarationForm, rules: RuleSet) -> Iterator[Finding]:
    del rules
    funds = form.funds
    for name in ("total", "fiscal", "other"):
        value = getattr(funds, name)
        if value is not None and value < 0:
            label = type(funds).model_fields[name].title
            yield error("negative_amount", f"funds.{name}", f"{label}不能为负数。")
    if funds.total is None:
        yield error("funds_total_missing", "funds.total", "请填写年度资金总额。")
        return
    sources = computations.declaration_sources_total(funds)
    if sources is not None and sources != funds.total:
        yield error(
            "funds_sources_mismatch",
            "funds.total",
            f"财政拨款与其他资金合计{money_text(sources)}，与年度资金总额"
            f"{money_text(funds.total)}不一致。",
        )


def check_indicators(form: TargetDeclarationForm, rules: RuleSet) -> Iterator[Finding]:
    del rules
    if not form.indicators:
        yield error("indicators_missing", "indicators", "请至少填写一项绩效指标。")
    for i, row in enumerate(form.indicators):
        path = f"indicators[{i}]"
        name = f"指标“{row.name}”" if not is_blank(row.name) else f"第{i + 1}项指标"
        if is_blank(row.name):
            yield error("indicator_name_missing", f"{path}.name", f"请填写{name}的三级指标名称。")
        if row.level1 not in LEVEL1_GROUPS:
            yield warning(
                "indicator_level1_unknown",
                f"{path}.level1",
                f"{name}的一级指标“{row.level1}”不是{'、'.join(LEVEL1_GROUPS)}之一。",
            )
        if is_blank(row.target):
            yield error("indicator_target_missing", f"{path}.target", f"请填写{name}的指标值。")
        elif row.level1 == "产出指标" and row.level2 != "时效指标" and not measurable(row.target):
            yield warning(
                "indicator_target_vague",
                f"{path}.target",
                f"{name}的指标值“{row.target}”不可衡量，产出指标应尽量量化（如“≥95%”）。",
            )


def measurable(target: str | None) -> bool:
    """A value the self-evaluation can compare an actual with (``≥2000份``, ``=100%``). A
    时效指标 names a date (``12月底前``) and is exempt from this check."""
    return parse_value(target).measurable


DECLARATION_RULES: tuple[DeclarationRule, ...] = (
    check_required,
    check_funds,
    check_indicators,
)
