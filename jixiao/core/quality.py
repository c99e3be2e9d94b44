"""The indicator quality check (指标质量审核), run while targets are being written.

The seed's own 存在问题 says some indicators "难以量化" and others were "设置不够精准": this
check catches those at the start of the year instead of at its end. Each rule is a small
function returning findings (the validation module's :class:`Finding`), and each message says
what is wrong and how to write it instead, in Chinese.

Rules: no value; not quantifiable; no unit; satisfaction placed among benefits (or standing in
for them); an input (money, staff) listed as an output; a target far below last year's actual;
the same indicator twice in a task or project; a task or project with no indicator.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from jixiao.core.indicators import IndicatorValue, Operator, parse_value
from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.model.project import IndicatorNature
from jixiao.core.money import HUNDRED, rate_text
from jixiao.core.rulesets import RuleSet, load_ruleset
from jixiao.core.targets import DepartmentTargets, ProjectTargets, TargetIndicator, TargetTask
from jixiao.core.validation import Finding
from jixiao.core.validation.findings import error, warning

Checked = DepartmentTargets | ProjectTargets | TargetTask | Sequence[TargetIndicator]

# Words that name an input (money, staff) rather than what it produces. Staff words need their
# context: "来穗人员" (migrants served) is an output, "工作人员" is an input.
_INPUT_WORDS = re.compile(
    r"资金|经费|预算|拨款|支出"
    r"|(工作|在编|在岗|聘用|聘请|配备|专职|兼职|驻点)人员"
    r"|人员(配备|到位|数量|编制|经费|工资)"
)
# Hints for rewriting a value that cannot be measured, by what the text says.
_HINTS = (
    (re.compile(r"排名|前列|名列|领先"), "请改为可量化的指标，如：排名全市前5名"),
    (
        re.compile(r"持续|常态化|开展|推进|加强|完善|落实"),
        "请写明数量、频次或完成标准，如：全年开展专项治理不少于12次",
    ),
    (
        re.compile(r"提高|提升|改善|明显|显著|有效|增强|进一步"),
        "请写明可以测量的幅度，如：较上年提高5个百分点",
    ),
    (re.compile(r"达成|完成|达到|优|良"), "请写明要达到的数值，如：完成率≥95%"),
)
_DEFAULT_HINT = "请改为可量化的指标，写明指标性质、数值和单位，如：≥95%"
_UPPER = (Operator.AT_MOST, Operator.LESS_THAN)


@dataclass(frozen=True)
class _Row:
    """An indicator with where it sits: ``path`` of the row, ``where`` for messages."""

    indicator: TargetIndicator
    path: str
    where: str
    index: int

    @property
    def value(self) -> IndicatorValue:
        return parse_value(self.indicator.target_text)


@dataclass(frozen=True)
class _Group:
    """A task or a project: its indicators are checked together (duplicates, none at all)."""

    path: str
    label: str
    rows: list[_Row]
    is_project: bool


@dataclass(frozen=True)
class _Context:
    last_year: Mapping[str, str]
    rules: RuleSet


def _quote(text: str, limit: int = 30) -> str:
    """A long value shortened for a message; the path points at the whole of it."""
    return text if len(text) <= limit else f"{text[:limit]}…"


def normalise_name(name: str) -> str:
    """Indicator names compared as people mean them: width, spaces and case ignored."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).lower()


def _group(path: str, label: str, indicators: Sequence[TargetIndicator], project: bool) -> _Group:
    prefix = f"{path}." if path else ""
    rows = [
        _Row(ind, f"{prefix}indicators[{i}]", f"{label}的“{ind.name}”", i)
        for i, ind in enumerate(indicators)
    ]
    return _Group(path, label, rows, project)


def _groups(checked: Checked) -> Iterator[_Group]:
    if isinstance(checked, DepartmentTargets):
        for i, task in enumerate(checked.tasks):
            yield _group(f"tasks[{i}]", f"任务{task.number}", task.indicators, False)
        for i, project in enumerate(checked.projects):
            yield _group(
                f"projects[{i}]", f"项目“{project.project_name}”", project.indicators, True
            )
    elif isinstance(checked, ProjectTargets):
        yield _group("", f"项目“{checked.project_name}”", checked.indicators, True)
    elif isinstance(checked, TargetTask):
        yield _group("", f"任务{checked.number}", checked.indicators, False)
    else:
        yield _group("", "指标", list(checked), False)


