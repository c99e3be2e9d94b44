"""The project form (项目支出绩效自评表, MoF 2020 layout) from text lines.

The header, funds rows, overall goal and indicator table are found by their labels. An indicator
row comes out as ``三级指标 年度指标值 实际完成值 分值 得分 [偏差原因]`` when its cells fit on one
line; the level-1 and level-2 labels (``产出指标``, ``数量指标``, …) are known words, so they are
recognised wherever extraction put them, wrapped or joined to the row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jixiao.core.model import FundsRow, ProjectForm, ProjectFunds, ProjectIndicator
from jixiao.formats.report import ImportReport
from jixiao.formats.textparse.amounts import ABSENT, read_amount
from jixiao.formats.textparse.blocks import merge_next_if_continued, narrative_text
from jixiao.formats.textparse.errors import NotAForm
from jixiao.formats.textparse.header import read_header
from jixiao.formats.textparse.lines import Line, blocks_of
from jixiao.formats.textparse.sections import find_anchors, section_lines
from jixiao.formats.textparse.text import clean_line, compact, join_wrapped

FORM_WORD = "项目支出绩效自评表"

SECTIONS: dict[str, tuple[str, ...]] = {
    "funds": ("项目资金（万元）", "项目资金(万元)", "项目资金（元）", "项目资金"),
    "goal": ("年度总体目标",),
    "indicators": ("绩效指标",),
    "total": ("总分",),
    "grade": ("评价等级", "自评等级"),
    "conclusion": ("评价结论", "自评结论"),
    "problems": ("存在问题", "存在的问题"),
    "measures": ("改进措施", "改进意见", "改进措施及建议"),
}
_INLINE = frozenset({"total", "grade", "conclusion", "problems", "measures"})

_YEAR = re.compile(r"[（(]\s*(\d{4})\s*年度?\s*[)）]")
_HEAD_FIELDS = {
    "项目名称": "project_name",
    "主管部门": "department",
    "实施单位": "implementing_unit",
}
_HEAD_PATTERN = re.compile(r"(项目名称|主管部门|实施单位)\s*[：:]?\s*")
_FUND_ROWS = (
    ("年度资金总额", "total"),
    ("本年财政拨款", "current_year_appropriation"),
    ("上年结转资金", "carried_over"),
    ("其他资金", "other"),
)
_FUND_COLUMNS = ("initial_budget", "annual_budget", "executed")
_FUND_HEADERS = (
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "分值",
    "执行率",
    "得分",
    "（A）",
    "（B）",
    "（B/A）",
)
_GOAL_HEADERS = ("预期目标", "实际完成情况")
_LEVEL1 = ("产出指标", "效益指标", "满意度指标")
_LEVEL2 = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
)
_TABLE_HEADERS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)
_HEADER_CHARS = frozenset("".join(_TABLE_HEADERS) + "（）()")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_GRADES = ("优", "良", "中", "差")


def looks_like_project_form(lines: Sequence[Line]) -> bool:
    text = compact("".join(line.text for line in lines[:400]))
    if FORM_WORD in text:
        return True
    return sum(label in text for label in ("项目名称", "实施单位", "年度资金总额", "三级指标")) >= 3


def parse_project(lines: Sequence[Line], report: ImportReport) -> ProjectForm:
    anchors = find_anchors(lines, SECTIONS, _INLINE)
    first = anchors[0].index if anchors else len(lines)
    header = read_header(lines[:first], report, form_word=FORM_WORD)
    heads = _read_head(lines[:first], report)
    year = header.year
    if year is None:
        for line in lines[:first]:
            if m := _YEAR.search(line.text):
                year = int(m.group(1))
                report.record("year", line.source, 0.95)
                break
    if year is None:
        report.warn("未识别年度：表头没有印出评价年度，保存前请填写")
    if not heads.get("project_name"):
        raise NotAForm("未找到项目名称")
    funds = _read_funds(section_lines(lines, anchors, "funds"), report)
    expected, actual = _read_goal(section_lines(lines, anchors, "goal"), report)
    indicators = _read_indicators(section_lines(lines, anchors, "indicators"), report)
    total_score = _read_total(section_lines(lines, anchors, "total"), report)
    grade = _read_grade(section_lines(lines, anchors, "grade"), report)
    texts: dict[str, str] = {}
    for key in ("conclusion", "problems", "measures"):
        text, where = narrative_text(section_lines(lines, anchors, key))
        texts[key] = text
        if where is not None:
            report.record(key, where.source, 0.9)
    return ProjectForm(
        title=header.title,
        year=year,
        money_unit="元"
        if any(compact(line.text) == "项目资金（元）" for line in lines)
        else header.money_unit,
        funds=funds,
        goal_expected=expected,
        goal_actual=actual,
        indicators=indicators,
        total_score=total_score,
        grade=grade,
        **heads,
        **texts,
    )


def _read_head(lines: Sequence[Line], report: ImportReport) -> dict[str, str]:
    """``项目名称 X``, ``主管部门 Y 实施单位 Z``: each label's value runs to the next label."""
    found: dict[str, str] = {}
    for line in lines:
        text = clean_line(line.text)
        parts = _HEAD_PATTERN.split(text)
        # parts: [before, label, value, label, value, …]
        for label, value in zip(parts[1::2], parts[2::2], strict=True):
            key = _HEAD_FIELDS[label]
            if key not in found and value.strip():
                found[key] = value.strip()
                report.record(key, line.source, 0.95)
    return found


