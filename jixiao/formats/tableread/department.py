"""Department forms scored by rubric (部门整体支出绩效评价自评表 / 得分表): each row a 三级指标
with its 分值 and 得分 under 一级 and 二级 groups whose points are printed in the label.

Two shapes: a separated table whose rows start with their 序号 (1, 2, 3 …; a merged level
cell printed on the group's first row only), and a flattened score sheet where each indicator
reads ``名称(5分) 5``: its weight inside the label, its score after it, and a label with points
but no score after it is a level."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from jixiao.core.model.department import DepartmentForm, DepartmentFunds, RubricIndicator
from jixiao.formats.report import ImportReport
from jixiao.formats.tableread.basedata import base_funds
from jixiao.formats.tableread.cells import Cell, Shape, is_plain_number
from jixiao.formats.tableread.explained import read_explained
from jixiao.formats.tableread.glued import read_glued
from jixiao.formats.tableread.project import _total, read_year, where
from jixiao.formats.tableread.vocabulary import vocabulary
from jixiao.formats.textparse.amounts import read_amount

_UNIT_NOTE = re.compile(r"^(?:金额)?单位[:：]")
_POINTS = re.compile(r"\(\d+(?:\.\d+)?分\)$")
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff(])")
_PAREN_GAP = re.compile(r"\(\s*(\d+(?:\.\d+)?)\s*分\s*\)")
_ITEM = re.compile(
    r"([^\s()0-9][^\s()]*)\((\d+(?:\.\d+)?)分\)(?:\s+(\d+(?:\.\d+)?)(?![\d.]*\s*分))?"
)


def read_department(
    cells: Sequence[Cell], title_at: int, shape: Shape, report: ImportReport
) -> DepartmentForm | None:
    year = read_year(cells, title_at, report)
    department = _department(cells, shape, report)
    separated = shape is Shape.SEPARATED
    rows = _separated(cells, title_at) if separated else _flat(cells[title_at:])
    for n, (_row, cell) in enumerate(rows):
        report.record(f"indicators[{n}]", where(cell), 0.7)
    total = _total(cells, report, shape)
    funds = DepartmentFunds()
    if not rows and (glued := read_glued(cells[title_at:])) is not None:
        # Cell borders lost (an OCR of a Word table): rows found by their ends and arithmetic.
        anchor = cells[title_at]
        rows = [(row, anchor) for row in glued.rows]
        for n, row in enumerate(glued.rows):
            confidence = 0.6 if row.weight is not None else 0.4
            report.record(f"indicators[{n}]", where(anchor), confidence)
            if row.weight is None:
                report.warn(f"“{row.name}”的分值与得分粘连且无法由得分系数核对，未读取")
        if glued.budget is not None:
            funds = DepartmentFunds(
                completion_rate=glued.budget.rate,
                weight=glued.budget.weight,
                score=glued.budget.score,
            )
            report.record("funds.completion_rate", where(anchor), 0.6)
        if total is None and glued.total is not None:
            total = glued.total
            report.record("total_score", where(anchor), 0.6)
    if not rows and (explained := read_explained(cells[title_at:])):
        # Rows that explain themselves (评价标准, 指标说明) between their points and score.
        rows = [(row, cells[title_at]) for row in explained]
        for n, row in enumerate(explained):
            report.record(f"indicators[{n}]", where(cells[title_at]), 0.5)
            if row.score is None:
                report.warn(f"“{row.name}”的得分没有印出或无法核对，未读取")
    if funds == DepartmentFunds() and (base := base_funds(cells[title_at:])) is not None:
        # A basic-data table: the 预算调整 row's two budgets, confirmed by the printed
        # adjustment or initial budget, and the 预算完成率 printed in its explanation.
        funds = DepartmentFunds(
            initial_budget=base.initial_budget,
            adjusted_budget=base.adjusted_budget,
            adjustment=base.adjustment,
            completion_rate=base.completion_rate,
        )
        for path, value in (
            ("funds.initial_budget", base.initial_budget),
            ("funds.adjusted_budget", base.adjusted_budget),
            ("funds.adjustment", base.adjustment),
            ("funds.completion_rate", base.completion_rate),
        ):
            if value is not None:
                report.record(path, where(base.cell), 0.6)
    if not rows:
        report.warn("未能读出评分指标；请对照原表补全")
    if not department:
        report.warn("表中没有印出单位名称，请补填")
    return DepartmentForm(
        title=cells[title_at].text,
        department=department,
        year=year,
        funds=funds,
        indicators=[row for row, _ in rows],
        total_score=total,
    )


def _department(cells: Sequence[Cell], shape: Shape, report: ImportReport) -> str:
    labels = vocabulary().department_heads["department"]
    for i, cell in enumerate(cells[:-1]):
        if cell.label in labels:
            nxt = cells[i + 1]
            if nxt.text and not is_plain_number(nxt) and len(nxt.key) < 40 and not _a_label(nxt):
                report.record("department", where(nxt), 0.8)
                return nxt.text
    return ""


def _a_label(cell: Cell) -> bool:
    """A blank field's neighbour: another label (``单位:万元``, ``填报日期:``), not a name."""
    return cell.text.endswith((":", "：")) or bool(_UNIT_NOTE.match(cell.key))


