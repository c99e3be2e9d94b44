"""The department overall form (部门整体支出绩效自评表, Guangzhou layout) from text lines.

Sections are found by their labels; each section's reader only sees its own lines, so a
missing or reordered block does not shift the others. Whatever is read is recorded in the
report with its line; whatever cannot be placed is reported, never guessed into a field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.core.model import AnnualGoals, DepartmentForm, DepartmentFunds, KeyProject
from jixiao.formats.report import ImportReport
from jixiao.formats.textparse.amounts import ABSENT, NUMBER, read_amount
from jixiao.formats.textparse.blocks import (
    block_text,
    is_header_text,
    merge_next_if_continued,
    narrative_text,
)
from jixiao.formats.textparse.errors import NotAForm
from jixiao.formats.textparse.header import read_header
from jixiao.formats.textparse.lines import Line, blocks_of
from jixiao.formats.textparse.numbering import marker_of, split_numbered
from jixiao.formats.textparse.sections import find_anchors, section_lines
from jixiao.formats.textparse.tasks import read_tasks
from jixiao.formats.textparse.text import compact

SECTIONS: dict[str, tuple[str, ...]] = {
    "funds": ("部门资金情况",),
    "goals": ("年度目标", "部门整体支出的预期目标部门整体支出的目标完成情况"),
    "tasks": (
        "主要任务",
        "预期目标目标完成情况关键指标指标完成情况任务涉及资金",
        "预期目标目标完成情况关键指标指标完成情况",
    ),
    "key_projects": ("重点项目绩效情况", "重点项目绩效"),
    "overall": ("部门整体绩效", "部门整体绩效情况"),
    "problems": ("存在问题", "存在的问题"),
    "improvements": (
        "改进措施或下一步计划",
        "改进措施及下一步计划",
        "改进措施和下一步计划",
        "改进措施",
        "下一步计划",
    ),
    "notes": ("注",),
}
_INLINE = frozenset({"key_projects", "overall", "problems", "improvements", "notes"})

# (label spellings, path under funds, is a rate)
_FUND_FIELDS: tuple[tuple[tuple[str, ...], str, bool], ...] = (
    (("部门年初预算收入", "年初预算收入"), "initial_budget", False),
    (("部门调整预算收入", "调整预算收入"), "adjusted_budget", False),
    (("年度预算调整数", "预算调整数"), "adjustment", False),
    (("实际支出数",), "actual_spending", False),
    (("一般公共预算",), "spending_by_source.general_public_budget", False),
    (("政府性基金预算",), "spending_by_source.government_fund_budget", False),
    (("国有资本经营预算",), "spending_by_source.state_capital_budget", False),
    (("其他",), "spending_by_source.other", False),
    (("预算完成率",), "completion_rate", True),
    (("预算调整率",), "adjustment_rate", True),
)
_MAIN_FUND_FIELDS = {
    "initial_budget": "部门年初预算收入",
    "adjusted_budget": "部门调整预算收入",
    "adjustment": "年度预算调整数",
    "actual_spending": "实际支出数",
    "completion_rate": "预算完成率",
    "adjustment_rate": "预算调整率",
}
_FUND_LABEL_TO_FIELD = {
    spelling: (path, rate) for spells, path, rate in _FUND_FIELDS for spelling in spells
}
_FUND_TOKEN = re.compile(
    "(?P<label>"
    + "|".join(sorted(_FUND_LABEL_TO_FIELD, key=len, reverse=True))
    + rf")|(?P<num>(?:{NUMBER})\s*%?)|(?P<absent>(?<!\S)[—–\-/／]+(?!\S))"
)
# Pieces of labels that carry no value of their own.
_FUND_NOISE = ("部门资金情况", "其中", "：", ":", "部门资", "金情况", "资金情况")

_GOAL_HEADERS = ("部门整体支出的预期目标", "部门整体支出的目标完成情况", "预期目标", "目标完成情况")
_KEY_ACHIEVEMENTS = re.compile(r"^\s*主要绩效\s*[：:]?\s*")
_KEY_NAME_PREFIX = re.compile(r"^\s*(?:重点)?项目名称\s*[：:]\s*")
_KEY_COMPLETION_PREFIX = re.compile(r"^\s*指标完成情况\s*[：:]\s*")
_KEY_COMPLETION_HINT = re.compile(r"指标|完成")


def looks_like_department_form(lines: Sequence[Line]) -> bool:
    text = compact("".join(line.text for line in lines[:4000]))
    if "部门整体支出绩效" in text:
        return True
    hits = sum(
        label in text for label in ("部门名称", "被评价年度", "部门年初预算收入", "主要任务")
    )
    return hits >= 2


def parse_department(lines: Sequence[Line], report: ImportReport) -> DepartmentForm:
    anchors = find_anchors(lines, SECTIONS, _INLINE)
    first_section = anchors[0].index if anchors else len(lines)
    header_end = next((a.index for a in anchors if a.key != "funds"), len(lines))
    header = read_header(lines[:first_section], report)
    if header.year is None:
        if not header.title:
            raise NotAForm("未找到表名与被评价年度")  # labels alone are no form
        report.warn("未识别年度：表头没有印出评价年度，保存前请填写")

    funds_lines = [
        line
        for i, line in enumerate(lines[:header_end])
        if i not in header.used and not _is_label_line(i, anchors, "funds")
    ]
    funds = _read_funds(funds_lines, report)

    goals = _read_goals(section_lines(lines, anchors, "goals"), report)
    tasks = read_tasks(section_lines(lines, anchors, "tasks"), report)
    key_projects = _read_key_projects(section_lines(lines, anchors, "key_projects"), report)
    narratives = {}
    for key, path in (
        ("overall", "overall_performance"),
        ("problems", "problems"),
        ("improvements", "improvements"),
    ):
        text, first = narrative_text(section_lines(lines, anchors, key))
        narratives[path] = text
        if first is not None:
            report.record(path, first.source, 0.95)
    notes = _read_notes(section_lines(lines, anchors, "notes"), report)

    present = {a.key for a in anchors}
    for key, name in (
        ("goals", "年度目标"),
        ("tasks", "主要任务"),
        ("key_projects", "重点项目绩效情况"),
        ("overall", "部门整体绩效"),
    ):
        if key not in present:
            report.warn(f"未找到“{name}”栏")

    return DepartmentForm(
        attachment_label=header.attachment_label,
        title=header.title,
        department=header.department,
        consolidated=header.consolidated,
        year=header.year,
        money_unit=header.money_unit,
        funds=funds,
        annual_goals=goals,
        tasks=tasks,
        key_projects=key_projects,
        notes=notes,
        **narratives,
    )


def _is_label_line(index: int, anchors: Sequence[Any], key: str) -> bool:
    return any(a.key == key and a.index <= index < a.end for a in anchors)


@dataclass
class _Token:
    kind: str  # "label", "value", "text"
    text: str
    line: Line


def _fund_tokens(lines: Sequence[Line], report: ImportReport) -> list[_Token]:
    tokens: list[_Token] = []
    for line in lines:
        if line.blank:
            continue
        text = line.text
        pos = 0
        for match in _FUND_TOKEN.finditer(text):
            _gap(text[pos : match.start()], line, tokens)
            pos = match.end()
            if match.group("label"):
                tokens.append(_Token("label", match.group("label"), line))
            else:
                tokens.append(_Token("value", match.group(0).strip(), line))
        _gap(text[pos:], line, tokens)
    return tokens


def _gap(text: str, line: Line, tokens: list[_Token]) -> None:
    rest = compact(text)
    for noise in _FUND_NOISE:
        rest = rest.replace(noise, "")
    if rest:
        tokens.append(_Token("text", text.strip(), line))


def _read_funds(lines: Sequence[Line], report: ImportReport) -> DepartmentFunds:
    """Pair each funds label with its value. Usually a value follows its label; when a row of
    labels is followed by a row of values, they pair in order; a label with fewer values than
    labels before it takes the nearest (the others' cells were empty)."""
    tokens = _fund_tokens(lines, report)
    values: dict[str, tuple[Decimal | None, Line, float]] = {}
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind == "text":
            report.leave_unplaced(token.text, token.line.source)
            i += 1
            continue
        if token.kind == "value":
            report.leave_unplaced(token.text, token.line.source)
            i += 1
            continue
        labels = []
        while i < len(tokens) and tokens[i].kind == "label":
            labels.append(tokens[i])
            i += 1
        found = []
        while i < len(tokens) and tokens[i].kind == "value":
            found.append(tokens[i])
            i += 1
        if len(found) >= len(labels):
            pairs = list(zip(labels, found, strict=False))
            extra = found[len(labels) :]
            confidence = 0.95 if len(labels) == 1 else 0.8
        else:
            pairs = list(zip(labels[len(labels) - len(found) :], found, strict=True))
            extra = []
            confidence = 0.6
        for label, value in pairs:
            path, is_rate = _FUND_LABEL_TO_FIELD[label.text]
            if path in values:
                report.warn(f"“{label.text}”出现多次，取第一次的数值")
                continue
            amount = None if ABSENT.match(value.text) else read_amount(value.text)
            sure = confidence
            if value.text.endswith("%") != is_rate and amount is not None:
                report.warn(f"“{label.text}”的数值 {value.text} 形式不符，请核对")
                sure = min(confidence, 0.5)
            values[path] = (amount, value.line, sure)
        for value in extra:
            report.leave_unplaced(value.text, value.line.source)

    data: dict[str, Any] = {"spending_by_source": {}}
    for path, (amount, line, confidence) in values.items():
        if amount is None:
            continue
        if path.startswith("spending_by_source."):
            data["spending_by_source"][path.split(".", 1)[1]] = amount
        else:
            data[path] = amount
        report.record(f"funds.{path}", line.source, confidence)
    for path, name in _MAIN_FUND_FIELDS.items():
        if path not in data:
            report.warn(f"未找到“{name}”的数值")
    return DepartmentFunds.model_validate(data)


def _read_goals(lines: Sequence[Line], report: ImportReport) -> AnnualGoals:
    """Expected goals, then the achievement narrative. Numbered goals may be spread over
    several blocks; the first block that does not continue the numbering starts the
    narrative. Unnumbered, the first block is the one expected goal."""
    content = [line for line in lines if not is_header_text(line.text, _GOAL_HEADERS)]
    blocks = blocks_of(content)
    if not blocks:
        return AnnualGoals()
    merge_next_if_continued(blocks, 0)
    expected: list[str] = []
    first_marker = marker_of(blocks[0].texts[0])
    if first_marker is not None and first_marker.number == 1:
        goal_lines = list(blocks[0].lines)
        taken = 1
        while taken < len(blocks):
            _, items = split_numbered(goal_lines)
            marker = marker_of(blocks[taken].texts[0])
            if marker is None or marker.number != len(items) + 1:
                break
            goal_lines += blocks[taken].lines
            taken += 1
        _, items = split_numbered(goal_lines)
        for item in items:
            text = block_text(item.lines)
            if text:
                report.record(f"annual_goals.expected[{len(expected)}]", item.lines[0].source, 0.9)
                expected.append(text)
        rest = blocks[taken:]
    else:
        expected.append(block_text(blocks[0].lines))
        report.record("annual_goals.expected[0]", blocks[0].first.source, 0.7)
        rest = blocks[1:]
    achieved, first = narrative_text(line for block in rest for line in block.lines)
    if first is not None:
        report.record("annual_goals.achieved", first.source, 0.85)
    return AnnualGoals(expected=expected, achieved=achieved)


def _read_key_projects(lines: Sequence[Line], report: ImportReport) -> list[KeyProject]:
    """Each key project is its name, a sentence on indicator completion and ``主要绩效：``
    with numbered achievements. The line before ``主要绩效`` is the completion sentence when it
    speaks of completion, and the line before that the name."""
    content = [line for line in lines if not line.blank]
    if not content:
        return []
    markers = [i for i, line in enumerate(content) if _KEY_ACHIEVEMENTS.match(line.text)]
    if not markers:
        markers = [min(len(content), _head_size(content, min(len(content), 2)))]
    heads = [0] + [m - _head_size(content, m) for m in markers[1:]]
    projects: list[KeyProject] = []
    for k, marker in enumerate(markers):
        end = heads[k + 1] if k + 1 < len(markers) else len(content)
        project = _key_project(
            len(projects), content[heads[k] : marker], content[marker:end], report
        )
        if project is not None:
            projects.append(project)
    return projects


def _head_size(content: Sequence[Line], marker: int) -> int:
    if marker >= 2 and _KEY_COMPLETION_HINT.search(content[marker - 1].text):
        return 2
    return min(marker, 1)


def _key_project(
    index: int, head: Sequence[Line], body: Sequence[Line], report: ImportReport
) -> KeyProject | None:
    path = f"key_projects[{index}]"
    name_lines: list[Line] = []
    completion_lines: list[Line] = []
    for line in head:
        if completion_lines or (name_lines and _KEY_COMPLETION_HINT.search(line.text)):
            completion_lines.append(line)
        else:
            name_lines.append(line)
    name = _KEY_NAME_PREFIX.sub("", block_text(name_lines))
    completion = _KEY_COMPLETION_PREFIX.sub("", block_text(completion_lines))
    if name_lines:
        report.record(f"{path}.name", name_lines[0].source, 0.85)
    if completion_lines:
        report.record(f"{path}.indicator_completion", completion_lines[0].source, 0.85)
    achievements: list[str] = []
    if body:
        first = body[0].with_text(_KEY_ACHIEVEMENTS.sub("", body[0].text))
        preamble, items = split_numbered([first, *body[1:]])
        groups = [item.lines for item in items] if items else [list(preamble)]
        if items and preamble:
            groups.insert(0, list(preamble))
        for group in groups:
            text = block_text(group)
            if text:
                report.record(f"{path}.achievements[{len(achievements)}]", group[0].source, 0.85)
                achievements.append(text)
    if not name:
        for line in [*head, *body]:
            report.leave_unplaced(line.text.strip(), line.source)
        return None
    return KeyProject(name=name, indicator_completion=completion, achievements=achievements)


def _read_notes(lines: Sequence[Line], report: ImportReport) -> list[str]:
    content = [line for line in lines if not line.blank]
    if not content:
        return []
    preamble, items = split_numbered(content)
    groups = [item.lines for item in items]
    if preamble:
        groups.insert(0, preamble)
    notes: list[str] = []
    for group in groups:
        text = block_text(group)
        if text:
            report.record(f"notes[{len(notes)}]", group[0].source, 0.9)
            notes.append(text)
    return notes
