"""``jixiao show FILE.json``: the form printed readably in a terminal, in Chinese.

Every figure the form derives (adjustment, rates, execution rate, total) is shown next to the
value computed from its inputs with ✓ or ✗, each indicator with how it parses (定量/定性), and
the validation summary at the end. Plain aligned text; colour only on a terminal.
"""

from __future__ import annotations

import argparse
from decimal import Decimal

from jixiao.cli.commands.validate import (
    Style,
    pad,
    render_findings,
    table,
    terminal_width,
    text_width,
    wrap,
)
from jixiao.cli.files import CliInputError, read_form_json
from jixiao.cli.i18n import fail, t
from jixiao.core import computations
from jixiao.core.indicators import IndicatorValue, ValueKind, parse_value
from jixiao.core.model import DepartmentForm, FundsRow, ProjectForm
from jixiao.core.money import ZERO, money_text, places_of, printed_matches, rate_text, round_money
from jixiao.core.rulesets import RuleSet, available_rulesets, default_ruleset_id, load_ruleset
from jixiao.core.scoring import grade_for
from jixiao.core.validation import validate

NAME = "show"
HELP = ("以易读格式显示绩效自评表及校验结果", "print a form readably, with its check results")

_NUMBERS = "一二三四五六七八九十"


def _ordinal(i: int) -> str:
    return _NUMBERS[i] if i < len(_NUMBERS) else str(i + 1)


class Printer:
    """Collects lines; headings, labelled paragraphs and checked figures share one layout."""

    def __init__(self, style: Style) -> None:
        self.style = style
        self.lines: list[str] = []
        self.width = terminal_width()
        self._section = 0

    def out(self, line: str = "") -> None:
        self.lines.append(line)

    def title(self, text: str) -> None:
        for line in wrap(text, self.width):
            self.out(self.style.bold(pad(line, self.width, ">")[:0] + _centre(line, self.width)))

    def section(self, text: str) -> None:
        self.out()
        self.out(self.style.bold(f"{_ordinal(self._section)}、{text}"))
        self._section += 1

    def field(self, label: str, value: str, indent: str = "  ") -> None:
        """``label：value`` with the value wrapped under itself."""
        head = f"{indent}{label}："
        body_width = max(20, self.width - text_width(head))
        lines = wrap(value.strip() or "（未填写）", body_width)
        self.out(head + lines[0])
        for line in lines[1:]:
            self.out(" " * text_width(head) + line)

    def paragraph(self, text: str, indent: str = "    ", marker: str = "") -> None:
        """Wrapped text; a list ``marker`` (``1. ``) hangs, the lines after it align."""
        hang = " " * text_width(marker)
        lines = wrap(text.strip() or "（未填写）", self.width - len(indent) - len(hang))
        for k, line in enumerate(lines):
            self.out(indent + (marker if k == 0 else hang) + line)

    def grid(
        self,
        rows: list[list[str]],
        widths: list[int],
        align: str = "",
        indent: str = "  ",
        head: list[str] | None = None,
    ) -> None:
        """An aligned table (see ``validate.table``), its optional heading row dimmed."""
        align = align or "<" * len(widths)
        if head:
            self.out(self.style.dim(table([head], widths, indent=indent, align=align)[0]))
        self.lines.extend(table(rows, widths, indent=indent, align=align))

    def mark(self, ok: bool | None) -> str:
        if ok is None:
            return ""
        return self.style.green("✓") if ok else self.style.red("✗")


