"""The 绩效运行监控表 for print: a layout described as data, filled with the core's figures.

The layout (``monitoring.json``, same description language as ``layouts/data``) reads a
:class:`MonitoringPrint`, a flat view of a monitoring form whose derived figures (1—N月执行数,
执行率, 全年预计执行数 and the expected full-year value of each indicator) come from
:mod:`jixiao.core.monitoring`; the official-form renderers draw it to XLSX, HTML and PDF.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, Literal, cast

from jixiao.core.monitoring.models import KIND_LABELS, MonitoringForm
from jixiao.core.monitoring.projection import project_indicator, project_spending
from jixiao.core.rulesets import RuleSet, load_ruleset
from jixiao.formats.exporters.html import sheet_to_html_document, sheet_to_html_table
from jixiao.formats.exporters.pdf import sheet_to_pdf
from jixiao.formats.exporters.xlsx import sheet_to_xlsx
from jixiao.formats.layouts import Layout, Sheet
from jixiao.formats.layouts.resolve import resolve


class MonitoringLayout(Layout):
    # The shared layout model lists the self-evaluation forms; this one prints monitoring.
    # It is kept out of ``layouts/data`` on purpose: every layout there is checked field by
    # field against a form model (``layouts.coverage.FORM_MODELS``), and this one prints a
    # derived view (:class:`MonitoringPrint`), so moving it takes more than the form type.
    form_type: Literal["monitoring"] = "monitoring"  # type: ignore[assignment]


@dataclass(frozen=True)
class IndicatorPrint:
    level1: str
    level2: str
    name: str
    target: str
    actual_to_date: str
    expected_full_year: str
    deviation: str
    likelihood: str
    note: str


@dataclass(frozen=True)
class MonitoringPrint:
    form_type: str
    title: str
    kind_label: str
    name: str
    department: str
    year: int
    month: int
    months: str  # 1—7月
    initial_budget: Decimal | None
    annual_budget: Decimal | None
    spent: Decimal | None
    rate: Decimal | None
    projected: Decimal | None
    projected_rate: Decimal | None
    projection: str
    indicators: list[IndicatorPrint]


def _indicator(form: MonitoringForm, index: int) -> IndicatorPrint:
    item = form.indicators[index]
    projection = project_indicator(item, form.month)
    expected = item.expected_full_year or (f"{projection.text}（推算）" if projection.text else "")
    reason = f"【{item.deviation_reason.value}】" if item.deviation_reason else ""
    return IndicatorPrint(
        level1=item.level1,
        level2=item.level2,
        name=item.name,
        target=item.target or "",
        actual_to_date=item.actual_to_date or "",
        expected_full_year=expected,
        deviation=f"{reason}{item.deviation_analysis}",
        likelihood=item.likelihood.value if item.likelihood else "",
        note=item.note,
    )


def printable(form: MonitoringForm) -> MonitoringPrint:
    execution = form.execution
    spending = project_spending(execution, form.month) if execution is not None else None
    months = "1月" if form.month == 1 else f"1—{form.month}月"
    return MonitoringPrint(
        form_type="monitoring",
        title=f"{form.year}年度绩效运行监控表",
        kind_label=KIND_LABELS[form.kind],
        name=form.name,
        department=form.department,
        year=form.year,
        month=form.month,
        months=months,
        initial_budget=execution.initial_budget if execution else None,
        annual_budget=execution.annual_budget if execution else None,
        spent=spending.spent if spending else None,
        rate=execution.execution_rate(form.month) if execution else None,
        projected=spending.projected if spending else None,
        projected_rate=spending.rate if spending else None,
        projection=spending.explanation if spending else "尚无预算执行数据。",
        indicators=[_indicator(form, i) for i in range(len(form.indicators))],
    )


@cache
def monitoring_layout() -> MonitoringLayout:
    text = (resources.files("jixiao.formats.monitoring_io") / "monitoring.json").read_text("utf-8")
    return MonitoringLayout.model_validate(json.loads(text))


def monitoring_sheet(form: MonitoringForm, rules: RuleSet | None = None) -> Sheet:
    """The monitoring form laid out for print."""
    # resolve() reads any object by attribute path; the print view stands in for a form.
    return resolve(cast(Any, printable(form)), monitoring_layout(), rules or load_ruleset())


def monitoring_html_table(form: MonitoringForm) -> str:
    return sheet_to_html_table(monitoring_sheet(form))


def monitoring_html_document(form: MonitoringForm) -> str:
    return sheet_to_html_document(monitoring_sheet(form))


def write_monitoring_xlsx(form: MonitoringForm) -> bytes:
    return sheet_to_xlsx(monitoring_sheet(form))


def write_monitoring_pdf(form: MonitoringForm) -> bytes:
    return sheet_to_pdf(monitoring_sheet(form))
