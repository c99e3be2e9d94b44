"""One project form read from its cells: identity, money unit, funds and indicators."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from jixiao.core.model.project import (
    FundsRow,
    IndicatorNature,
    ProjectForm,
    ProjectFunds,
    ProjectIndicator,
)
from jixiao.formats.report import ImportReport, SourceLocation
from jixiao.formats.tableread.basedata import year_in_text
from jixiao.formats.tableread.cells import Cell, Shape, is_plain_number
from jixiao.formats.tableread.funds import FundsRow as Reading
from jixiao.formats.tableread.funds import read_funds
from jixiao.formats.tableread.glued import GluedProject, glued_heads, read_glued_project
from jixiao.formats.tableread.indicators import read_indicators
from jixiao.formats.tableread.vocabulary import vocabulary
from jixiao.formats.textparse.amounts import read_amount

_YEAR = re.compile(r"((?:19|20)\d{2})年")
_UNIT = re.compile(r"(?:\(|单位:)(万元|元)")
_NATURES = {
    "≥": IndicatorNature.AT_LEAST,
    ">=": IndicatorNature.AT_LEAST,
    "≤": IndicatorNature.AT_MOST,
    "<=": IndicatorNature.AT_MOST,
    "=": IndicatorNature.EQUAL,
    "定性": IndicatorNature.QUALITATIVE,
    "定性指标": IndicatorNature.QUALITATIVE,
}
TOTAL_LABELS = ("自评得分", "自评总分", "总分")


def where(cell: Cell) -> SourceLocation:
    return SourceLocation(line=cell.line)


def year_near(cells: Sequence[Cell], at: int) -> tuple[int, Cell] | None:
    """The evaluated year printed in the title or in a short cell beside it (``(2023年度)``,
    ``2020 年…``); a year in the prose of a glued cell is not the form's."""
    title = cells[at].key
    words = vocabulary().project_titles + vocabulary().department_titles
    end = max((title.find(w) + len(w) for w in words if w in title), default=len(title))
    if m := _YEAR.search(title[: end + 12]):
        return int(m.group(1)), cells[at]
    # The neighbours that print something: a separated table keeps its empty cells in place.
    after = [k for k in range(at + 1, min(len(cells), at + 12)) if cells[k].text][:2]
    before = [k for k in range(at - 1, max(-1, at - 12), -1) if cells[k].text][:2]
    for k in (*after[:1], *before[:1], *after[1:], *before[1:]):
        if len(cells[k].key) <= 30:
            joined = cells[k].key + (cells[k + 1].key[:2] if k + 1 < len(cells) else "")
            if m := _YEAR.search(joined):
                return int(m.group(1)), cells[k]
    return None


def read_year(cells: Sequence[Cell], title_at: int, report: ImportReport) -> int | None:
    """The year printed near the title, or None with a warning (the form is read all the same;
    the year is asked for before it is saved)."""
    found = year_near(cells, title_at)
    if found is None:
        if (named := year_in_text(cells)) is not None:
            report.record("year", where(named.cell), 0.5)
            report.warn(f"表头没有印出评价年度；按正文中的“{named.year}年”读取，请核对")
            return named.year
        report.warn("未识别年度：表头没有印出评价年度，保存前请填写")
        return None
    report.record("year", where(found[1]), 0.9)
    return found[0]


