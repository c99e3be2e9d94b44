"""The tail of a project form without its title (a paginated re-post that starts mid-table):
indicator rows printed ``[一级指标][二级指标]名称≥目标 数`` with no header row. Read as a form
with what it shows; the one number of a row is not placed, since nothing tells whether it is
the weight or the score."""

from __future__ import annotations

import re
from functools import cache

from jixiao.core.model.project import IndicatorNature, ProjectForm, ProjectIndicator
from jixiao.formats.report import ImportReport, SourceLocation
from jixiao.formats.tableread.vocabulary import vocabulary

_OPERATORS = {
    "≥": IndicatorNature.AT_LEAST,
    ">=": IndicatorNature.AT_LEAST,
    "≤": IndicatorNature.AT_MOST,
    "<=": IndicatorNature.AT_MOST,
    "=": IndicatorNature.EQUAL,
    "＝": IndicatorNature.EQUAL,
    "﹦": IndicatorNature.EQUAL,
}
_MIN_ROWS = 2


@cache
def _row() -> re.Pattern[str]:
    vocab = vocabulary()
    levels = sorted(set(vocab.level1_names + vocab.level2_names), key=len, reverse=True)
    level = "|".join(re.escape(word) for word in levels)
    operator = "|".join(re.escape(op) for op in sorted(_OPERATORS, key=len, reverse=True))
    return re.compile(
        rf"(?P<levels>(?:{level})*)(?P<name>[^\s≥≤=＝﹦<>]{{2,40}}?)(?P<op>{operator})"
        rf"(?P<target>[^\s]{{1,16}})\s+(?P<number>\d+(?:\.\d+)?)(?=\s|$)"
    )


def _levels(text: str) -> list[str]:
    vocab = vocabulary()
    words = sorted(set(vocab.level1_names + vocab.level2_names), key=len, reverse=True)
    found = []
    while text:
        word = next((w for w in words if text.startswith(w)), None)
        if word is None:
            break
        found.append(word)
        text = text[len(word) :]
    return found


def read_fragment(text: str, report: ImportReport) -> ProjectForm | None:
    """A title-less form's indicator rows, or None when ``text`` does not hold two of them
    under at least one printed level label."""
    vocab = vocabulary()
    indicators: list[ProjectIndicator] = []
    level1 = level2 = ""
    labelled = False
    lines: list[int] = []
    for m in _row().finditer(text[:200_000]):
        lines.append(text.count("\n", 0, m.start("name")) + 1)
        for word in _levels(m.group("levels")):
            labelled = True
            if word in vocab.level1_names and word not in vocab.level2_names:
                level1, level2 = word, ""
            else:
                level2 = word
        indicators.append(
            ProjectIndicator(
                level1=level1,
                level2=level2,
                name=m.group("name"),
                nature=_OPERATORS[m.group("op")],
                target=m.group("target"),
            )
        )
    if len(indicators) < _MIN_ROWS or not labelled:
        return None
    for n, line in enumerate(lines):
        report.record(f"indicators[{n}]", SourceLocation(line=line), 0.5)
    report.warn("文件没有表名与表头（只是一张表的一部分）：只读出了绩效指标，请补全项目名称与年度")
    report.warn("每行只印出一个分数，无法分辨是分值还是得分，未读取")
    return ProjectForm(title="", project_name="", indicators=indicators)
