"""主要任务: tasks with their goals, achievements, funds and key indicators.

Within a task, extraction gives the goal cell, the achievement cell, then the indicator rows,
with the task's funds (a cell merged over all its rows) wherever it happened to fall. Name and
completion of an indicator come out on one line with a space between them when both fit on
one line, or as separate blocks, or as one block whose first line is the name. A task cut by a
page break is printed again, goal and funds included, under the same number: its repeated
texts and funds are dropped, so it is one task with its funds counted once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.model import Task, TaskIndicator
from jixiao.formats.report import ImportReport
from jixiao.formats.textparse.amounts import MONEY_TOKEN, read_amount
from jixiao.formats.textparse.blocks import is_header_text, merge_next_if_continued
from jixiao.formats.textparse.lines import Block, Line, blocks_of
from jixiao.formats.textparse.text import clean_line, display_width, join_wrapped

_TASK = re.compile(r"^\s*任务\s*(\d{1,3})(?:\s*[：:]\s*|\s+|$)(?P<rest>.*)$")
_HEADERS = (
    "预期目标",
    "目标完成情况",
    "关键指标",
    "指标完成情况",
    "任务涉及资金",
    "任务涉及",
    "资金",
)


@dataclass
class _Chunk:
    number: int
    header: Line
    lines: list[Line] = field(default_factory=list)


@dataclass
class _TaskDraft:
    number: int
    index: int
    header: Line
    blocks: list[Block] = field(default_factory=list)
    funds: Decimal | None = None


def read_tasks(lines: Sequence[Line], report: ImportReport) -> list[Task]:
    chunks = _chunks(lines, report)
    drafts: list[_TaskDraft] = []
    tasks: list[Task] = []
    for chunk in chunks:
        cleaned = [line for line in chunk.lines if not is_header_text(line.text, _HEADERS)]
        blocks = [_clean_block(b) for b in blocks_of(cleaned)]
        if drafts and drafts[-1].number == chunk.number:
            _continue_task(drafts[-1], tasks[-1], blocks, report)
            continue
        if any(t.number == chunk.number for t in tasks):
            report.warn(f"任务{chunk.number}的编号重复出现")
        index = len(tasks)
        draft = _TaskDraft(chunk.number, index, chunk.header)
        path = f"tasks[{index}]"
        report.record(f"{path}.number", chunk.header.source, 1.0)
        blocks = _take_funds(draft, blocks, report)
        goal = achievement = ""
        if blocks:
            merge_next_if_continued(blocks, 0)
            goal = _text(blocks[0])
            report.record(f"{path}.expected_goal", blocks[0].first.source, 0.85)
        if len(blocks) > 1:
            merge_next_if_continued(blocks, 1)
            achievement = _text(blocks[1])
            report.record(f"{path}.achievement", blocks[1].first.source, 0.85)
        draft.blocks = blocks[2:]
        drafts.append(draft)
        tasks.append(Task(number=chunk.number, expected_goal=goal, achievement=achievement))
    for index, (draft, task) in enumerate(zip(drafts, tasks, strict=True)):
        task.funds = draft.funds
        task.indicators = _indicators(draft.blocks, f"tasks[{index}]", report)
        if draft.funds is None:
            report.warn(f"任务{draft.number}未找到任务涉及资金")
        if not task.indicators:
            report.warn(f"任务{draft.number}未找到关键指标")
    return tasks


def _chunks(lines: Sequence[Line], report: ImportReport) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    for line in lines:
        match = _TASK.match(line.text)
        if match:
            chunks.append(_Chunk(int(match.group(1)), line))
            if match.group("rest").strip():
                chunks[-1].lines.append(line.with_text(match.group("rest")))
        elif chunks:
            chunks[-1].lines.append(line)
        elif not line.blank and not is_header_text(line.text, _HEADERS):
            report.leave_unplaced(clean_line(line.text), line.source)
    return chunks


def _clean_block(block: Block) -> Block:
    return Block(tuple(line.with_text(clean_line(line.text)) for line in block.lines))


def _text(block: Block) -> str:
    return join_wrapped(block.texts)


def _continue_task(
    draft: _TaskDraft, task: Task, blocks: list[Block], report: ImportReport
) -> None:
    """The rest of a task after a page break: drop what the new page repeats."""
    blocks = _take_funds(draft, blocks, report)
    for i in (0, 1):
        merge_next_if_continued(blocks, i)
    repeated = {task.expected_goal, task.achievement} - {""}
    kept = [b for b in blocks if _text(b) not in repeated]
    draft.blocks.extend(kept)


def _take_funds(draft: _TaskDraft, blocks: list[Block], report: ImportReport) -> list[Block]:
    """Remove the task's funds figure from the blocks (standalone, or joined to a
    neighbour's text at the start or end of a line) and keep it on the draft."""
    kept: list[Block] = []
    for block in blocks:
        lines: list[Line] = []
        for line in block.lines:
            text = line.text
            words = text.split(" ")
            candidate = None
            rest = text
            if MONEY_TOKEN.match(text):
                candidate, rest = text, ""
            elif len(words) >= 2 and MONEY_TOKEN.match(words[0]):
                candidate, rest = words[0], " ".join(words[1:])
            elif len(words) >= 3 and MONEY_TOKEN.match(words[-1]):
                candidate, rest = words[-1], " ".join(words[:-1])
            if candidate is not None:
                amount = read_amount(candidate)
                if draft.funds is None and amount is not None:
                    draft.funds = amount
                    report.record(
                        f"tasks[{draft.index}].funds", line.source, 0.9 if not rest else 0.8
                    )
                elif amount != draft.funds:
                    report.warn(f"任务{draft.number}出现另一个金额 {candidate}，未作为任务资金")
                    rest = text
            if rest:
                lines.append(line.with_text(rest))
        if lines:
            kept.append(Block(tuple(lines)))
    return kept


