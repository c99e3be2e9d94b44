"""Rubric tables whose cell borders were lost: an OCR of a Word table prints every row as one
run of text (``财政供养人员控制率%定量指标100%92%100%22否`` = name, 计量单位 %, 定量指标,
target 100%, actual 92%, 得分系数 100%, weight 2, score 2, 核心指标 否).

A row is found by its end (得分系数 as a percentage, the glued weight and score, then 是/否),
the weight and score are split only where score = weight × 得分系数 (see
:mod:`jixiao.core.glued`), and the target and actual are taken from the end of what is left,
in the row's own unit. The budget line (执行率, 执行率权重, 执行率得分) is read the same way.
Nothing that the arithmetic does not confirm is filled in."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.glued import split_weight_score
from jixiao.core.model.department import RubricIndicator
from jixiao.formats.tableread.cells import Cell
from jixiao.formats.tableread.fold import fold
from jixiao.formats.tableread.vocabulary import vocabulary

# 是否核心指标 closes the header; a row closes with 得分系数%, weight+score glued, 是/否.
_HEADER_END = ("是否核心指标",)
_ROW = re.compile(
    r"(?P<body>.+?)(?P<rate>(?:0|[1-9]\d*)(?:\.\d+)?)%(?P<run>\d+(?:\.\d+)?)(?P<core>[是否])"
)
_PAGE = re.compile(r"^\d{1,3}、")
_NATURES = ("定量指标", "定性指标")
_LOWER = re.compile(r"[a-z]{2,}")
_BUDGET = re.compile(r"执行率得分(?:\(分\))?\D{0,2}?(?P<rate>\d+(?:\.\d+)?)%(?P<run>\d+(?:\.\d+)?)")
_TOTAL = re.compile(r"(?:自评总分|自评得分)(?:\(分\))?(?P<total>\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class BudgetLine:
    rate: Decimal
    weight: Decimal | None
    score: Decimal | None


@dataclass(frozen=True)
class GluedReading:
    rows: list[RubricIndicator]
    budget: BudgetLine | None
    total: Decimal | None


def glued_text(cells: Sequence[Cell]) -> str:
    """The cells' printed text joined without separators, less the page numbers (``2、``) a
    hosting site put at the start of each page's chunk."""
    parts = []
    for n, cell in enumerate(cells):
        text = cell.text
        if n == 0 or cells[n - 1].line != cell.line:
            text = _PAGE.sub("", text)
        parts.append(text)
    return "".join(parts).replace("（", "(").replace("）", ")")


def read_glued(cells: Sequence[Cell]) -> GluedReading | None:
    text = glued_text(cells)
    ends = [text.find(h) + len(h) for h in _HEADER_END if h in text]
    budget = _budget(text)
    total = _total(text)
    if not ends:
        return GluedReading([], budget, total) if budget or total is not None else None
    rows = [row for m in _ROW.finditer(text, min(ends)) if (row := _row(m)) is not None]
    return GluedReading(rows, budget, total)


def _budget(text: str) -> BudgetLine | None:
    m = _BUDGET.search(text)
    if m is None:
        return None
    rate = Decimal(m.group("rate"))
    split = split_weight_score(m.group("run"), rate)
    return BudgetLine(rate, *(split or (None, None)))


def _total(text: str) -> Decimal | None:
    m = _TOTAL.search(text)
    return Decimal(m.group("total")) if m else None


def _row(m: re.Match[str]) -> RubricIndicator | None:
    split = split_weight_score(m.group("run"), Decimal(m.group("rate")))
    weight, score = split or (None, None)
    body = _drop_nature(m.group("body"))
    name, target, actual = _values(body)
    name = _clean_name(name)
    if not name:
        return None
    return RubricIndicator(name=name, target=target, actual=actual, weight=weight, score=score)


def _drop_nature(body: str) -> str:
    """The body without its 指标性质, also when OCR scrambled its characters (性标定指)."""
    for nature in _NATURES:
        if nature in body:
            return body.replace(nature, "", 1)
    for at in range(len(body) - 3):
        chunk = body[at : at + 4]
        if any(sorted(chunk) == sorted(nature) for nature in _NATURES):
            return body[:at] + body[at + 4 :]
    return body


