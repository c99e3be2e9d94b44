"""The department overall form (部门整体支出绩效自评表) from a grid of cells."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jixiao.core.model import AnnualGoals, DepartmentForm, KeyProject, Task, TaskIndicator
from jixiao.formats.gridread.grid import Grid, GridCell
from jixiao.formats.gridread.recompute import recompute
from jixiao.formats.gridread.values import (
    NeedsRecompute,
    amount,
    logical_lines,
    numbered_items,
)
from jixiao.formats.layouts.model import Numbering
from jixiao.formats.report import ImportReport
from jixiao.formats.textparse.errors import NotAForm
from jixiao.formats.textparse.text import compact

DEPARTMENT_LABELS = ("部门名称（汇总）", "部门名称(汇总)", "部门名称")
YEAR_LABELS = ("被评价年度", "评价年度")
_YEAR = re.compile(r"(\d{4})")
FUND_LABELS: dict[str, str] = {
    "部门年初预算收入": "initial_budget",
    "年初预算收入": "initial_budget",
    "部门调整预算收入": "adjusted_budget",
    "调整预算收入": "adjusted_budget",
    "年度预算调整数": "adjustment",
    "预算调整数": "adjustment",
    "实际支出数": "actual_spending",
    "一般公共预算": "spending_by_source.general_public_budget",
    "政府性基金预算": "spending_by_source.government_fund_budget",
    "国有资本经营预算": "spending_by_source.state_capital_budget",
    "其他": "spending_by_source.other",
    "预算完成率": "completion_rate",
    "预算调整率": "adjustment_rate",
}
_MAIN_FUNDS = ("initial_budget", "adjusted_budget", "actual_spending")
GOAL_HEADERS = ("部门整体支出的预期目标", "部门整体支出的目标完成情况")
TASK_HEADERS = {
    "预期目标": "goal",
    "目标完成情况": "achievement",
    "关键指标": "name",
    "指标值": "target",
    "指标完成情况": "actual",
    "任务涉及资金": "funds",
}
_TASK = re.compile(r"^任务\s*(\d{1,3})$")
TAIL_LABELS: dict[str, str] = {
    "重点项目绩效情况": "key_projects",
    "重点项目绩效": "key_projects",
    "部门整体绩效": "overall_performance",
    "部门整体绩效情况": "overall_performance",
    "存在问题": "problems",
    "存在的问题": "problems",
    "改进措施或下一步计划": "improvements",
    "改进措施及下一步计划": "improvements",
    "改进措施和下一步计划": "improvements",
    "改进措施": "improvements",
    "下一步计划": "improvements",
}
_ACHIEVEMENTS = "主要绩效："


def looks_like_department(grid: Grid) -> bool:
    keys = {c.key for c in grid.cells}
    return bool(keys & set(DEPARTMENT_LABELS)) or ("关键指标" in keys and "主要任务" in keys)


def read_department(grid: Grid, report: ImportReport, header: Any) -> DepartmentForm:
    """``header`` is what :func:`jixiao.formats.textparse.header.read_header` found above the
    table (attachment label, title, unit)."""
    data: dict[str, Any] = {
        "attachment_label": header.attachment_label,
        "title": header.title,
        "money_unit": header.money_unit,
        "department": header.department,
        "consolidated": header.consolidated,
        "year": header.year,
    }
    label = grid.find(DEPARTMENT_LABELS)
    if label is not None and (value := grid.right_of(label)) is not None:
        data["department"] = value.text
        data["consolidated"] = "汇总" in label.key
        _record(report, "department", value)
        _record(report, "consolidated", label)
    label = grid.find(YEAR_LABELS)
    value = grid.right_of(label) if label is not None else None
    if value is not None and (match := _YEAR.search(value.key)):
        data["year"] = int(match.group(1))
        _record(report, "year", value)
    if data["year"] is None:
        report.warn("未识别年度：表头没有印出评价年度，保存前请填写")
    if not data["department"]:
        raise NotAForm("未找到部门名称")
    pending: list[str] = []
    data["funds"] = _funds(grid, report, pending)
    data["annual_goals"] = _goals(grid, report)
    tasks, end = _tasks(grid, report)
    data["tasks"] = tasks
    data.update(_tail(grid, report, end))
    data["notes"] = _notes(grid, report)
    form = DepartmentForm.model_validate(data)
    recompute(form, [f"funds.{path}" for path in pending], report)
    return form


def _record(report: ImportReport, path: str, cell: GridCell, confidence: float = 1.0) -> None:
    report.record(path, cell.source, min(confidence, cell.confidence))


def _funds(grid: Grid, report: ImportReport, recompute: list[str]) -> dict[str, Any]:
    funds: dict[str, Any] = {"spending_by_source": {}}
    for cell in grid.cells:
        key = cell.key.removeprefix("其中：").removeprefix("其中:")
        path = FUND_LABELS.get(key)
        if path is None or _has(funds, path):
            continue
        value_cell = grid.right_of(cell)
        try:
            value = amount(value_cell)
        except NeedsRecompute:
            recompute.append(path)
            _set(funds, path, None)
            if value_cell is not None:
                _record(report, f"funds.{path}", value_cell, 0.9)
            continue
        if value is None or value_cell is None:
            continue
        _set(funds, path, value)
        _record(report, f"funds.{path}", value_cell)
    for path in _MAIN_FUNDS:
        if not _has(funds, path):
            report.warn(f"未找到“{_label_of(path)}”的数值")
    return funds


def _label_of(path: str) -> str:
    return next(label for label, p in FUND_LABELS.items() if p == path)


def _has(funds: dict[str, Any], path: str) -> bool:
    head, _, rest = path.partition(".")
    return (rest in funds[head]) if rest else (head in funds)


def _set(funds: dict[str, Any], path: str, value: Any) -> None:
    head, _, rest = path.partition(".")
    if rest:
        funds[head][rest] = value
    else:
        funds[head] = value


def _goals(grid: Grid, report: ImportReport) -> AnnualGoals:
    expected: list[str] = []
    achieved = ""
    head = grid.find(GOAL_HEADERS[:1])
    if head is not None and (cells := grid.under(head)):
        cell = cells[0]
        for n, item in enumerate(numbered_items(cell.pieces, cell.joins, style=Numbering.CHINESE)):
            expected.append(item.text)
            _record(report, f"annual_goals.expected[{n}]", cell, 0.95)
    head = grid.find(GOAL_HEADERS[1:])
    if head is not None and (cells := grid.under(head)):
        achieved = cells[0].text
        if achieved:
            _record(report, "annual_goals.achieved", cells[0])
    return AnnualGoals(expected=expected, achieved=achieved)


@dataclass
class _TaskDraft:
    number: int
    expected_goal: str = ""
    achievement: str = ""
    funds: Decimal | None = None
    indicators: list[TaskIndicator] = field(default_factory=list)


def _tasks(grid: Grid, report: ImportReport) -> tuple[list[Task], int]:
    """Rows under the 主要任务 heading, up to the first label of what follows. Returns the
    tasks and the index of the first cell after them."""
    name_head = grid.find(["关键指标"])
    if name_head is None:
        report.warn("未找到“主要任务”栏")
        return [], 0
    columns: dict[str, tuple[float, float]] = {}
    for cell in [*grid.row_of(name_head), name_head]:
        if cell.key in TASK_HEADERS:
            columns[TASK_HEADERS[cell.key]] = (cell.x0, cell.x1)
    task_right = columns.get("goal", (name_head.x0, name_head.x1))[0]
    headings = {*TASK_HEADERS, "主要任务", "任务涉及", "资金"}
    start = grid.index(name_head) + 1
    end = len(grid.cells)
    for i in range(start, len(grid.cells)):
        if grid.cells[i].key in TAIL_LABELS:
            end = i
            break
    body = [c for c in grid.cells[start:end] if c.key not in headings]
    drafts: list[_TaskDraft] = []
    placed = [(cell, _column(cell, columns, task_right, grid.edge)) for cell in body]
    actuals = [c for c, column in placed if column == "actual"]
    targets = [c for c, column in placed if column == "target"]
    events: list[tuple[int, float, int, GridCell]] = []
    for cell, column in placed:
        if column in ("task", "goal", "achievement", "funds", "name"):
            order = ("task", "goal", "achievement", "funds", "name").index(column)
            events.append((cell.page, cell.top, order, cell))
    events.sort(key=lambda e: (e[0], round(e[1], 1), e[2]))
    for _, _, order, cell in events:
        column = ("task", "goal", "achievement", "funds", "name")[order]
        if column == "task":
            match = _TASK.match(cell.key)
            if match is None:
                if cell.key:
                    report.leave_unplaced(cell.text, cell.source)
                continue
            number = int(match.group(1))
            if drafts and drafts[-1].number == number:
                continue  # the task goes on over a page break, printed again
            drafts.append(_TaskDraft(number))
            _record(report, f"tasks[{len(drafts) - 1}].number", cell)
            continue
        if not drafts:
            if cell.key:
                report.leave_unplaced(cell.text, cell.source)
            continue
        draft = drafts[-1]
        path = f"tasks[{len(drafts) - 1}]"
        if column in ("goal", "achievement"):
            attr = "expected_goal" if column == "goal" else "achievement"
            current = getattr(draft, attr)
            if not cell.text or cell.text == current:
                continue
            if current:
                report.warn(f"任务{draft.number}的“{_ZH[column]}”出现两次，取第一次")
                continue
            setattr(draft, attr, cell.text)
            _record(report, f"{path}.{attr}", cell)
        elif column == "funds":
            try:
                value = amount(cell)
            except NeedsRecompute:
                value = None
            if value is None:
                if cell.key:
                    report.leave_unplaced(cell.text, cell.source)
                continue
            if draft.funds is None:
                draft.funds = value
                _record(report, f"{path}.funds", cell)
            elif value != draft.funds:
                report.warn(f"任务{draft.number}出现另一个金额 {cell.text}，未作为任务资金")
        else:
            partner = _beside(cell, actuals)
            actual = partner.text if partner is not None else ""
            aim = _beside(cell, targets)  # 指标值, in the layout that prints it
            target = aim.text if aim is not None else ""
            if not cell.text and not actual:
                continue
            at = f"{path}.indicators[{len(draft.indicators)}]"
            draft.indicators.append(
                TaskIndicator(name=cell.text, target=target or None, actual=actual or None)
            )
            _record(report, f"{at}.name", cell)
            if partner is not None and actual:
                _record(report, f"{at}.actual", partner)
            if aim is not None and target:
                _record(report, f"{at}.target", aim)
    tasks = []
    for draft in drafts:
        if draft.funds is None:
            report.warn(f"任务{draft.number}未找到任务涉及资金")
        tasks.append(
            Task(
                number=draft.number,
                expected_goal=draft.expected_goal,
                achievement=draft.achievement,
                funds=draft.funds,
                indicators=draft.indicators,
            )
        )
    return tasks, end


_ZH = {"goal": "预期目标", "achievement": "目标完成情况"}


def _beside(cell: GridCell, candidates: list[GridCell]) -> GridCell | None:
    """The candidate sharing most of ``cell``'s row."""
    return max(
        (a for a in candidates if cell.covers_row(a) or a.covers_row(cell)),
        key=lambda a: min(a.bottom, cell.bottom) - max(a.top, cell.top),
        default=None,
    )


