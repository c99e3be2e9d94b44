"""The 项目支出绩效目标申报表 (MoF) from text lines, as jixiao's own PDF prints it.

Two shapes of the same layout reach this reader:

* **columns** (``pdftotext -layout``, a plain-text copy): a row of the table is one line, its
  cells apart by runs of spaces; a cell that wraps continues on the lines above and below in
  the same column. Cells are placed by the column their text starts in.
* **cells** (a PDF's text layer, OCR): one cell per block, in reading order.

The indicator table's 一级 and 二级 labels span several rows and are printed in the middle of
their span; :func:`_spans` gives each label the run of rows whose middle is nearest it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jixiao.core.model.declaration import DECLARATION_FORM_NAME, TargetDeclarationForm
from jixiao.formats.report import ImportReport
from jixiao.formats.textparse.amounts import read_amount
from jixiao.formats.textparse.errors import NotAForm
from jixiao.formats.textparse.lines import Line, blocks_of
from jixiao.formats.textparse.text import compact, join_wrapped

FORM_WORD = DECLARATION_FORM_NAME
HEAD_LABELS = {
    "项目名称": "project_name",
    "主管部门": "department",
    "实施单位": "implementing_unit",
}
FUND_LABELS = {"年度资金总额": "total", "其中：财政拨款": "fiscal", "其他资金": "other"}
GOAL_LABELS = ("中长期目标", "年度目标")
TABLE_LABELS = ("一级指标", "二级指标", "三级指标", "指标值")
LEVEL1 = frozenset({"产出指标", "效益指标", "满意度指标", "成本指标"})
# Words that label a section, never a value.
LABELS = frozenset(
    {*HEAD_LABELS, *FUND_LABELS, "财政拨款", *GOAL_LABELS, *TABLE_LABELS}
    | {"总体目标", "绩效指标", "资金情况（万元）", "资金情况（元）", "资金情况"}
)
_YEAR = re.compile(r"[（(]\s*(\d{4})\s*年度?\s*[)）]")
_SEGMENT = re.compile(r"\S+(?: \S+)*")  # cells on a line are apart by two spaces or more
CONFIDENCE = 0.9


def looks_like_declaration_form(lines: Sequence[Line]) -> bool:
    text = compact("".join(line.text for line in lines[:400]))
    return FORM_WORD in text or ("中长期目标" in text and "项目名称" in text)


@dataclass
class _Row:
    position: float  # line (columns) or row ordinal (cells), for the level labels
    name: str
    target: str
    line: Line


@dataclass
class _Label:
    low: float  # where the label may stand: between low and high
    high: float
    text: str


def parse_declaration(lines: Sequence[Line], report: ImportReport) -> TargetDeclarationForm:
    """Raises :class:`NotAForm` when the lines hold no declaration."""
    if not looks_like_declaration_form(lines):
        raise NotAForm("文本中没有找到项目支出绩效目标申报表")
    data: dict[str, Any] = {"title": FORM_WORD}
    for line in lines:
        if match := _YEAR.search(line.text):
            data["year"] = int(match.group(1))
            report.record("year", line.source, 0.95)
            break
    else:
        raise NotAForm("未找到目标申报的年度")
    if any("资金情况（元）" in compact(line.text) for line in lines):
        data["money_unit"] = "元"
    columns = any(
        "主管部门" in compact(line.text) and "实施单位" in compact(line.text) for line in lines
    )
    rows, level1, level2 = (
        _read_columns(lines, data, report) if columns else _read_cells(lines, data, report)
    )
    if not data.get("project_name"):
        raise NotAForm("未找到项目名称")
    first = _spans(rows, level1)
    second = _spans(rows, level2)
    indicators = []
    for i, row in enumerate(rows):
        target = row.target or None
        indicators.append(
            {"level1": first[i], "level2": second[i], "name": row.name, "target": target}
        )
        for field in ("level1", "level2", "name", "target"):
            report.record(f"indicators[{i}].{field}", row.line.source, CONFIDENCE)
    data["indicators"] = indicators
    return TargetDeclarationForm.model_validate(data)


def _spans(rows: Sequence[_Row], labels: Sequence[_Label]) -> list[str]:
    """Each row's label: the labels, top to bottom, share the rows out in runs, each run's
    middle as near its label as can be (a label printed in the middle of the rows it spans)."""
    n, m = len(rows), len(labels)
    if m == 0 or n == 0:
        return [""] * n
    if m > n:
        labels = labels[:n]
        m = n
    inf = float("inf")

    def cost(label: _Label, start: int, end: int) -> float:
        middle = (rows[start].position + rows[end].position) / 2
        return max(label.low - middle, middle - label.high, 0.0)

    # best[k][j]: the first k labels over the first j rows.
    best = [[inf] * (n + 1) for _ in range(m + 1)]
    cut = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for k in range(1, m + 1):
        for j in range(k, n - (m - k) + 1):
            for i in range(k - 1, j):
                if best[k - 1][i] == inf:
                    continue
                total = best[k - 1][i] + cost(labels[k - 1], i, j - 1)
                if total < best[k][j]:
                    best[k][j], cut[k][j] = total, i
    out = [""] * n
    j = n
    for k in range(m, 0, -1):
        i = cut[k][j]
        for r in range(i, j):
            out[r] = labels[k - 1].text
        j = i
    return out


def _is_level(text: str) -> bool:
    return text.endswith("指标") and text not in LABELS and len(text) <= 12


# -- columns (pdftotext -layout) -------------------------------------------------------------


def _segments(line: Line) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _SEGMENT.finditer(line.text)]


def _find(lines: Sequence[Line], *labels: str, start: int = 0) -> int | None:
    for i in range(start, len(lines)):
        text = compact(lines[i].text)
        if all(label in text for label in labels):
            return i
    return None


def _column_of(line: Line, label: str) -> tuple[int, int]:
    for start, text in _segments(line):
        if compact(text) == label or compact(text).startswith(label):
            return start, start + len(label)
    return 0, 0


def _read_columns(
    lines: Sequence[Line], data: dict[str, Any], report: ImportReport
) -> tuple[list[_Row], list[_Label], list[_Label]]:
    head = _find(lines, "项目名称")
    pair = _find(lines, "主管部门", "实施单位")
    funds_at = _find(lines, "年度资金总额")
    goals = _find(lines, *GOAL_LABELS)
    table = _find(lines, "一级指标", "三级指标")
    if head is None or pair is None or funds_at is None:
        raise NotAForm("未找到项目名称、主管部门与资金情况")
    name = [t for _, t in _segments(lines[head]) if compact(t) != "项目名称"]
    if name:
        data["project_name"] = join_wrapped(name)
        report.record("project_name", lines[head].source, CONFIDENCE)
    _, dept_from = _column_of(lines[pair], "主管部门")
    unit_at, unit_from = _column_of(lines[pair], "实施单位")
    dept: list[str] = []
    unit: list[str] = []
    for line in lines[head + 1 : funds_at]:
        for start, text in _segments(line):
            if compact(text) in LABELS:
                continue
            if dept_from <= start < unit_at:
                dept.append(text)
            elif start >= unit_from:
                unit.append(text)
    data["department"] = join_wrapped(dept)
    data["implementing_unit"] = join_wrapped(unit)
    for path in ("department", "implementing_unit"):
        report.record(path, lines[pair].source, CONFIDENCE)
    funds: dict[str, Any] = {}
    for line in lines[funds_at : goals or table or len(lines)]:
        text = compact(line.text)
        for label, path in FUND_LABELS.items():
            if label in text:
                funds[path] = read_amount(_segments(line)[-1][1])
                report.record(f"funds.{path}", line.source, CONFIDENCE)
    data["funds"] = funds
    if goals is not None:
        long_at, _ = _column_of(lines[goals], "中长期目标")
        annual_at, _ = _column_of(lines[goals], "年度目标")
        middle = (long_at + annual_at) / 2
        parts: dict[str, list[str]] = {"goal_long_term": [], "goal_annual": []}
        for line in lines[goals + 1 : table or len(lines)]:
            for start, text in _segments(line):
                if compact(text) not in LABELS:
                    parts["goal_annual" if start >= middle else "goal_long_term"].append(text)
        for path, texts in parts.items():
            data[path] = join_wrapped(texts)
            report.record(path, lines[goals].source, CONFIDENCE)
    if table is None:
        return [], [], []
    return _table_columns(lines, table)


def _table_columns(
    lines: Sequence[Line], table: int
) -> tuple[list[_Row], list[_Label], list[_Label]]:
    starts = [_column_of(lines[table], label)[0] for label in TABLE_LABELS]
    rows: list[_Row] = []
    found: dict[int, list[_Label]] = {0: [], 1: []}
    open_label: dict[int, _Label] = {}
    lines_cells = [_cells(line, starts) for line in lines]
    touched = -2  # the last line that gave the last row a name or a value
    for index in range(table + 1, len(lines)):
        line = lines[index]
        cells = lines_cells[index]
        for column in (0, 1):
            text = cells.get(column)
            if text is None:
                open_label.pop(column, None)
                continue
            previous = open_label.get(column)
            if previous is not None and not previous.text.endswith("指标"):
                previous.text += text  # a label wrapped in its narrow column
                previous.high = index
            else:
                label = _Label(index, index, text)
                found[column].append(label)
                open_label[column] = label
        following = lines_cells[index + 1] if index + 1 < len(lines) else {}
        value_follows = 3 in following and 2 not in following
        if 2 in cells and 3 not in cells and rows and touched == index - 1 and not value_follows:
            # A name wrapped in its column: its value sits on a line of the same row.
            rows[-1].name += cells[2]
            touched = index
        elif 2 in cells:
            rows.append(_Row(index, cells[2], cells.get(3, ""), line))
            touched = index
        elif 3 in cells and rows:
            rows[-1].target += cells[3]  # a value wrapped in its column
            touched = index
    for labels in found.values():
        for label in labels:
            label.low = label.high = (label.low + label.high) / 2
    return rows, found[0], found[1]


def _cells(line: Line, starts: Sequence[int]) -> dict[int, str]:
    """The table's cells on ``line``, by the column (0–3) whose heading starts nearest."""
    cells: dict[int, str] = {}
    for start, text in _segments(line):
        if compact(text) not in LABELS:
            cells[min(range(4), key=lambda c: abs(starts[c] - start))] = text
    return cells


