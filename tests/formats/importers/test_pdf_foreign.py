"""A PDF of the same layout made by another program: here an HTML page of our own, with other
column widths, a sans-serif font, other padding and the table split differently, typeset by
WeasyPrint. The importer finds every value by its label all the same."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from jixiao.core.model import DepartmentForm
from jixiao.core.serialization import form_to_data
from jixiao.formats.importing import import_bytes
from jixiao.formats.layouts.text import chinese_number

CSS = """
@page { size: A4; margin: 12mm 20mm; }
body { font-family: "Noto Sans CJK SC", sans-serif; font-size: 9pt; margin: 0; }
h2 { text-align: center; font-size: 13pt; }
table { border-collapse: collapse; width: 100%; margin-bottom: 4mm; }
td { border: 1pt solid #333; padding: 2.5mm 1.5mm; vertical-align: top; }
"""


def td(text: str, colspan: int = 1, rowspan: int = 1) -> str:
    return f'<td colspan="{colspan}" rowspan="{rowspan}">{escape(text)}</td>'


def money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def foreign_html(form: DepartmentForm) -> str:
    f = form.funds
    goals = "<br>".join(
        f"{chinese_number(i)}、{escape(g)}" for i, g in enumerate(form.annual_goals.expected, 1)
    )
    rows = [
        f"<tr>{td('部门名称（汇总）' if form.consolidated else '部门名称')}"
        f"{td(form.department, 3)}{td('被评价年度')}{td(f'{form.year}年')}</tr>",
        f"<tr>{td('部门资金情况', rowspan=4)}{td('部门年初预算收入')}{td(money(f.initial_budget))}"
        f"{td('部门调整预算收入')}{td(money(f.adjusted_budget), 2)}</tr>",
        f"<tr>{td('年度预算调整数')}{td(money(f.adjustment))}"
        f"{td('实际支出数')}{td(money(f.actual_spending), 2)}</tr>",
        f"<tr>{td('其中：一般公共预算')}{td(money(f.spending_by_source.general_public_budget))}"
        f"{td('', 3)}</tr>",
        f"<tr>{td('预算完成率')}{td(f'{f.completion_rate}%')}"
        f"{td('预算调整率')}{td(f'{f.adjustment_rate}%', 2)}</tr>",
        f"<tr>{td('年度目标', rowspan=2)}{td('部门整体支出的预期目标', 2)}"
        f"{td('部门整体支出的目标完成情况', 3)}</tr>",
        f'<tr><td colspan="2">{goals}</td>{td(form.annual_goals.achieved, 3)}</tr>',
    ]
    tasks = [
        f"<tr>{td('主要任务')}{td('预期目标')}{td('目标完成情况')}{td('关键指标')}"
        f"{td('指标完成情况')}{td('任务涉及资金')}</tr>"
    ]
    for task in form.tasks:
        span = max(1, len(task.indicators))
        for k, indicator in enumerate(task.indicators):
            lead = ""
            trail = ""
            if k == 0:
                lead = (
                    td(f"任务{task.number}", rowspan=span)
                    + td(task.expected_goal, rowspan=span)
                    + td(task.achievement, rowspan=span)
                )
                trail = td(money(task.funds), rowspan=span)
            tasks.append(f"<tr>{lead}{td(indicator.name)}{td(indicator.actual or '')}{trail}</tr>")
    tail = []
    for project in form.key_projects:
        lines = [project.name, project.indicator_completion] + [
            ("主要绩效：" if i == 1 else "") + f"{i}、{a}"
            for i, a in enumerate(project.achievements, 1)
        ]
        body = "<br>".join(escape(line) for line in lines)
        tail.append(f'<tr>{td("重点项目绩效情况")}<td colspan="5">{body}</td></tr>')
    for label, text in (
        ("部门整体绩效", form.overall_performance),
        ("存在问题", form.problems),
        ("改进措施或下一步计划", form.improvements),
    ):
        tail.append(f"<tr>{td(label)}{td(text, 5)}</tr>")
    notes = "<br>".join(
        ("注：" if i == 1 else "") + f"{i}.{escape(n)}" for i, n in enumerate(form.notes, 1)
    )
    widths = "".join(f'<col style="width:{w}%">' for w in (12, 20, 20, 18, 18, 12))
    return (
        f'<html><head><meta charset="utf-8"><style>{CSS}</style></head><body>'
        f"<p>{escape(form.attachment_label)}</p><h2>{escape(form.title)}</h2>"
        f'<p style="text-align:right">单位：万元</p>'
        f"<table><colgroup>{widths}</colgroup>{''.join(rows)}</table>"
        f"<table><colgroup>{widths}</colgroup>{''.join(tasks)}</table>"
        f"<table><colgroup>{widths}</colgroup>{''.join(tail)}</table>"
        f"<p>{notes}</p></body></html>"
    )


def test_a_pdf_drawn_by_another_program_reads_by_its_labels(
    seed_form_model: DepartmentForm,
) -> None:
    from weasyprint import HTML

    pdf = HTML(string=foreign_html(seed_form_model)).write_pdf()
    assert pdf is not None
    result = import_bytes(bytes(pdf), "other.pdf")[0]
    read = form_to_data(result.form)
    expected = form_to_data(seed_form_model)
    # "覆盖率达到 100%" wraps right at its space in this layout, and a PDF keeps no trace of
    # a space at a line end: that one space cannot come back.
    assert read.pop("overall_performance") == expected.pop("overall_performance").replace(
        "达到 100%", "达到100%"
    )
    assert read == expected
    assert result.report.unplaced == []