def _values(body: str) -> tuple[str, str | None, str | None]:
    """(name with unit, target, actual) from a row's text before its 得分系数."""
    # Qualitative: the same word twice at the end (高高, 好好, 达标达标).
    for size in (1, 2, 3, 4):
        word = body[-size:]
        repeated = len(body) > 2 * size + 1 and body[-2 * size : -size] == word
        if repeated and not any(ch.isdigit() or ch == "%" for ch in word):
            return body[: -2 * size], word, word
    unit = body[-1:] if body and not body[-1].isdigit() else ""
    number = r"[\dO]+(?:\.\d+)?"
    actual = re.search(rf"{number}{re.escape(unit)}$", body) if unit else None
    if actual is None:
        actual = re.search(r"\d+(?:\.\d+)?$", body)
    if actual is None or not any(ch.isdigit() for ch in actual.group()):
        return body, None, None
    rest = body[: actual.start()]
    target_unit = unit or "%"
    target = re.search(rf"{number}{re.escape(target_unit)}$", rest)
    if target is None or not any(ch.isdigit() or ch == "O" for ch in target.group()):
        return rest, None, actual.group()
    start = target.start()
    # A garbled operator before the target (到0次, 第O份) sits between the unit column and it.
    if start >= 2 and rest[start - 2] == target_unit and not rest[start - 1].isdigit():
        start -= 1
    name = rest[:start]
    if name.endswith(target_unit):
        name = name[: -len(target_unit)]  # the 计量单位 column
    return name, rest[start:], actual.group()


def _clean_name(name: str) -> str:
    """The indicator's name without the unit column and spilled level labels before it."""
    if m := _LOWER.search(name):
        name = name[: m.start()]  # OCR garbage in the unit column (tot扁)
    name = name.rstrip("%")
    for spill in vocabulary().rubric_spills:
        if name.startswith(spill) and len(name) > len(spill) + 1:
            name = name[len(spill) :]
    return name.strip()


# ---- project forms scored by rubric (项目决策/项目管理/项目产出/项目效益), borders lost ----

_FUNDS_RUN = re.compile(r"执行率(?:\([^()]{0,6}\))?(?P<run>[\d.]{7,40})%")
_LEVEL = re.compile(r"[^\d()]{2,12}?\(\d+(?:\.\d+)?分\)")
_SLOT = re.compile(r"指标[\dLlI][:：]?")
_DASHES = ("一", "-", "—", "/")
_SCORE = re.compile(r"(?:\d+(?:\.\d+)?|[IlO0-9]{2})$")
_GLYPH_DIGITS = str.maketrans({"I": "1", "l": "1", "O": "0"})
_QUANTITY = re.compile(r"\d+(?:\.\d+)?[^\d\s]{0,2}$")
_MAX_ROW = 90
_MAX_STREAM = 20_000  # a rubric table is a few thousand characters; bounds the row search


@dataclass(frozen=True)
class GluedProjectRow:
    name: str
    weight: Decimal
    target: str | None
    actual: str | None
    score: Decimal


@dataclass(frozen=True)
class GluedProject:
    funds: tuple[Decimal, Decimal, Decimal, Decimal] | None
    rows: list[GluedProjectRow]
    total: Decimal | None


def read_glued_project(cells: Sequence[Cell]) -> GluedProject | None:
    """A project form whose rubric rows read ``name weight target actual score`` with nothing
    between them. Each row is taken only when its parts check: weight ≤ 100, score ≤ weight,
    and the target and actual either the same text printed twice, a dash and the actual, or
    the actual alone."""
    from jixiao.core.glued import split_funds_run

    text = glued_text(cells)
    funds = None
    if m := _FUNDS_RUN.search(text):
        funds = split_funds_run(m.group("run"))
    reasons = [text.find(r) + len(r) for r in vocabulary().indicator_columns["reason"] if r in text]
    rows: list[GluedProjectRow] = []
    if reasons:
        start = min(reasons)
        stream = _SLOT.sub("", _LEVEL.sub("", text[start : start + _MAX_STREAM]))
        rows = _project_rows(stream)
    total = _total(text)
    if funds is None and not rows:
        return None
    return GluedProject(funds, rows, total)


