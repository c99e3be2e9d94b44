"""A rubric whose rows explain themselves (Hunan's 部门整体支出绩效评价指标表: 一级指标 分值,
二级指标 分值, 三级指标 分值, 评价标准, 指标说明, 得分), flattened to words.

Each group and indicator prints its name followed by its points; an indicator's name and points
are followed by the criteria and the explanation, then its score. A name and points followed
directly by another name and points is a group (一级, then 二级). The score is the number
printed between the explanation and the next name with its points; a score above the points
is refused, and an indicator cut off by the end of the text has no score."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from jixiao.core.model.department import RubricIndicator
from jixiao.formats.tableread.cells import Cell

_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,2})?$")
_NAME_WORD = re.compile(r"^[\u3400-\u9fff“”\"()（）、]{1,14}$")
_HEADER_END = ("指标说明", "评价标准")
_SCORE_HEADS = ("得分", "分值")
_MAX_NAME_WORDS = 3


def read_explained(cells: Sequence[Cell]) -> list[RubricIndicator]:
    words = " ".join(c.text for c in cells).split()
    start = _after_header(words)
    if start is None:
        return []
    words = words[start:]
    pairs = _pairs(words)
    rows: list[RubricIndicator] = []
    level1 = level2 = ""
    after_group = False
    for n, (name_at, points_at) in enumerate(pairs):
        nxt = pairs[n + 1][0] if n + 1 < len(pairs) else len(words)
        body = words[points_at + 1 : nxt]
        name = "".join(words[name_at:points_at]).strip('“”"')
        points = Decimal(words[points_at])
        if not body:
            # A group: 二级 right after its 一级, else a new 一级.
            if after_group:
                level2 = f"{name}({points}分)"
            else:
                level1, level2 = f"{name}({points}分)", ""
            after_group = True
            continue
        after_group = False
        score = None
        if n + 1 < len(pairs) and _NUMBER.match(body[-1]) and len(body) >= 2:
            score = Decimal(body[-1])
            if score > points:
                score = None  # refused: a score above its points is a misreading
        rows.append(
            RubricIndicator(level1=level1, level2=level2, name=name, weight=points, score=score)
        )
    return rows


def _after_header(words: list[str]) -> int | None:
    for i, word in enumerate(words):
        if word in _HEADER_END and "三级指标" in words[max(0, i - 6) : i]:
            k = i + 1
            while k < len(words) and words[k] in (*_HEADER_END, *_SCORE_HEADS):
                k += 1
            return k
    return None


def _pairs(words: list[str]) -> list[tuple[int, int]]:
    """(first name word, points word) of every name printed with its points: one to three
    name words then a number, at the start or right after a number (the previous score or
    group points)."""
    pairs: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if i == 0 or _NUMBER.match(words[i - 1]):
            k = i
            while k < len(words) and k - i < _MAX_NAME_WORDS and _NAME_WORD.match(words[k]):
                k += 1
            if k > i and k < len(words) and _NUMBER.match(words[k]):
                pairs.append((i, k))
                i = k + 1
                continue
        i += 1
    return pairs