def _split_spaced(text: str) -> tuple[str, str] | None:
    name, sep, actual = text.partition(" ")
    if not sep or not name or not actual.strip():
        return None
    return name, actual.strip()


def _wider_tail(block: Block) -> bool:
    """Lines after the first that are wider than it come from a wider column."""
    texts = block.texts
    first = display_width(texts[0])
    return any(display_width(t) > first + 2 for t in texts[1:])


def _indicators(blocks: Sequence[Block], path: str, report: ImportReport) -> list[TaskIndicator]:
    found: list[TaskIndicator] = []

    def emit(
        name: str, actual: str | None, name_line: Line, actual_line: Line | None, c: float
    ) -> None:
        at = f"{path}.indicators[{len(found)}]"
        found.append(TaskIndicator(name=name, actual=actual or None))
        report.record(f"{at}.name", name_line.source, c)
        if actual and actual_line is not None:
            report.record(f"{at}.actual", actual_line.source, c)

    i = 0
    while i < len(blocks):
        block = blocks[i]
        texts = block.texts
        if len(texts) == 1 and MONEY_TOKEN.match(texts[0]):
            # An amount other than the task's funds: no indicator has a bare amount for a name.
            report.leave_unplaced(texts[0], block.first.source)
            i += 1
            continue
        spaced = _split_spaced(texts[0])
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        next_free = nxt is not None and _split_spaced(nxt.texts[0]) is None
        if spaced is not None:
            name, actual = spaced
            emit(name, join_wrapped([actual, *texts[1:]]), block.first, block.first, 0.9)
            i += 1
        elif len(texts) >= 2 and (not next_free or _wider_tail(block)):
            emit(texts[0], join_wrapped(texts[1:]), block.first, block.lines[1], 0.7)
            i += 1
        elif next_free and nxt is not None:
            emit(join_wrapped(texts), _text(nxt), block.first, nxt.first, 0.8)
            i += 2
        else:
            emit(join_wrapped(texts), None, block.first, None, 0.6)
            report.warn(f"指标“{join_wrapped(texts)}”未找到完成情况")
            i += 1
    return found