# -- cells (a PDF's text layer) --------------------------------------------------------------


def _read_cells(
    lines: Sequence[Line], data: dict[str, Any], report: ImportReport
) -> tuple[list[_Row], list[_Label], list[_Label]]:
    cells = [(join_wrapped(b.texts), b.first) for b in blocks_of(lines)]
    texts = [compact(text) for text, _ in cells]

    def after(label: str) -> int | None:
        return texts.index(label) + 1 if label in texts else None

    head = after("项目名称")
    funds_at = next((i for i, t in enumerate(texts) if t == "年度资金总额"), None)
    if head is None or funds_at is None:
        raise NotAForm("未找到项目名称与资金情况")
    values = [(t, line) for t, line in cells[head:funds_at] if compact(t) not in LABELS]
    for (text, line), path in zip(values, HEAD_LABELS.values(), strict=False):
        data[path] = text
        report.record(path, line.source, CONFIDENCE)
    funds: dict[str, Any] = {}
    for label, path in FUND_LABELS.items():
        start = after(label)
        if start is None:
            continue
        for text, line in cells[start:]:
            if compact(text) in LABELS:
                continue
            if (amount := read_amount(text)) is not None:
                funds[path] = amount
                report.record(f"funds.{path}", line.source, CONFIDENCE)
            break
    data["funds"] = funds
    goals = after("年度目标")
    table = after("指标值")
    if goals is not None:
        stated = [(t, line) for t, line in cells[goals : (table or len(cells))]]
        stated = [(t, line) for t, line in stated if compact(t) not in LABELS][:2]
        for (text, line), path in zip(stated, ("goal_long_term", "goal_annual"), strict=False):
            data[path] = text
            report.record(path, line.source, CONFIDENCE)
    if table is None:
        return [], [], []
    rows: list[_Row] = []
    level1: list[_Label] = []
    level2: list[_Label] = []
    pending: tuple[str, Line] | None = None
    for text, line in cells[table:]:
        if compact(text) in LABELS:
            continue
        if _is_level(compact(text)):
            # Between a row's name and its value: on that row's line. Before a name: on the
            # line of the next row, or just above it between two rows.
            next_row = len(rows)
            low = next_row if pending is not None else next_row - 0.5
            level = _Label(low, next_row, compact(text))
            (level1 if compact(text) in LEVEL1 else level2).append(level)
        elif pending is None:
            pending = (text, line)
        else:
            rows.append(_Row(len(rows), pending[0], text, pending[1]))
            pending = None
    if pending is not None:
        rows.append(_Row(len(rows), pending[0], "", pending[1]))
    return rows, level1, level2