def _project_rows(stream: str) -> list[GluedProjectRow]:
    rows: list[GluedProjectRow] = []
    at = 0
    while at < len(stream):
        name_end = at
        while name_end < len(stream) and not stream[name_end].isdigit():
            name_end += 1
        found = _row_after(stream, name_end)
        if found is None:
            at = name_end + 1
            continue
        end, weight, target, actual, score = found
        name = _project_name(stream[at:name_end])
        if name:
            rows.append(GluedProjectRow(name, weight, target, actual, score))
        at = end
    return rows


def _row_after(
    stream: str, start: int
) -> tuple[int, Decimal, str | None, str | None, Decimal] | None:
    """The row read from ``stream[start:]`` (its weight first), preferring a target printed
    the same as the actual, then a dash, then the actual alone; the first end that parses."""
    best: dict[str, tuple[int, Decimal, str | None, str | None, Decimal]] = {}
    limit = min(len(stream), start + _MAX_ROW)
    for end in range(start + 2, limit + 1):
        if end < len(stream) and (stream[end].isdigit() or stream[end] in ".%"):
            continue
        if end < len(stream) and stream[end] in "OIl" and stream[end - 1] in "OIl":
            continue
        chunk = stream[start:end]
        score_m = _SCORE.search(chunk)
        before = chunk[max(0, score_m.start() - 2) : score_m.start()] if score_m else ""
        if score_m is None or (before.endswith(".") and before[:1].isascii()):
            continue  # the decimals of a value (M.5万元), not a score
        score_text = score_m.group().translate(_GLYPH_DIGITS)
        if not re.fullmatch(r"(?:0|[1-9]\d*)(?:\.\d+)?", score_text):
            continue
        score = Decimal(score_text)
        body = chunk[: score_m.start()]
        for k in (1, 2, 3):
            weight_text, mid = body[:k], body[k:]
            if not re.fullmatch(r"[1-9]\d*(?:\.\d+)?|0\.\d+", weight_text) or not mid:
                continue
            weight = Decimal(weight_text)
            if weight > 100 or score > weight or mid[0] == ".":
                continue
            kind, target, actual = _target_actual(mid)
            if kind and kind not in best:
                best[kind] = (end, weight, target, actual, score)
        if "twice" in best:
            break
    for kind in ("twice", "dash", "alone", "quantity"):
        if kind in best:
            return best[kind]
    return None


def _target_actual(mid: str) -> tuple[str, str | None, str | None]:
    half = len(mid) // 2
    if len(mid) % 2 == 0 and half >= 1 and mid[:half] == mid[half:]:
        return "twice", mid[:half], mid[half:]
    if mid[0] in _DASHES and len(mid) > 1:
        return "dash", mid[0], mid[1:]
    if not any(ch.isdigit() for ch in mid) and len(mid) >= 2:
        return "alone", None, mid
    if (m := _QUANTITY.search(mid)) and m.start() > 0 and not mid[0].isdigit():
        return "quantity", mid[: m.start()], m.group()
    return "", None, None


def _project_name(text: str) -> str:
    name = fold(text)
    vocab = vocabulary()
    for label in vocab.rubric_level2 + vocab.level2_names + vocab.level1_names:
        if name.startswith(label) and len(name) - len(label) >= 4:
            name = name[len(label) :]
    return name.strip(":")


def glued_heads(cells: Sequence[Cell]) -> dict[str, str]:
    """项目名称, 主管部门 and 实施单位 of a head printed without borders: each value runs from
    its label to the next label the layout prints."""
    text = fold(glued_text(cells))
    vocab = vocabulary()
    labels = [s for spellings in vocab.head_labels.values() for s in spellings]
    stops = labels + list(vocab.head_stops)
    heads: dict[str, str] = {}
    for field, spellings in vocab.head_labels.items():
        for label in sorted(spellings, key=len, reverse=True):
            at = text.find(label)
            if at < 0:
                continue
            start = at + len(label)
            ends = [e for s in stops if (e := text.find(s, start)) >= 0]
            end = min(ends, default=-1)
            value = text[start:end] if end >= 0 else ""
            if 1 < len(value) <= 40:
                heads[field] = value
            break
    return heads