def _read_funds(lines: Sequence[Line], report: ImportReport) -> ProjectFunds:
    """Each funds row is its label and the figures after it, in column order. An empty cell
    prints as a dash; when a row has fewer figures than columns, they fill from the left."""
    data: dict[str, Any] = {}
    for line in lines:
        text = clean_line(line.text)
        for label, key in _FUND_ROWS:
            if label not in text:
                continue
            tokens = text[text.index(label) + len(label) :].split()
            row: dict[str, Decimal] = {}
            if 0 < len(tokens) < (6 if key == "total" else 3):
                report.warn(f"“{label}”一行的数值不全，按从左到右对应各栏，请核对")
            sure = 0.9 if len(tokens) >= 3 else 0.6
            for column, token in zip(_FUND_COLUMNS, tokens, strict=False):
                amount = None if ABSENT.match(token) else read_amount(token)
                if amount is not None:
                    row[column] = amount
                    report.record(f"funds.{key}.{column}", line.source, sure)
            data[key] = FundsRow(**row)
            if key == "total":
                for name, token in zip(
                    ("weight", "execution_rate", "score"), tokens[3:6], strict=False
                ):
                    amount = None if ABSENT.match(token) else read_amount(token)
                    if amount is not None:
                        data[name] = amount
                        report.record(f"funds.{name}", line.source, sure)
            break
        else:
            rest = compact(text)
            for noise in (*_FUND_HEADERS, "其中", "：", "项目资金", "（万元）", "万元"):
                rest = rest.replace(noise, "")
            if rest:
                report.leave_unplaced(text, line.source)
    return ProjectFunds(**data)


def _read_goal(lines: Sequence[Line], report: ImportReport) -> tuple[str, str]:
    content = [line for line in lines if line.blank or not _made_of(line.text, _GOAL_HEADERS)]
    blocks = blocks_of(content)
    if not blocks:
        return "", ""
    merge_next_if_continued(blocks, 0)
    expected = join_wrapped(blocks[0].texts)
    report.record("goal_expected", blocks[0].first.source, 0.85)
    actual, where = narrative_text(line for block in blocks[1:] for line in block.lines)
    if where is not None:
        report.record("goal_actual", where.source, 0.85)
    return expected, actual


def _made_of(text: str, labels: Sequence[str]) -> bool:
    rest = compact(text)
    for label in sorted(labels, key=len, reverse=True):
        rest = rest.replace(label, "")
    return rest == ""


@dataclass
class _Row:
    level1: str
    level2: str
    name: list[str]
    line: Line
    target: str | None = None
    actual: str | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    reason: list[str] = field(default_factory=list)
    confidence: float = 0.85