def _column(
    cell: GridCell, columns: dict[str, tuple[float, float]], task_right: float, edge: float
) -> str:
    if cell.x1 <= task_right + edge:
        return "task"
    best, share = "", 0.0
    for name, (x0, x1) in columns.items():
        s = cell.x_overlap(x0, x1)
        if s > share:
            best, share = name, s
    return best if share > 0.5 else ""


def _tail(grid: Grid, report: ImportReport, start: int) -> dict[str, Any]:
    """Key projects and the three narratives: each label's value is the cells to its right."""
    out: dict[str, Any] = {"key_projects": []}
    seen: set[str] = set()
    for cell in grid.cells[start:]:
        field_name = TAIL_LABELS.get(cell.key)
        if field_name is None or field_name in seen:
            continue
        seen.add(field_name)
        values = [c for c in grid.right_all(cell) if c.text or field_name == "key_projects"]
        if field_name == "key_projects":
            for value in values:
                project = _key_project(value, len(out["key_projects"]), report)
                if project is not None:
                    out["key_projects"].append(project)
            continue
        if values:
            out[field_name] = "\n".join(v.text for v in values)
            _record(report, field_name, values[0])
    for field_name, name in (("overall_performance", "部门整体绩效"),):
        if field_name not in seen:
            report.warn(f"未找到“{name}”栏")
    return out


