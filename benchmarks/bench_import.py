"""Text import speed: pages per second on generated department forms.

The generator renders forms the way ``pdftotext`` (without ``-layout``) prints the published
PDFs: cells as paragraphs, wrapped at their column's width, name and completion of an indicator
joined by a space when both fit on one line, the task funds after its first indicator, and a
form feed between pages with the cut task printed again on the next page. Every generated form
is checked to read back identically, so the timing is of real, complete parsing.
(PDF import against plain ``pdftotext`` is measured once the PDF importer exists.)
"""

from __future__ import annotations

import random
from decimal import Decimal

from benchmarks.common import Result, timed
from jixiao.core.model import (
    AnnualGoals,
    DepartmentForm,
    DepartmentFunds,
    KeyProject,
    SpendingBySource,
    Task,
    TaskIndicator,
)
from jixiao.core.money import money_text
from jixiao.core.serialization import form_to_data
from jixiao.formats.importing import import_bytes
from jixiao.formats.textparse import parse_text
from jixiao.formats.textparse.text import display_width

FORMS = 40
LINES_PER_PAGE = 70
_WORDS = tuple(
    "推进完善加强保障提升落实开展建设服务管理治理体系机制能力水平"
    "项目工作群众社区城市安全质量效率数据平台制度队伍宣传培训监督"[i : i + 2]
    for i in range(0, 60, 2)
)
_UNITS = ("个", "场", "人次", "件", "处", "%", "次", "公里")


def _sentence(rng: random.Random, words: int, end: str = "。") -> str:
    parts = [rng.choice(_WORDS) for _ in range(words)]
    for i in range(3, len(parts) - 1, 4):
        parts[i] += "，"
    return "".join(parts) + end


def _amount(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)).scaleb(-2)


def generate_form(rng: random.Random, number: int) -> DepartmentForm:
    year = rng.randint(2018, 2024)
    department = f"广州市某某区第{number}局"
    initial = _amount(rng, 500, 20000)
    adjusted = initial + _amount(rng, -400, 400)
    spent = min(adjusted, adjusted - _amount(rng, 0, 300))
    tasks = []
    for t in range(1, rng.randint(1, 5) + 1):
        indicators = []
        for _ in range(rng.randint(1, 6)):
            name = _sentence(rng, rng.randint(3, 6), end="")
            actual = f"{rng.randint(1, 5000)}{rng.choice(_UNITS)}"
            if rng.random() < 0.3:
                actual = _sentence(rng, rng.randint(6, 14))
            indicators.append(TaskIndicator(name=name, actual=actual))
        tasks.append(
            Task(
                number=t,
                expected_goal=_sentence(rng, rng.randint(5, 12), end=""),
                achievement=_sentence(rng, rng.randint(6, 14)),
                funds=_amount(rng, 1, 500),
                indicators=indicators,
            )
        )
    return DepartmentForm(
        attachment_label="附件2",
        title=f"{year}年度{department}部门整体支出绩效自评表",
        department=department,
        consolidated=rng.random() < 0.5,
        year=year,
        funds=DepartmentFunds(
            initial_budget=initial,
            adjusted_budget=adjusted,
            adjustment=abs(adjusted - initial),
            actual_spending=spent,
            spending_by_source=SpendingBySource(general_public_budget=spent),
            completion_rate=Decimal("98.50"),
            adjustment_rate=Decimal("3"),
        ),
        annual_goals=AnnualGoals(
            expected=[_sentence(rng, rng.randint(4, 10), end="；") for _ in range(len(tasks))],
            achieved=_sentence(rng, rng.randint(20, 60)),
        ),
        tasks=tasks,
        key_projects=[
            KeyProject(
                name=f"{_sentence(rng, 3, end='')}项目",
                indicator_completion="项目绩效指标均完成，指标完成率100%。",
                achievements=[_sentence(rng, rng.randint(6, 20)) for _ in range(rng.randint(1, 4))],
            )
        ],
        overall_performance=_sentence(rng, rng.randint(40, 120)),
        problems=_sentence(rng, rng.randint(10, 30)),
        improvements=_sentence(rng, rng.randint(10, 40)),
        notes=[_sentence(rng, 12), _sentence(rng, 10)],
    )


def wrap(text: str, width: int) -> list[str]:
    """Cut text into lines of at most ``width`` display columns, as a cell wraps."""
    lines, current = [], ""
    for ch in text:
        if current and display_width(current + ch) > width:
            lines.append(current)
            current = ""
        current += ch
    return [*lines, current] if current else lines