def _column(label: str) -> str | None:
    return vocabulary().match(vocabulary().rubric_columns, label)


def _separated(cells: Sequence[Cell], start: int) -> list[tuple[RubricIndicator, Cell]]:
    header_end = None
    seen: set[str] = set()
    for i in range(start, len(cells)):
        column = _column(cells[i].label)
        if column is not None:
            seen.add(column)
            header_end = i + 1
        elif {"name", "weight"} <= seen and header_end is not None and i - header_end > 3:
            break
    if header_end is None or not {"name", "weight", "score"} <= seen:
        return []
    starts = []
    expected = 1
    for i in range(header_end, len(cells)):
        first_in_line = cells[i - 1].row != cells[i].row
        if cells[i].key == str(expected) and first_in_line:
            starts.append(i)
            expected += 1
    rows: list[tuple[RubricIndicator, Cell]] = []
    level1 = level2 = ""
    for n, at in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(cells)
        body = [c for c in cells[at + 1 : stop] if c.text]
        weight_at = next((k for k, c in enumerate(body) if is_plain_number(c)), None)
        if weight_at is None or weight_at == 0:
            continue
        labels = body[:weight_at]
        name = labels[-1]
        levels = labels[:-1]
        if len(levels) >= 2:
            level1, level2 = levels[0].text, levels[1].text
        elif len(levels) == 1:
            level2 = levels[0].text
        numbers = [c for c in body[weight_at + 1 :] if is_plain_number(c)]
        weight = read_amount(body[weight_at].key)
        score = read_amount(numbers[-1].key) if numbers else None
        if weight is not None and score is not None and score > weight:
            score = None  # refused: a score above its weight is a misreading
        rows.append(
            (
                RubricIndicator(
                    level1=level1,
                    level2=level2,
                    name="".join(name.text.split()),
                    weight=weight,
                    score=score,
                ),
                name,
            )
        )
    return rows


def _flat(cells: Sequence[Cell]) -> list[tuple[RubricIndicator, Cell]]:
    header = next((i for i, c in enumerate(cells) if _column(c.label) == "score"), None)
    if header is None:
        return []
    text = " ".join(c.text for c in cells[header + 1 :])
    text = _PAREN_GAP.sub(r"(\1分)", _CJK_GAP.sub("", text.replace("（", "(").replace("）", ")")))
    rows: list[tuple[RubricIndicator, Cell]] = []
    pending: list[str] = []
    level1 = level2 = ""
    anchor = cells[header]
    for match in _ITEM.finditer(text):
        label = f"{match.group(1)}({match.group(2)}分)"
        if match.group(3) is None:
            pending.append(label)
            continue
        if len(pending) >= 2:
            level1, level2 = pending[-2], pending[-1]
        elif len(pending) == 1:
            level2 = pending[0]
        pending = []
        weight, score = Decimal(match.group(2)), Decimal(match.group(3))
        rows.append(
            (
                RubricIndicator(
                    level1=level1,
                    level2=level2,
                    name=match.group(1),
                    weight=weight,
                    score=score if score <= weight else None,
                ),
                anchor,
            )
        )
    return rows


def looks_rubric(key: str) -> bool:
    return bool(_POINTS.search(key))