def _key_project(cell: GridCell, index: int, report: ImportReport) -> KeyProject | None:
    """Name, indicator completion, then ``主要绩效：1、…`` with one achievement a line."""
    path = f"key_projects[{index}]"
    lines = logical_lines(cell.pieces, cell.joins)
    if not lines or not lines[0][0]:
        return None
    cut = next(
        (k for k, (text, _) in enumerate(lines) if text.startswith(_ACHIEVEMENTS)), len(lines)
    )
    head = [text for text, _ in lines[:cut]]
    name = head[0]
    completion = "\n".join(head[1:])
    achievements: list[str] = []
    if cut < len(lines):
        first_piece = lines[cut][1]
        items = numbered_items(
            cell.pieces[first_piece:],
            cell.joins[first_piece:],
            prefix=_ACHIEVEMENTS,
            style=Numbering.ARABIC,
        )
        achievements = [item.text for item in items]
    _record(report, f"{path}.name", cell, 0.95)
    if completion:
        _record(report, f"{path}.indicator_completion", cell, 0.9)
    for n in range(len(achievements)):
        _record(report, f"{path}.achievements[{n}]", cell, 0.9)
    return KeyProject(name=name, indicator_completion=completion, achievements=achievements)


def _notes(grid: Grid, report: ImportReport) -> list[str]:
    for cell in grid.below:
        if compact(cell.text).startswith(("注：", "注:")):
            prefix = "注：" if cell.text.lstrip().startswith("注：") else "注:"
            items = numbered_items([p.strip() for p in cell.pieces], cell.joins, prefix=prefix)
            notes = [item.text for item in items if item.text]
            for n in range(len(notes)):
                _record(report, f"notes[{n}]", cell, 0.9)
            return notes
    return []