# --- rules on one indicator ---------------------------------------------------------------------


def no_value(row: _Row, ctx: _Context) -> Finding | None:
    if row.indicator.target_text is not None:
        return None
    return error(
        "indicator.no_value",
        f"{row.path}.value",
        f"{row.where}没有填写指标值。请填写要达到的目标值，如：≥95%、不少于50个。",
    )


def not_quantifiable(row: _Row, ctx: _Context) -> Finding | None:
    text = row.indicator.target_text
    if text is None or row.value.measurable:
        return None
    # A declared qualitative indicator is allowed, except where the tree asks for a quantity.
    if row.indicator.nature is IndicatorNature.QUALITATIVE and "数量" not in row.indicator.level2:
        return None
    hint = next((h for pattern, h in _HINTS if pattern.search(text)), _DEFAULT_HINT)
    why = f"（{row.value.reason}）" if row.value.reason else ""
    return warning(
        "indicator.not_quantifiable",
        f"{row.path}.value",
        f"{row.where}的指标值“{_quote(text)}”无法量化{why}，年底难以判断是否完成。{hint}。",
    )


def no_unit(row: _Row, ctx: _Context) -> Finding | None:
    value = row.value
    if not value.measurable or value.unit or row.indicator.unit.strip():
        return None
    return warning(
        "indicator.no_unit",
        f"{row.path}.unit",
        f"{row.where}的指标值{value.number:f}没有度量单位。请填写单位，如：个、人次、%、万元。",
    )


def satisfaction_as_benefit(row: _Row, ctx: _Context) -> Finding | None:
    ind = row.indicator
    if "满意" not in ind.name or "效益" not in ind.level1:
        return None
    return warning(
        "indicator.satisfaction_as_benefit",
        f"{row.path}.level1",
        f"{row.where}是满意度，不是效益。请把它移到“满意度指标”下，"
        "并另设反映项目效果的效益指标，如：群众办事平均等待时间缩短20%。",
    )


def input_as_output(row: _Row, ctx: _Context) -> Finding | None:
    ind = row.indicator
    # Task indicators of the department form have no tree: they stand for outputs.
    is_output = "产出" in ind.level1 or not ind.level1.strip()
    if not is_output or "成本" in ind.level2 or not _INPUT_WORDS.search(ind.name):
        return None
    return warning(
        "indicator.input_as_output",
        f"{row.path}.name",
        f"{row.where}衡量的是资金、人员等投入，不是产出。请改为这些投入完成的工作或提供的服务，"
        "如：完成培训人次、建成项目个数、办结案件件数。",
    )


def too_easy(row: _Row, ctx: _Context) -> Finding | None:
    last_text = ctx.last_year.get(normalise_name(row.indicator.name))
    if last_text is None:
        return None
    target, last = row.value, parse_value(last_text)
    if not (target.measurable and last.measurable) or target.direction or last.direction:
        return None
    if target.unit and last.unit and target.unit != last.unit:
        return None
    assert target.number is not None and last.number is not None
    if last.number <= 0:
        return None
    share = ctx.rules.monitoring.target_below_last_year
    operator = target.operator or _operator_of(row.indicator.nature)
    if operator in _UPPER:
        easy = target.number > last.number * (HUNDRED + share) / HUNDRED
    else:
        easy = target.number < last.number * (HUNDRED - share) / HUNDRED
    if not easy:
        return None
    ratio = rate_text(target.number * HUNDRED / last.number, 0)
    better = "不高于" if operator in _UPPER else "不低于"
    return warning(
        "indicator.too_easy",
        f"{row.path}.value",
        f"{row.where}的目标值“{row.indicator.target_text}”只相当于上年实际完成值“{last_text}”的"
        f"{ratio}，目标明显偏低、缺乏挑战性。请参考上年实际完成情况设定目标，"
        f"如：{better}{last.number:f}{last.unit}。",
    )


def _operator_of(nature: IndicatorNature | None) -> Operator | None:
    if nature is None or nature is IndicatorNature.QUALITATIVE:
        return None
    return Operator(nature.value)


INDICATOR_RULES: tuple[Callable[[_Row, _Context], Finding | None], ...] = (
    no_value,
    not_quantifiable,
    no_unit,
    satisfaction_as_benefit,
    input_as_output,
    too_easy,
)

# --- rules on a task or project -------------------------------------------------------------------


