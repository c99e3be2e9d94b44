"""The project form (项目支出绩效自评表, MoF 2020 layout) from a grid of cells."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from jixiao.core.model import ProjectForm
from jixiao.formats.gridread.grid import Grid, GridCell
from jixiao.formats.gridread.recompute import recompute
from jixiao.formats.gridread.values import NeedsRecompute, amount
from jixiao.formats.report import ImportReport
from jixiao.formats.textparse.errors import NotAForm

HEAD_LABELS = {
    "项目名称": "project_name",
    "主管部门": "department",
    "实施单位": "implementing_unit",
}
_YEAR = re.compile(r"(\d{4})\s*年")
# Column headings of the funds table, by the start of their text.
FUND_COLUMNS = (
    ("年初预算", "initial_budget"),
    ("全年预算", "annual_budget"),
    ("全年执行", "executed"),
    ("分值", "weight"),
    ("执行率", "execution_rate"),
    ("得分", "score"),
)
FUND_ROWS = (
    ("年度资金总额", "total"),
    ("本年财政拨款", "current_year_appropriation"),
    ("上年结转资金", "carried_over"),
    ("其他资金", "other"),
)
INDICATOR_COLUMNS = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "年度指标值": "target",
    "实际完成值": "actual",
    "分值": "weight",
    "得分": "score",
    "偏差原因分析及改进措施": "deviation_reason",
    "指标性质": "nature",
    "度量单位": "unit",
    "定性评价": "rating",
}
_TEXT_COLUMNS = ("level1", "level2", "name", "target", "actual", "deviation_reason", "unit")
TAIL_LABELS = {
    "评价结论": "conclusion",
    "自评结论": "conclusion",
    "存在问题": "problems",
    "存在的问题": "problems",
    "改进措施": "measures",
    "改进意见": "measures",
}
_GRADES = ("优", "良", "中", "差")
_NATURES = {"≥": "≥", "≤": "≤", "=": "=", "＝": "=", "﹦": "=", "定性": "定性"}
_RATINGS = ("达成", "部分达成", "未达成")


def looks_like_project(grid: Grid) -> bool:
    keys = {c.key for c in grid.cells}
    return "项目名称" in keys and ("三级指标" in keys or "年度资金总额" in keys)


def read_project(grid: Grid, report: ImportReport, header: Any) -> ProjectForm:
    data: dict[str, Any] = {"title": header.title, "money_unit": header.money_unit}
    year = header.year
    for cell in grid.above:
        if (
            year is None
            and (match := _YEAR.search(cell.text))
            and ("（" in cell.text or "(" in cell.text)
        ):
            year = int(match.group(1))
            report.record("year", cell.source, 0.95)
    if year is None:
        for cell in grid.cells[:40]:
            if (match := _YEAR.search(cell.text)) and "年度" in cell.text:
                year = int(match.group(1))
                report.record("year", cell.source, 0.8)
                break
    if year is None:
        raise NotAForm("未找到项目的评价年度")
    data["year"] = year
    for label, name in HEAD_LABELS.items():
        label_cell = grid.find([label])
        value = grid.right_of(label_cell) if label_cell is not None else None
        if value is not None and value.text:
            data[name] = value.text
            report.record(name, value.source, value.confidence)
    if not data.get("project_name"):
        raise NotAForm("未找到项目名称")
    for cell in grid.cells:
        if cell.key.startswith("项目资金") and "（元）" in cell.key:
            data["money_unit"] = "元"
    pending: list[str] = []
    data["funds"] = _funds(grid, report, pending)
    data["goal_expected"], data["goal_actual"] = _goal(grid, report)
    data["indicators"], score_column = _indicators(grid, report, pending)
    data.update(_totals(grid, report, score_column, pending))
    form = ProjectForm.model_validate(data)
    recompute(form, pending, report)
    return form


def _under(grid: Grid, heads: dict[str, GridCell], row: GridCell) -> dict[str, GridCell]:
    """The cells of ``row``'s table row that sit under each heading."""
    out: dict[str, GridCell] = {}
    for cell in grid.row_of(row):
        for name, head in heads.items():
            if name not in out and cell.x_overlap(head.x0, head.x1) > 0.5:
                out[name] = cell
    return out


def _funds(grid: Grid, report: ImportReport, recompute: list[str]) -> dict[str, Any]:
    first = grid.find(["年初预算数"])
    if first is None:
        report.warn("未找到项目资金表")
        return {}
    heads: dict[str, GridCell] = {}
    for cell in [first, *grid.row_of(first)]:
        for prefix, name in FUND_COLUMNS:
            if cell.key.startswith(prefix) and name not in heads:
                heads[name] = cell
    funds: dict[str, Any] = {}
    for label_text, row_name in FUND_ROWS:
        label = next((c for c in grid.cells if c.key.removeprefix("其中：") == label_text), None)
        if label is None:
            continue
        row: dict[str, Decimal] = {}
        for name, cell in _under(grid, heads, label).items():
            path = f"funds.{row_name}.{name}" if name in _ROW_FIELDS else f"funds.{name}"
            if name not in _ROW_FIELDS and row_name != "total":
                continue
            try:
                value = amount(cell)
            except NeedsRecompute:
                recompute.append(path)
                report.record(path, cell.source, 0.9)
                continue
            if value is None:
                continue
            if name in _ROW_FIELDS:
                row[name] = value
            else:
                funds[name] = value
            report.record(path, cell.source, cell.confidence)
        funds[row_name] = row
    return funds


