"""A text may hold several forms (a department's publication: its overall form, then project
forms). Split it at each form's title and parse each part with the parser for its kind."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from jixiao.core.serialization import Form
from jixiao.formats.report import ImportReport
from jixiao.formats.textparse.declaration import FORM_WORD as DECLARATION_WORD
from jixiao.formats.textparse.errors import NotAForm
from jixiao.formats.textparse.lines import Line, lines_from_text
from jixiao.formats.textparse.readers import reader_for
from jixiao.formats.textparse.text import compact

_TITLE_WORDS = ("绩效自评表", DECLARATION_WORD)
_ATTACHMENT_PREFIX = "附件"


@dataclass
class ParsedForm:
    form: Form
    report: ImportReport


def parse_text(text: str, importer: str = "text", filename: str = "") -> list[ParsedForm]:
    return parse_lines(lines_from_text(text), importer, filename)


def parse_lines(
    lines: Sequence[Line], importer: str = "text", filename: str = ""
) -> list[ParsedForm]:
    """Every form in ``lines``. Raises :class:`NotAForm` when there is none."""
    parts = split_forms([_without_furniture(line) for line in lines])
    results: list[ParsedForm] = []
    reasons: list[str] = []
    for part in parts:
        report = ImportReport(importer=importer, filename=filename)
        try:
            form = _parse_part(part, report)
        except NotAForm as exc:
            reasons.append(exc.message)
            continue
        except ValidationError as exc:
            # A value the model refuses (a year out of range, …): the part is not a usable form.
            reasons.append(f"表单内容不符合格式要求（{exc.error_count()} 处）")
            continue
        results.append(ParsedForm(form, report))
    if not results:
        raise NotAForm(reasons[0] if reasons else "文本中没有找到绩效自评表")
    return results


# Page numbers printed in the margin ("- 2 -", "第 2 页 共 5 页") are not part of any cell.
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?)\s*$"
)


def _without_furniture(line: Line) -> Line:
    return line.with_text("") if _PAGE_NUMBER.match(line.text) else line


def _parse_part(lines: Sequence[Line], report: ImportReport) -> Form:
    reader = reader_for(lines)
    if reader is None:
        raise NotAForm("文本中没有找到绩效自评表的栏目标签")
    return reader.parse(lines, report)


def split_forms(lines: Sequence[Line]) -> list[Sequence[Line]]:
    """Cut before each title line after the first (and before its attachment label)."""
    starts = []
    for i, line in enumerate(lines):
        title = compact(line.text)
        if any(word in title and title.endswith(word) for word in _TITLE_WORDS):
            start = i
            # Take the attachment label and blank lines above the title with it.
            j = i - 1
            while j >= 0 and (
                lines[j].blank or compact(lines[j].text).startswith(_ATTACHMENT_PREFIX)
            ):
                if not lines[j].blank:
                    start = j
                j -= 1
            starts.append(start)
    if len(starts) <= 1:
        return [lines]
    starts[0] = 0
    return [lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]
