"""The lines above a form's table: attachment label, title, money unit, department and year."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from jixiao.formats.report import ImportReport
from jixiao.formats.textparse.lines import Line
from jixiao.formats.textparse.text import clean_line, compact, join_wrapped

_ATTACHMENT = re.compile(r"^附件\s*([0-9一二三四五六七八九十]{1,3})$")
_UNIT = re.compile(r"(?:单位|金额单位)\s*[：:]\s*(万元|元)")
_DEPARTMENT = re.compile(
    r"部门名称\s*(?P<agg>[（(]\s*汇总\s*[)）])?\s*[：:]?\s*(?P<name>.*?)\s*"
    r"(?:被评价年度\s*[：:]?\s*(?P<year>\d{4})\s*年?度?)?\s*$"
)
_YEAR = re.compile(r"被评价年度\s*[：:]?\s*(\d{4})")
_TITLE_YEAR = re.compile(r"(\d{4})\s*年")
_TITLE_DEPARTMENT = re.compile(r"\d{4}\s*年度?\s*(.+?)部门整体支出绩效自评表")


@dataclass
class Header:
    attachment_label: str = ""
    title: str = ""
    department: str = ""
    consolidated: bool = False
    year: int | None = None
    money_unit: Literal["万元", "元"] = "万元"
    used: set[int] = field(default_factory=set)


def read_header(
    lines: Sequence[Line], report: ImportReport, form_word: str = "绩效自评表"
) -> Header:
    header = Header()
    for i, line in enumerate(lines):
        text = clean_line(line.text)
        if not text:
            continue
        if not header.attachment_label and (m := _ATTACHMENT.match(compact(text))):
            header.attachment_label = f"附件{m.group(1)}"
            header.used.add(i)
            report.record("attachment_label", line.source, 1.0)
        elif not header.title and form_word in compact(text):
            parts = [text]
            header.used.add(i)
            # A long title wraps: its first half is the line just above, in the same block.
            if i > 0 and (i - 1) not in header.used and not lines[i - 1].blank:
                parts.insert(0, lines[i - 1].text)
                header.used.add(i - 1)
            header.title = join_wrapped(parts)
            report.record("title", line.source, 0.95)
        elif m := _UNIT.search(text):
            header.money_unit = "元" if m.group(1) == "元" else "万元"
            header.used.add(i)
            report.record("money_unit", line.source, 1.0)
        elif "部门名称" in text and (m := _DEPARTMENT.search(text)):
            header.used.add(i)
            header.department = m.group("name").strip()
            header.consolidated = bool(m.group("agg"))
            report.record("department", line.source, 0.95)
            report.record("consolidated", line.source, 0.95)
            if m.group("year"):
                header.year = int(m.group("year"))
                report.record("year", line.source, 1.0)
        elif header.year is None and (m := _YEAR.search(text)):
            header.used.add(i)
            header.year = int(m.group(1))
            report.record("year", line.source, 1.0)
    _fall_back_on_title(header, lines, report)
    return header


def _fall_back_on_title(header: Header, lines: Sequence[Line], report: ImportReport) -> None:
    if not header.title:
        return
    title_line = next(
        (line for line in lines if "绩效自评表" in compact(line.text)), lines[0] if lines else None
    )
    if title_line is None:
        return
    if header.year is None and (m := _TITLE_YEAR.search(header.title)):
        year = int(m.group(1))
        if 1949 <= year <= 2200:
            header.year = year
            report.record("year", title_line.source, 0.7)
            report.warn("被评价年度取自表名")
    if not header.department and (m := _TITLE_DEPARTMENT.search(header.title)):
        header.department = m.group(1)
        report.record("department", title_line.source, 0.6)
        report.warn("部门名称取自表名")