_ROW_FIELDS = ("initial_budget", "annual_budget", "executed")


def _goal(grid: Grid, report: ImportReport) -> tuple[str, str]:
    texts = []
    for label, path in (("预期目标", "goal_expected"), ("实际完成情况", "goal_actual")):
        head = grid.find([label])
        below = grid.under(head) if head is not None else []
        text = below[0].text if below else ""
        if text:
            report.record(path, below[0].source, below[0].confidence)
        texts.append(text)
    return texts[0], texts[1]


def _indicators(
    grid: Grid, report: ImportReport, recompute: list[str]
) -> tuple[list[dict[str, Any]], GridCell | None]:
    name_head = grid.find(["三级指标"])
    if name_head is None:
        report.warn("未找到绩效指标表")
        return [], None
    heads: dict[str, GridCell] = {}
    for cell in [name_head, *grid.row_of(name_head)]:
        if cell.key in INDICATOR_COLUMNS:
            heads.setdefault(INDICATOR_COLUMNS[cell.key], cell)
    start = grid.index(name_head) + 1
    end = next(
        (i for i in range(start, len(grid.cells)) if grid.cells[i].key in ("总分", "合计")),
        len(grid.cells),
    )
    body = [c for c in grid.cells[start:end] if c.key not in INDICATOR_COLUMNS]
    body = [c for c in body if c.key != "绩效指标"]
    columns: dict[str, list[GridCell]] = {name: [] for name in heads}
    for cell in body:
        for name, head in heads.items():
            if cell.x_overlap(head.x0, head.x1) > 0.5:
                columns[name].append(cell)
                break
    indicators: list[dict[str, Any]] = []
    level1 = level2 = ""
    for name_cell in columns.get("name", []):
        row: dict[str, Any] = {}
        for name, cells in columns.items():
            if name == "name":
                continue
            found = next((c for c in cells if c.covers_row(name_cell)), None)
            if name in ("level1", "level2"):
                # A merged level cell covers its rows; after a page break (or when empty) the
                # row keeps the level above.
                if found is not None and found.text:
                    if name == "level1":
                        level1 = found.text
                    else:
                        level2 = found.text
                continue
            if found is None:
                continue
            row[name] = found
        if not name_cell.text and not any(c.text for c in row.values()):
            continue
        at = f"indicators[{len(indicators)}]"
        item: dict[str, Any] = {"level1": level1, "level2": level2, "name": name_cell.text}
        report.record(f"{at}.name", name_cell.source, name_cell.confidence)
        for name, cell in row.items():
            if name in ("weight", "score"):
                try:
                    value = amount(cell)
                except NeedsRecompute:
                    recompute.append(f"{at}.{name}")
                    continue
                if value is not None:
                    item[name] = value
            elif name == "nature":
                nature = _NATURES.get(cell.key)
                if nature is None:
                    continue
                item[name] = nature
            elif name == "rating":
                if cell.key not in _RATINGS:
                    continue
                item[name] = cell.key
            elif cell.text:
                item[name] = cell.text
            else:
                continue
            report.record(f"{at}.{name}", cell.source, cell.confidence)
        indicators.append(item)
    return indicators, heads.get("score")


def _totals(
    grid: Grid, report: ImportReport, score_head: GridCell | None, recompute: list[str]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    total = grid.find(["总分", "合计"])
    if total is not None:
        row = grid.row_of(total)
        cell = None
        if score_head is not None:
            cell = next((c for c in row if c.x_overlap(score_head.x0, score_head.x1) > 0.5), None)
        if cell is None:
            numbers = [c for c in row if c.formula or _number(c) is not None]
            cell = numbers[-1] if numbers else None
        if cell is not None:
            try:
                value = amount(cell)
            except NeedsRecompute:
                recompute.append("total_score")
                value = None
            if value is not None:
                out["total_score"] = value
                report.record("total_score", cell.source, cell.confidence)
    grade_label = grid.find(["评价等级", "自评等级"])
    if grade_label is not None and (cell := grid.right_of(grade_label)) is not None:
        if cell.formula is not None:
            recompute.append("grade")
        elif cell.key[:1] in _GRADES:
            out["grade"] = cell.key[:1]
            report.record("grade", cell.source, cell.confidence)
    for label, name in TAIL_LABELS.items():
        if name in out:
            continue
        label_cell = grid.find([label])
        text_cell = grid.right_of(label_cell) if label_cell is not None else None
        if text_cell is not None and text_cell.text:
            out[name] = text_cell.text
            report.record(name, text_cell.source, text_cell.confidence)
    return out


def _number(cell: GridCell) -> Decimal | None:
    try:
        return amount(cell)
    except NeedsRecompute:
        return None
