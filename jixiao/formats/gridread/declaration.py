"""The 项目支出绩效目标申报表 from a grid of cells (its own XLSX export, and sheets laid out
the same way)."""

from __future__ import annotations

import re
from typing import Any

from jixiao.core.model.declaration import TargetDeclarationForm
from jixiao.formats.gridread.grid import Grid, GridCell
from jixiao.formats.gridread.values import NeedsRecompute, amount
from jixiao.formats.report import ImportReport
from jixiao.formats.textparse.errors import NotAForm

HEAD_LABELS = {
    "项目名称": "project_name",
    "主管部门": "department",
    "实施单位": "implementing_unit",
}
FUND_LABELS = {"年度资金总额": "total", "其中：财政拨款": "fiscal", "财政拨款": "fiscal"}
FUND_LABELS["其他资金"] = "other"
GOAL_LABELS = {"中长期目标": "goal_long_term", "年度目标": "goal_annual"}
INDICATOR_COLUMNS = {"一级指标": "level1", "二级指标": "level2", "三级指标": "name"}
INDICATOR_COLUMNS["指标值"] = "target"
_YEAR = re.compile(r"(\d{4})\s*年")


def looks_like_declaration(grid: Grid) -> bool:
    keys = {c.key for c in grid.cells}
    return "项目名称" in keys and "中长期目标" in keys


def read_declaration(grid: Grid, report: ImportReport, header: Any) -> TargetDeclarationForm:
    data: dict[str, Any] = {}
    if header.money_unit:
        data["money_unit"] = header.money_unit
    # The layout states the unit in the funds section's heading: 资金情况（元）.
    if any(c.key.startswith("资金情况") and "（元）" in c.key for c in grid.cells):
        data["money_unit"] = "元"
    if header.title:
        data["title"] = header.title
    year = header.year
    for cell in grid.above:
        if year is None and (match := _YEAR.search(cell.text)):
            year = int(match.group(1))
            report.record("year", cell.source, 0.95)
    if year is None:
        raise NotAForm("未找到目标申报的年度")
    data["year"] = year
    for label, path in HEAD_LABELS.items():
        _right_text(grid, label, path, data, report)
    if not data.get("project_name"):
        raise NotAForm("未找到项目名称")
    data["funds"] = _funds(grid, report)
    for label, path in GOAL_LABELS.items():
        head = grid.find([label])
        below = grid.under(head) if head is not None else []
        if below and below[0].text:
            data[path] = below[0].text
            report.record(path, below[0].source, below[0].confidence)
    data["indicators"] = _indicators(grid, report)
    return TargetDeclarationForm.model_validate(data)


def _right_text(
    grid: Grid, label: str, path: str, data: dict[str, Any], report: ImportReport
) -> None:
    cell = grid.find([label])
    value = grid.right_of(cell) if cell is not None else None
    if value is not None and value.text:
        data[path] = value.text
        report.record(path, value.source, value.confidence)


def _funds(grid: Grid, report: ImportReport) -> dict[str, Any]:
    funds: dict[str, Any] = {}
    for label, name in FUND_LABELS.items():
        cell = grid.find([label])
        value_cell = grid.right_of(cell) if cell is not None else None
        if value_cell is None or name in funds:
            continue
        try:
            value = amount(value_cell)
        except NeedsRecompute:  # a declaration holds no formulas; a formula cell is not read
            report.warn(f"“{label}”是公式且文件中没有计算结果，未能读取")
            continue
        if value is not None:
            funds[name] = value
            report.record(f"funds.{name}", value_cell.source, value_cell.confidence)
    return funds


def _indicators(grid: Grid, report: ImportReport) -> list[dict[str, Any]]:
    """Rows under the 三级指标 heading; a merged level cell names the rows it covers."""
    name_head = grid.find(["三级指标"])
    if name_head is None:
        report.warn("未找到绩效指标表")
        return []
    heads = {
        INDICATOR_COLUMNS[c.key]: c
        for c in [name_head, *grid.row_of(name_head)]
        if c.key in INDICATOR_COLUMNS
    }
    body = grid.cells[grid.index(name_head) + 1 :]
    columns: dict[str, list[GridCell]] = {name: [] for name in heads}
    for cell in body:
        for name, head in heads.items():
            if cell.x_overlap(head.x0, head.x1) > 0.5:
                columns[name].append(cell)
                break
    rows: list[dict[str, Any]] = []
    levels = {"level1": "", "level2": ""}
    for name_cell in columns.get("name", []):
        found = {
            name: next((c for c in cells if c.covers_row(name_cell)), None)
            for name, cells in columns.items()
            if name != "name"
        }
        for level in levels:
            stated = found.get(level)
            if stated is not None and stated.text:
                levels[level] = stated.text
        target = found.get("target")
        if not name_cell.text and (target is None or not target.text):
            continue
        at = f"indicators[{len(rows)}]"
        rows.append({**levels, "name": name_cell.text, "target": target.text if target else None})
        report.record(f"{at}.name", name_cell.source, name_cell.confidence)
    return rows