def read_project(
    cells: Sequence[Cell], title_at: int, shape: Shape, report: ImportReport
) -> ProjectForm | None:
    """The form whose title cell is ``cells[title_at]``; its year is None when none is printed."""
    year = read_year(cells, title_at, report)
    title = cells[title_at].text
    heads = _heads(cells, shape, report)
    money_unit = _money_unit(cells, report)
    end = len(cells)
    funds_reading = read_funds(cells, 0, end, shape)
    funds = ProjectFunds()
    if funds_reading is not None:
        funds = _funds(funds_reading.rows, report)
        for warning in funds_reading.warnings:
            report.warn(warning)
        if funds.weight is None and (points := _budget_points(cells[: funds_reading.end])):
            weight, cell = points
            if funds.score is None or funds.score <= weight:
                funds = funds.model_copy(update={"weight": weight})
                report.record("funds.weight", where(cell), 0.7)
    indicators: list[ProjectIndicator] = []
    start = funds_reading.end if funds_reading is not None else 0
    ind_reading = read_indicators(cells, start, end, shape)
    if ind_reading is not None:
        for warning in ind_reading.warnings:
            report.warn(warning)
        for n, row in enumerate(ind_reading.rows):
            indicators.append(_indicator(row.level1, row.level2, row.name, row.values))
            report.record(f"indicators[{n}]", where(row.name), row.confidence)
    total = _total(cells, report, shape)
    if funds_reading is None and not indicators:
        glued = read_glued_project(cells[title_at:])
        if glued is not None:
            funds, indicators, total = _glued(glued, cells[title_at], funds, total, report)
            for field, value in glued_heads(cells[title_at:]).items():
                if not heads.get(field):
                    heads[field] = value
                    report.record(field, where(cells[title_at]), 0.6)
    missing = [
        label
        for label, absent in (
            ("项目名称", not heads.get("project_name")),
            ("主管部门", not heads.get("department")),
            ("资金表", funds.total.executed is None),
            ("绩效指标表", not indicators),
        )
        if absent
    ]
    if missing:
        report.warn(f"未能读出：{'、'.join(missing)}；请对照原表补全")
    return ProjectForm(
        title=title,
        year=year,
        money_unit=money_unit,
        funds=funds,
        indicators=indicators,
        total_score=total,
        project_name=heads.get("project_name", ""),
        department=heads.get("department", ""),
        implementing_unit=heads.get("implementing_unit", ""),
    )


def _glued(
    glued: GluedProject,
    anchor: Cell,
    funds: ProjectFunds,
    total: Decimal | None,
    report: ImportReport,
) -> tuple[ProjectFunds, list[ProjectIndicator], Decimal | None]:
    """What a form printed without cell borders gives (see :mod:`.glued`)."""
    if glued.funds is not None:
        initial, annual, executed, rate = glued.funds
        row = FundsRow(initial_budget=initial, annual_budget=annual, executed=executed)
        funds = ProjectFunds(total=row, execution_rate=rate)
        for path in ("total.initial_budget", "total.annual_budget", "total.executed"):
            report.record(f"funds.{path}", where(anchor), 0.6)
        report.record("funds.execution_rate", where(anchor), 0.6)
    indicators = [
        ProjectIndicator(
            level1="",
            level2="",
            name=row.name,
            target=row.target,
            actual=row.actual,
            weight=row.weight,
            score=row.score,
        )
        for row in glued.rows
    ]
    for n in range(len(indicators)):
        report.record(f"indicators[{n}]", where(anchor), 0.5)
    if glued.rows:
        report.warn("表格边框在文本中丢失，指标行按分值与得分的核对读出，请逐项核对")
    if total is None and glued.total is not None:
        total = glued.total
        report.record("total_score", where(anchor), 0.6)
    return funds, indicators, total


_BUDGET_POINTS = re.compile(r"^预算执行情况(?:\([^()]{0,8}\))?\((\d+(?:\.\d+)?)分\)")


def _budget_points(cells: Sequence[Cell]) -> tuple[Decimal, Cell] | None:
    """The budget block's points printed in its label (``预算执行情况(万元)(20分)``), when the
    block has no 分值 column."""
    for i, cell in enumerate(cells):
        if not cell.key.startswith("预算执行"):
            continue
        joined = "".join(c.key for c in cells[i : i + 4])
        if m := _BUDGET_POINTS.match(joined):
            return Decimal(m.group(1)), cell
    return None