def no_indicator(group: _Group, ctx: _Context) -> list[Finding]:
    if group.rows:
        return []
    code = "project.no_indicator" if group.is_project else "task.no_indicator"
    prefix = f"{group.path}." if group.path else ""
    return [
        error(
            code,
            f"{prefix}indicators",
            f"{group.label}没有绩效指标，年底无法评价。请至少设置一个可量化的指标，"
            "如：完成某项工作的数量、质量或时效。",
        )
    ]


def duplicates(group: _Group, ctx: _Context) -> list[Finding]:
    first: dict[str, _Row] = {}
    findings = []
    for row in group.rows:
        key = normalise_name(row.indicator.name)
        if key in first:
            findings.append(
                warning(
                    "indicator.duplicate",
                    f"{row.path}.name",
                    f"{row.where}与该{('项目' if group.is_project else '任务')}的第"
                    f"{first[key].index + 1}个指标重复。"
                    "请删除重复的指标，或改为衡量不同方面的指标。",
                )
            )
        else:
            first[key] = row
    return findings


def benefit_missing(group: _Group, ctx: _Context) -> list[Finding]:
    """A project that measures satisfaction but no benefit at all lets the first stand in
    for the second."""
    levels = [row.indicator.level1 for row in group.rows]
    if not group.is_project or not all(levels) or any("效益" in level for level in levels):
        return []
    if not any(
        "满意" in level or "满意" in row.indicator.name
        for level, row in zip(levels, group.rows, strict=True)
    ):
        return []
    prefix = f"{group.path}." if group.path else ""
    return [
        warning(
            "project.no_benefit_indicator",
            f"{prefix}indicators",
            f"{group.label}只有满意度指标，没有效益指标：满意度不能代替效益。"
            "请增设反映社会、经济或生态效益的指标，如：服务覆盖人数增长10%。",
        )
    ]


GROUP_RULES: tuple[Callable[[_Group, _Context], list[Finding]], ...] = (
    no_indicator,
    duplicates,
    benefit_missing,
)


def check_indicators(
    targets_or_rows: Checked,
    last_year_actuals: Mapping[str, str] | None = None,
    *,
    rules: RuleSet | None = None,
) -> list[Finding]:
    """Every quality finding of a department's targets, one project's, one task's or a list of
    indicator rows (as the user types). ``last_year_actuals`` maps indicator names to last
    year's actual values (see :func:`last_year_actuals_of`)."""
    ctx = _Context(
        last_year={normalise_name(k): v for k, v in (last_year_actuals or {}).items()},
        rules=rules or load_ruleset(),
    )
    findings: list[Finding] = []
    for group in _groups(targets_or_rows):
        for row in group.rows:
            findings.extend(f for rule in INDICATOR_RULES if (f := rule(row, ctx)) is not None)
        for group_rule in GROUP_RULES:
            findings.extend(group_rule(group, ctx))
    return findings


def last_year_actuals_of(*forms: DepartmentForm | ProjectForm) -> dict[str, str]:
    """Indicator name → actual value, from last year's self-evaluation forms."""
    actuals: dict[str, str] = {}
    for form in forms:
        if isinstance(form, DepartmentForm):
            rows = [(i.name, i.actual) for t in form.tasks for i in t.indicators]
        else:
            rows = [(i.name, i.actual) for i in form.indicators]
        actuals.update({name: actual for name, actual in rows if actual})
    return actuals


def check_library_entry(
    indicator: TargetIndicator, *, rules: RuleSet | None = None
) -> list[Finding]:
    """The quality check on one entry of the indicator library (指标库): the rules on a single
    indicator, and its 一级/二级指标 must be one of the layout's categories. An entry need not
    carry a reference value; when it does, the value is checked like a target's."""
    rules = rules or load_ruleset()
    ctx = _Context(last_year={}, rules=rules)
    row = _Row(indicator, "", f"指标“{indicator.name}”", 0)
    findings = [
        f
        for rule in INDICATOR_RULES
        if (rule is not no_value or indicator.target_text is not None)
        and (f := rule(row, ctx)) is not None
    ]
    if not rules.is_category(indicator.level1, indicator.level2):
        allowed = "；".join(
            f"{c.level1}：{'、'.join(c.level2)}" for c in rules.indicator_categories
        )
        findings.insert(
            0,
            error(
                "indicator.category",
                "level2",
                f"“{indicator.level1} › {indicator.level2}”不是规定的指标类别。"
                f"请从以下类别中选择：{allowed}。",
            ),
        )
    return findings