def _join_wrapped_labels(lines: Sequence[Line]) -> list[Line]:
    """Put labels that extraction broke over two lines (``产出指\\n标``) back on one line."""
    labels = {*_LEVEL1, *_LEVEL2}
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        here = compact(line.text)
        if (
            nxt is not None
            and not nxt.blank
            and here
            and here not in labels
            and here + compact(nxt.text) in labels
        ):
            out.append(line.with_text(here + compact(nxt.text)))
            i += 2
            continue
        out.append(line)
        i += 1
    return out


def _strip_label(text: str, labels: Sequence[str]) -> tuple[str | None, str]:
    for label in sorted(labels, key=len, reverse=True):
        if compact(text) == label:
            return label, ""
        if text.startswith(label + " "):
            return label, text[len(label) + 1 :].strip()
    return None, text


def _read_indicators(lines: Sequence[Line], report: ImportReport) -> list[ProjectIndicator]:
    rows: list[_Row] = []
    level1 = level2 = ""
    pending: list[str] = []
    started = False
    for line in _join_wrapped_labels([line for line in lines if not line.blank]):
        text = clean_line(line.text)
        label, text = _strip_label(text, _LEVEL1)
        if label:
            level1, level2, started = label, "", True
        l2, text = _strip_label(text, _LEVEL2)
        if l2:
            level2, started = l2, True
        if not text:
            continue
        if not started:
            if not set(compact(text)) <= _HEADER_CHARS:
                report.leave_unplaced(text, line.source)
            continue
        row = _row(text, level1, level2, line)
        if row is not None:
            row.name = pending + row.name
            pending = []
            rows.append(row)
        elif rows and rows[-1].reason:
            rows[-1].reason.append(text)
        elif rows and rows[-1].level2 == level2 and not pending and " " not in text:
            rows[-1].name.append(text)
        else:
            pending.append(text)
    for text in pending:
        report.leave_unplaced(text, rows[-1].line.source if rows else Line("").source)
    indicators = []
    for n, row in enumerate(rows):
        path = f"indicators[{n}]"
        if not row.level1 or not row.level2:
            report.warn(f"指标“{join_wrapped(row.name)}”缺少一级或二级指标名称")
        for name in ("name", "target", "actual", "weight", "score"):
            if name == "name" or getattr(row, name) is not None:
                report.record(f"{path}.{name}", row.line.source, row.confidence)
        if row.reason:
            report.record(f"{path}.deviation_reason", row.line.source, row.confidence)
        indicators.append(
            ProjectIndicator(
                level1=row.level1,
                level2=row.level2,
                name=join_wrapped(row.name),
                target=row.target,
                actual=row.actual,
                weight=row.weight,
                score=row.score,
                deviation_reason=join_wrapped(row.reason),
            )
        )
    return indicators


def _row(text: str, level1: str, level2: str, line: Line) -> _Row | None:
    """``name target actual weight score [reason]``: the first two adjacent plain numbers after
    the name, target and actual are the weight and the score."""
    tokens = text.split(" ")
    for j in range(1, len(tokens) - 1):
        if _NUMBER.match(tokens[j]) and _NUMBER.match(tokens[j + 1]) and j >= 2:
            name_end = max(1, j - 2)
            values = tokens[name_end:j]
            row = _Row(level1, level2, [" ".join(tokens[:name_end])], line)
            row.weight, row.score = read_amount(tokens[j]), read_amount(tokens[j + 1])
            if len(values) == 2:
                row.target, row.actual = values
            else:
                row.target, row.confidence = values[0], 0.5
            row.reason = [" ".join(tokens[j + 2 :])] if tokens[j + 2 :] else []
            return row
    if len(tokens) == 3:
        return _Row(level1, level2, [tokens[0]], line, tokens[1], tokens[2], confidence=0.6)
    return None


def _read_total(lines: Sequence[Line], report: ImportReport) -> Decimal | None:
    for line in lines:
        numbers = [t for t in clean_line(line.text).split() if _NUMBER.match(t)]
        if numbers:
            report.record("total_score", line.source, 0.9 if len(numbers) >= 2 else 0.7)
            return read_amount(numbers[-1])
    return None


def _read_grade(lines: Sequence[Line], report: ImportReport) -> Any:
    for line in lines:
        text = compact(line.text)
        if text[:1] in _GRADES:
            report.record("grade", line.source, 0.9)
            return text[:1]
    return None