def _centre(text: str, width: int) -> str:
    return " " * max(0, (width - text_width(text)) // 2) + text


# --- figures -----------------------------------------------------------------------------------

_FIGURE_WIDTHS = [24, 12, 20]
_FUNDS_COLUMNS = ("initial_budget", "annual_budget", "executed")


def _figure_rows(
    p: Printer, rows: list[tuple[str, str, str, bool | None]], indent: str = "  "
) -> None:
    """Label, printed, computed, and ✓/✗ when the two were compared."""
    head = ["", t("填报", "printed"), t("计算", "computed")]
    p.grid([], _FIGURE_WIDTHS, "<>>", indent, head=head)
    for label, printed, computed, ok in rows:
        line = table(
            [[label, printed or "—", computed]], _FIGURE_WIDTHS, indent=indent, align="<>>"
        )
        p.lines.extend(line[:-1])
        p.out(f"{line[-1]}  {p.mark(ok)}".rstrip())


def _rate_row(
    label: str, printed: Decimal | None, exact: Decimal | None, default_places: int
) -> tuple[str, str, str, bool | None]:
    """A printed rate beside the exact one at the printed precision (and at the rule set's
    precision too when the form printed fewer decimals, so ``29%`` shows its ``29.18%``)."""
    shown = rate_text(printed, places_of(printed)) if printed is not None else ""
    places = places_of(printed) if printed is not None else default_places
    computed = rate_text(exact, places) if exact is not None else "无法计算"
    if exact is not None and printed is not None and places < default_places:
        computed += f"（{rate_text(exact, default_places)}）"
    ok = None if printed is None or exact is None else printed_matches(printed, exact)
    return label, shown, computed, ok


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
    adjustment = computations.budget_adjustment(funds, rules)
    sources = computations.spending_sources_total(funds.spending_by_source)
    precision = rules.rate_precision
    rows: list[tuple[str, str, str, bool | None]] = [
        ("部门年初预算收入", money_text(funds.initial_budget), "", None),
        ("部门调整预算收入", money_text(funds.adjusted_budget), "", None),
        (
            "年度预算调整数",
            money_text(funds.adjustment),
            money_text(adjustment) if adjustment is not None else "无法计算",
            None
            if funds.adjustment is None or adjustment is None
            else round_money(funds.adjustment) == round_money(adjustment),
        ),
        (
            "实际支出数",
            money_text(funds.actual_spending),
            money_text(sources) if sources is not None else "",
            None
            if sources is None or funds.actual_spending is None
            else sources == funds.actual_spending,
        ),
    ]
    for field, info in type(funds.spending_by_source).model_fields.items():
        value = getattr(funds.spending_by_source, field)
        if value is not None:
            rows.append((f"  其中：{info.title}", money_text(value), "", None))
    rows.append(
        _rate_row(
            "预算完成率",
            funds.completion_rate,
            computations.completion_rate(funds),
            precision.completion_rate,
        )
    )
    rows.append(
        _rate_row(
            "预算调整率",
            funds.adjustment_rate,
            computations.adjustment_rate(funds, rules),
            max(precision.adjustment_rate, 2),
        )
    )
    _figure_rows(p, rows)
    if funds.adjustment_reason.strip():
        p.field("预算调整说明", funds.adjustment_reason)

    p.section("年度目标")
    p.out("  预期目标：")
    for i, goal in enumerate(form.annual_goals.expected):
        p.paragraph(goal, marker=f"{_ordinal(i)}、")
    if not form.annual_goals.expected:
        p.paragraph("")
    p.out("  目标完成情况：")
    p.paragraph(form.annual_goals.achieved)

    task_total = sum((task.funds for task in form.tasks if task.funds is not None), ZERO)
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
    rows: list[tuple[str, str, str, bool | None]] = [
        _rate_row(
            "执行率（B/A）",
            funds.execution_rate,
            computations.project_execution_rate(form),
            rules.rate_precision.execution_rate,
        ),
        ("分值", _points(funds.weight), "", None),
        ("得分", _points(funds.score), "", None),
    ]
    _figure_rows(p, rows)

    p.section("年度总体目标")
    p.field("预期目标", form.goal_expected)
    p.field("实际完成情况", form.goal_actual)

    p.section("绩效指标")
    head = ["指标", "年度指标值", "实际完成值", "分值", "得分", "解析"]
    widths, align = [22, 14, 14, 5, 5, 0], "<<<>><"
    p.out(p.style.dim(table([head], widths, indent="  ", align=align)[0]))
    group = None
    for indicator in form.indicators:
        if (indicator.level1, indicator.level2) != group:
            group = (indicator.level1, indicator.level2)
            p.out(p.style.bold(f"  {indicator.level1} › {indicator.level2}"))
        parse = _parse_label(indicator.actual)
        if indicator.rating:
            parse += f"；评价：{indicator.rating}"
        values = [indicator.target or "—", indicator.actual or "—"]
        points = [_points(indicator.weight), _points(indicator.score)]
        p.grid([[indicator.name, *values, *points, parse]], widths, align)
        if indicator.deviation_reason.strip():
            p.field("偏差原因", indicator.deviation_reason, indent="    ")

    p.section("总分与评价")
    scores = [form.funds.score, *(i.score for i in form.indicators)]
    summed = sum((s for s in scores if s is not None), ZERO) if None not in scores else None
    total_ok = (
        None
        if form.total_score is None or summed is None
        else printed_matches(form.total_score, summed)
    )
    _figure_rows(
        p,
        [
            ("总分", _points(form.total_score), _points(summed) or "缺少得分", total_ok),
            (
                "评价等级",
                form.grade or "",
                _grade(form.total_score, rules),
                None
                if form.grade is None or form.total_score is None
                else form.grade == _grade(form.total_score, rules),
            ),
        ],
    )
    for label, text in (
        ("评价结论", form.conclusion),
        ("存在问题", form.problems),
        ("改进措施", form.measures),
    ):
        p.field(label, text)


def _points(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _grade(total: Decimal | None, rules: RuleSet) -> str:
    if total is None:
        return ""
    return grade_for(total, rules.grades)


# --- the command -------------------------------------------------------------------------------


def render(form: DepartmentForm | ProjectForm, rules: RuleSet, style: Style) -> list[str]:
    p = Printer(style)
    if isinstance(form, DepartmentForm):
        show_department(p, form, rules)
    else:
        show_project(p, form, rules)
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
