"""``jixiao show FILE.json``: the form printed readably in a terminal, in Chinese.

Every figure the form derives (adjustment, rates, execution rate, each score, total, grade) is
shown next to the value computed from its inputs with ✓ or ✗, as ``jixiao.core.printed`` compares
them for the web detail page too; each indicator with how it parses (定量/定性), and the
validation summary at the end. Plain aligned text; colour only on a terminal.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from jixiao.cli.commands.validate import render_findings
from jixiao.cli.files import CliInputError, read_form_json
from jixiao.cli.i18n import fail, t
from jixiao.cli.terminal import Cell, Printer, Style, ordinal, table
from jixiao.core import computations
from jixiao.core.indicators import IndicatorValue, ValueKind, parse_value
from jixiao.core.model import DepartmentForm, FundsRow, ProjectForm, TargetDeclarationForm
from jixiao.core.money import ZERO, money_text
from jixiao.core.printed import FigureCheck, department_checks, project_checks
from jixiao.core.rulesets import RuleSet, available_rulesets, default_ruleset_id, load_ruleset
from jixiao.core.scoring import score_project
from jixiao.core.serialization import Form
from jixiao.core.validation import validate

NAME = "show"
HELP = ("以易读格式显示绩效自评表及校验结果", "print a form readably, with its check results")


# --- figures -----------------------------------------------------------------------------------

_FIGURE_WIDTHS = [24, 12, 20, 1]
_FUNDS_COLUMNS = ("initial_budget", "annual_budget", "executed")


def _figures(p: Printer, rows: list[list[Cell]], indent: str = "  ") -> None:
    """Label, printed, computed, and ✓/✗ when the two were compared (rows from ``_checked``
    and ``_plain``)."""
    head = ["", t("填报", "printed"), t("计算", "computed"), ""]
    p.grid(rows, _FIGURE_WIDTHS, "<>><", indent, head=head)


def _checked(p: Printer, check: FigureCheck, label: str = "") -> list[Cell]:
    """A row for a figure compared by ``jixiao.core.printed``."""
    return [label or check.label, check.printed or "—", check.computed, p.style.mark(check.agrees)]


def _plain(label: str, printed: str) -> list[Cell]:
    """A row for an input figure, which has nothing to be compared with."""
    return [label, printed or "—", "", ""]


def _parse_label(text: str | None) -> str:
    return describe_value(parse_value(text))


def describe_value(value: IndicatorValue) -> str:
    """定量 with what was read (``定量 ≥1300次``), 定性 (with its stated rating), or 空."""
    if value.kind is ValueKind.EMPTY:
        return "空"
    if not value.measurable or value.number is None:
        return f"定性（{value.rating}）" if value.rating else "定性"
    number = format(value.number, "f")
    direction = str(value.direction) if value.direction else ""
    operator = str(value.operator) if value.operator else ""
    return f"定量 {direction}{operator}{number}{value.unit}"


# --- department form ---------------------------------------------------------------------------


def show_department(p: Printer, form: DepartmentForm, rules: RuleSet) -> None:
    if form.attachment_label:
        p.out(form.attachment_label)
    p.title(form.title or f"{form.year}年度{form.department}部门整体支出绩效自评表")
    p.out()
    name_label = "部门名称（汇总）" if form.consolidated else "部门名称"
    p.field(name_label, form.department, indent="")
    p.field("被评价年度", str(form.year), indent="")
    p.field("金额单位", form.money_unit, indent="")

    funds = form.funds
    p.section(f"部门资金情况（{form.money_unit}）")
    checks = {c.path: c for c in department_checks(form, rules)}
    rows = [
        _plain("部门年初预算收入", money_text(funds.initial_budget)),
        _plain("部门调整预算收入", money_text(funds.adjusted_budget)),
        _checked(p, checks["funds.adjustment"]),
        # Its sources are listed right beneath it, so the short label says enough.
        _checked(p, checks["funds.actual_spending"], "实际支出数"),
    ]
    for field, info in type(funds.spending_by_source).model_fields.items():
        value = getattr(funds.spending_by_source, field)
        if value is not None:
            rows.append(_plain(f"  其中：{info.title}", money_text(value)))
    rows.append(_checked(p, checks["funds.completion_rate"]))
    rows.append(_checked(p, checks["funds.adjustment_rate"]))
    _figures(p, rows)
    if funds.adjustment_reason.strip():
        p.field("预算调整说明", funds.adjustment_reason)

    p.section("年度目标")
    p.out("  预期目标：")
    for i, goal in enumerate(form.annual_goals.expected):
        p.paragraph(goal, marker=f"{ordinal(i)}、")
    if not form.annual_goals.expected:
        p.paragraph("")
    p.out("  目标完成情况：")
    p.paragraph(form.annual_goals.achieved)

    # The core's 任务涉及资金合计 (no task states funds: shown as 0.00, as before).
    figures = computations.department_figures(form.funds, [t.funds for t in form.tasks], rules)
    task_total = figures.task_funds_total or ZERO
    p.section(
        f"主要任务（{len(form.tasks)}项，涉及资金合计{money_text(task_total)}{form.money_unit}）"
    )
    for task in form.tasks:
        p.out()
        funds_text = (
            f"{money_text(task.funds)}{form.money_unit}" if task.funds is not None else "未填写"
        )
        p.out(p.style.bold(f"  任务{task.number}") + f"  涉及资金：{funds_text}")
        p.field("预期目标", task.expected_goal, indent="    ")
        p.field("完成情况", task.achievement, indent="    ")
        indicator_rows = []
        for j, indicator in enumerate(task.indicators):
            actual = indicator.actual or "（未填写）"
            if indicator.target:
                actual = f"目标：{indicator.target}；完成：{actual}"
            name = f"{j + 1}. {indicator.name}"
            indicator_rows.append([name, actual, _parse_label(indicator.actual)])
        p.grid(
            indicator_rows, [26, 0, 16], indent="    ", head=["关键指标", "指标完成情况", "解析"]
        )

    p.section("重点项目绩效情况")
    if not form.key_projects:
        p.paragraph("")
    for project in form.key_projects:
        p.field("项目名称", project.name)
        p.field("指标完成情况", project.indicator_completion)
        p.out("  主要绩效：")
        for i, item in enumerate(project.achievements):
            p.paragraph(item, marker=f"{i + 1}. ")

    for label, text in (
        ("部门整体绩效", form.overall_performance),
        ("存在问题", form.problems),
        ("改进措施或下一步计划", form.improvements),
    ):
        p.section(label)
        p.paragraph(text)
    if form.notes:
        p.out()
        p.out(p.style.dim("注："))
        start = len(p.lines)
        for i, note in enumerate(form.notes):
            p.paragraph(note, indent="  ", marker=f"{i + 1}. ")
        p.lines[start:] = [p.style.dim(line) for line in p.lines[start:]]


# --- project form ------------------------------------------------------------------------------


def show_project(p: Printer, form: ProjectForm, rules: RuleSet) -> None:
    p.title(form.title or f"{form.year}年度项目支出绩效自评表")
    p.out()
    p.field("项目名称", form.project_name, indent="")
    p.field("主管部门", form.department, indent="")
    p.field("实施单位", form.implementing_unit, indent="")
    p.field("年度", str(form.year), indent="")

    funds = form.funds
    p.section(f"项目资金（{form.money_unit}）")
    money_rows = [
        [info.title or name, *(money_text(getattr(row, c)) for c in _FUNDS_COLUMNS)]
        for name, info in type(funds).model_fields.items()
        if isinstance(row := getattr(funds, name), FundsRow)
    ]
    p.grid(
        money_rows, [14, 12, 12, 12], "<>>>", head=["", "年初预算数", "全年预算数", "全年执行数"]
    )
    p.out()
    card = score_project(form, rules)
    checks = {c.path: c for c in project_checks(form, rules, card)}
    _figures(
        p,
        [
            _checked(p, checks["funds.execution_rate"]),
            _plain("分值", _points(funds.weight)),
            # Beside 执行率 and 分值, "得分" needs no "预算执行率" in front.
            _checked(p, checks["funds.total.score"], "得分"),
        ],
    )

    p.section("年度总体目标")
    p.field("预期目标", form.goal_expected)
    p.field("实际完成情况", form.goal_actual)

    p.section("绩效指标")
    # The printed 得分 beside the one the score card computes, as in the figure tables.
    head = ["指标", "年度指标值", "实际完成值", "分值", "得分", "计算", "", "解析"]
    widths, align = [20, 12, 12, 4, 5, 6, 1, 0], "<<<>>><<"
    p.out(p.style.dim(table([head], widths, indent="  ", align=align)[0]))
    group = None
    for index, indicator in enumerate(form.indicators):
        if (indicator.level1, indicator.level2) != group:
            group = (indicator.level1, indicator.level2)
            p.out(p.style.bold(f"  {indicator.level1} › {indicator.level2}"))
        parse = _parse_label(indicator.actual)
        if indicator.rating:
            parse += f"；评价：{indicator.rating}"
        score = checks[f"indicators[{index}].score"]
        values = [indicator.target or "—", indicator.actual or "—"]
        points = [_points(indicator.weight), score.printed, score.computed]
        p.grid(
            [[indicator.name, *values, *points, p.style.mark(score.agrees), parse]], widths, align
        )
        if indicator.deviation_reason.strip():
            p.field("偏差原因", indicator.deviation_reason, indent="    ")

    p.section("总分与评价")
    _figures(p, [_checked(p, checks["total_score"]), _checked(p, checks["grade"])])
    for label, text in (
        ("评价结论", form.conclusion),
        ("存在问题", form.problems),
        ("改进措施", form.measures),
    ):
        p.field(label, text)


def _points(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


# --- target declaration ------------------------------------------------------------------------


def show_declaration(p: Printer, form: TargetDeclarationForm, rules: RuleSet) -> None:
    del rules  # a declaration is not scored
    p.title(form.title or f"{form.year}年度项目支出绩效目标申报表")
    p.out()
    p.field("项目名称", form.project_name, indent="")
    p.field("主管部门", form.department, indent="")
    p.field("实施单位", form.implementing_unit, indent="")
    p.field("年度", str(form.year), indent="")
    p.section(f"资金情况（{form.money_unit}）")
    for name, info in type(form.funds).model_fields.items():
        p.field(info.title or name, money_text(getattr(form.funds, name)) or "未填写")
    p.section("总体目标")
    p.field("中长期目标", form.goal_long_term)
    p.field("年度目标", form.goal_annual)
    p.section(f"绩效指标（{len(form.indicators)}项）")
    for row in form.indicators:
        p.out(f"  {row.level1} › {row.level2} › {row.name}：{row.target or '（未填写）'}")


# --- the command -------------------------------------------------------------------------------

# How each registered form type prints in the terminal.
PRINTERS: dict[str, Callable[[Printer, Any, RuleSet], None]] = {
    "department_overall": show_department,
    "project": show_project,
    "project_target": show_declaration,
}


def render(form: Form, rules: RuleSet, style: Style) -> list[str]:
    p = Printer(style)
    PRINTERS[form.form_type](p, form, rules)
    p.section("校验结果")
    p.out(p.style.dim(f"  规则集：{rules.name}（{rules.label}）"))
    p.lines.extend(render_findings(validate(form, rules), style, indent="  "))
    return p.lines


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar=t("文件.json", "FILE.json"), help=t("表单 JSON 文件", "form JSON file")
    )
    parser.add_argument(
        "--ruleset",
        metavar="ID",
        choices=available_rulesets(),
        help=t("规则集（默认按表单类型）", "rule set (default: by form type)"),
    )


def run(args: argparse.Namespace) -> int:
    try:
        form = read_form_json(args.file)
    except CliInputError as exc:
        return fail(exc.zh, exc.en)
    rules = load_ruleset(args.ruleset or default_ruleset_id(form.form_type))
    print("\n".join(render(form, rules, Style())))
    return 0