def _heads(cells: Sequence[Cell], shape: Shape, report: ImportReport) -> dict[str, str]:
    vocab = vocabulary()
    heads: dict[str, str] = {}
    stops = set(vocab.head_stops)
    for i, cell in enumerate(cells):
        field = vocab.head_label(cell.label)
        if field is None or field in heads:
            continue
        if field == "department" and cell.label != "主管部门" and _has(cells, "主管部门"):
            continue
        parts: list[Cell] = []
        for nxt in cells[i + 1 : i + 8]:
            if nxt.empty and not parts:
                continue
            if nxt.empty or vocab.head_label(nxt.label) or nxt.label in stops or "□" in nxt.key:
                break
            if vocab.match(vocab.funds_columns, nxt.label):
                break
            parts.append(nxt)
            if shape is Shape.SEPARATED:
                break
        value_length = sum(len(p.key) for p in parts)
        if parts and len(parts) <= 5 and value_length <= 60:  # longer is a glued table
            heads[field] = "".join(p.text for p in parts) if shape is Shape.FLAT else parts[0].text
            report.record(field, where(parts[0]), 0.9 if shape is Shape.SEPARATED else 0.7)
    return heads


def _has(cells: Sequence[Cell], label: str) -> bool:
    return any(c.label == label for c in cells)


def _money_unit(cells: Sequence[Cell], report: ImportReport) -> str:
    for cell in cells:
        if m := _UNIT.search(cell.key):
            report.record("money_unit", where(cell), 0.9)
            return m.group(1)
    report.warn("表中没有印出金额单位，暂按万元记录，请核对")
    return "万元"


def _funds(rows: Mapping[str, Reading], report: ImportReport) -> ProjectFunds:
    data: dict[str, FundsRow] = {}
    extras: dict[str, Decimal] = {}
    for name, row in rows.items():
        if name.startswith("extra:"):
            continue
        data[name] = FundsRow(
            initial_budget=row.values.get("initial_budget"),
            annual_budget=row.values.get("annual_budget"),
            executed=row.values.get("executed"),
        )
        for column, path in (
            ("initial_budget", "initial_budget"),
            ("annual_budget", "annual_budget"),
            ("executed", "executed"),
        ):
            if column in row.cells:
                report.record(f"funds.{name}.{path}", where(row.cells[column]), row.confidence)
        if name == "total":
            for column, key in (
                ("weight", "weight"),
                ("rate", "execution_rate"),
                ("score", "score"),
            ):
                if column in row.values:
                    extras[key] = row.values[column]
                    report.record(f"funds.{key}", where(row.cells[column]), row.confidence)
    return ProjectFunds(**data, **extras)  # type: ignore[arg-type]


def _indicator(level1: str, level2: str, name: Cell, values: dict[str, Cell]) -> ProjectIndicator:
    def text(column: str) -> str | None:
        cell = values.get(column)
        return cell.text if cell is not None and cell.text else None

    nature = values.get("nature")
    return ProjectIndicator(
        level1=level1,
        level2=level2,
        name=name.text,
        nature=_NATURES.get(nature.key) if nature is not None else None,
        unit=text("unit") or "",
        target=text("target"),
        actual=text("actual"),
        weight=read_amount(values["weight"].key) if "weight" in values else None,
        score=read_amount(values["score"].key) if "score" in values else None,
        deviation_reason=text("reason") or "",
    )


def _total(cells: Sequence[Cell], report: ImportReport, shape: Shape) -> Decimal | None:
    """The total printed after its label: in the label's row when cells are separated (a
    column header 自评得分 is followed by the next row's 序号), else the next word."""
    for i, cell in enumerate(cells[:-1]):
        if cell.label.endswith(TOTAL_LABELS):
            nxt = next((c for c in cells[i + 1 : i + 3] if not c.empty), None)
            if nxt is not None and shape is Shape.SEPARATED and nxt.row != cell.row:
                continue
            if nxt is not None and is_plain_number(nxt):
                value = read_amount(nxt.key)
                if value is not None and value <= 100:
                    report.record("total_score", where(nxt), 0.8)
                    return value
    return None