def render_text(form: DepartmentForm) -> str:
    """The form as ``pdftotext`` without ``-layout`` would print it."""
    f = form.funds
    out = [
        "",
        form.attachment_label,
        "",
        form.title,
        "",
        "单位：万元",
        "",
        f"部门名称{'（汇总）' if form.consolidated else ''} {form.department} "
        f"被评价年度 {form.year}年",
        "",
        "部门资",
        "金情况",
        "",
        f"部门调整预算收入 {money_text(f.adjusted_budget)} "
        f"部门年初预算收入 {money_text(f.initial_budget)} ",
        "",
        f"实际支出数 {money_text(f.actual_spending)} ",
        "",
        f"年度预算调整数 {money_text(f.adjustment)} ",
        f"其中：一般公共预算 {money_text(f.spending_by_source.general_public_budget)} ",
        "",
        f"预算完成率 {f.completion_rate}% 预算调整率 {f.adjustment_rate}%",
        "",
        "年度",
        "目标",
        "",
        "部门整体支出的预期目标 部门整体支出的目标完成情况",
        "",
    ]
    numerals = "一二三四五六七八九"
    for n, goal in enumerate(form.annual_goals.expected):
        out += wrap(f"{numerals[n]}、{goal}", 40)
    out += ["", *wrap(form.annual_goals.achieved, 68), "", "主要", "任务", ""]
    out += ["预期目标 目标完成情况 关键指标 指标完成情况", "任务涉及", "", "资金", ""]
    for task in form.tasks:
        head = [f"任务{task.number}", "", *wrap(task.expected_goal, 20), ""]
        head += [*wrap(task.achievement, 18), ""]
        out += head
        for i, indicator in enumerate(task.indicators):
            actual = indicator.actual or ""
            if display_width(indicator.name) <= 24 and display_width(actual) <= 28:
                out += [f"{indicator.name} {actual}", ""]
            else:
                out += [*wrap(indicator.name, 24), "", *wrap(actual, 28), ""]
            if i == 0:
                out += [f"{money_text(task.funds)} ", ""]
            if len(out) > LINES_PER_PAGE * (out.count("\f") + 1) and i + 1 < len(task.indicators):
                # Page break inside the task: the next page prints the task again.
                out += ["\f" + head[0], *head[1:], f"{money_text(task.funds)} ", ""]
    out += ["重点项目绩效情况", ""]
    for project in form.key_projects:
        out += [project.name, project.indicator_completion]
        for n, item in enumerate(project.achievements, start=1):
            out += wrap(f"{'主要绩效：' if n == 1 else ''}{n}、{item}", 90)
    out += ["", "部门整体绩效", "", *wrap("    " + form.overall_performance, 90), ""]
    out += ["存在问题", *wrap(form.problems, 90), "", "改进措施或下一步计划", ""]
    out += [*wrap(form.improvements, 90), ""]
    notes = [f"{'注：' if n == 1 else '    '}{n}.{note}" for n, note in enumerate(form.notes, 1)]
    out += [line for note in notes for line in wrap(note, 110)]
    return "\n".join(out) + "\n"


def corpus(count: int = FORMS, seed: int = 20240601) -> list[tuple[DepartmentForm, str]]:
    rng = random.Random(seed)
    return [(form, render_text(form)) for form in (generate_form(rng, n) for n in range(count))]


def pages_of(text: str) -> int:
    lines = text.count("\n")
    return max(text.count("\f") + 1, -(-lines // LINES_PER_PAGE))


def run() -> list[Result]:
    documents = corpus()
    for form, text in documents:
        parsed = parse_text(text)
        assert form_to_data(parsed[0].form) == form_to_data(form), form.department
    pages = sum(pages_of(text) for _, text in documents)
    encoded = [(text.encode("utf-8"), f"{n}.txt") for n, (_, text) in enumerate(documents)]

    def parse_all() -> None:
        for _, text in documents:
            parse_text(text)

    def import_all() -> None:
        for data, name in encoded:
            import_bytes(data, name)

    parse_seconds = timed(parse_all)
    import_seconds = timed(import_all)
    return [
        Result(
            f"text parse, {pages} pages ({FORMS} forms)",
            parse_seconds / pages,
            unit="s/page",
            goal=f"{pages / parse_seconds:,.0f} pages/s",
        ),
        Result(
            "text import_bytes (decode + parse + validate)",
            import_seconds / pages,
            baseline_name="parse only",
            baseline_seconds=parse_seconds / pages,
            unit="s/page",
            goal=f"{pages / import_seconds:,.0f} pages/s",
        ),
    ]
