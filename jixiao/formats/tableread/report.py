"""Narrative self-evaluation reports (绩效自评报告): not a form, but what they print about the
unit is read: the unit, the year and the funds sentence (年初预算…万元, 调整后预算…万元,
实际支出…万元). Funds received (实际到位资金) are not spending and are never read as such."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.core.model.department import DepartmentForm, DepartmentFunds
from jixiao.core.model.project import FundsRow, ProjectForm, ProjectFunds
from jixiao.core.serialization import Form
from jixiao.formats.report import ImportReport, SourceLocation
from jixiao.formats.tableread.fold import fold
from jixiao.formats.tableread.vocabulary import vocabulary

NOT_A_FORM = "这是绩效自评报告，不是自评表：只读出了报告中印出的单位、年度和资金数，请核对"
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_AMOUNT = r"(\d+(?:\.\d+)?)\s*(万元|元)"
_STOP = r"[^，。；;,\n]"
FUNDS = {
    "initial": re.compile(rf"年初{_STOP}{{0,6}}?预算{_STOP}{{0,16}}?{_AMOUNT}"),
    "adjusted": re.compile(rf"调整{_STOP}{{0,4}}?预算{_STOP}{{0,12}}?{_AMOUNT}"),
    "executed": re.compile(rf"(?:实际支出|支出数|执行数|实际执行){_STOP}{{0,10}}?{_AMOUNT}"),
}
_UNIT_LABEL = re.compile(r"(?:部门\(单位\)名称|单位名称|部门名称)[:：]\s*(\S{2,40})")
_SUBJECT_END = re.compile(r"(部门整体支出|整体支出|项目支出|部门\(单位\)|绩效)")


def is_report(text: str) -> bool:
    head = fold(text[:800])
    return any(word in head for word in vocabulary().report_words)


def read_report(text: str, report: ImportReport) -> Form | None:
    """The report as a form holding only what it prints; None when it prints no year."""
    lines = text.splitlines()
    words = vocabulary().report_words
    found = None
    for at in (n for n, line in enumerate(lines[:60]) if any(w in fold(line) for w in words)):
        window = [(n, lines[n]) for n in range(max(0, at - 4), min(len(lines), at + 2))]
        found = next(((n, m) for n, line in window if (m := _YEAR.search(line))), None)
        if found is not None:
            break
    if found is None:
        return None
    year_line, match = found
    year = int(match.group(1))
    report.record("year", SourceLocation(line=year_line + 1), 0.8)
    title = " ".join(line.strip() for _, line in window if line.strip())
    department = _department(text, lines[year_line], match, report, year_line)
    funds: dict[str, tuple[Decimal, str, int]] = {}
    for name, pattern in FUNDS.items():
        if m := pattern.search(text):
            line = text.count("\n", 0, m.start()) + 1
            funds[name] = (Decimal(m.group(1)), m.group(2), line)
    units = {unit for _, unit, _ in funds.values()}
    money_unit = units.pop() if len(units) == 1 else "万元"
    report.warn(NOT_A_FORM)
    if "项目" in fold(title) and "部门整体" not in fold(title):
        row = FundsRow(
            initial_budget=_take(funds, "initial", "funds.total.initial_budget", report),
            annual_budget=_take(funds, "adjusted", "funds.total.annual_budget", report),
            executed=_take(funds, "executed", "funds.total.executed", report),
        )
        return ProjectForm(
            title=title[:200],
            year=year,
            project_name="",
            department=department,
            money_unit=money_unit,  # type: ignore[arg-type]
            funds=ProjectFunds(total=row),
        )
    return DepartmentForm(
        title=title[:200],
        department=department,
        year=year,
        money_unit=money_unit,  # type: ignore[arg-type]
        funds=DepartmentFunds(
            initial_budget=_take(funds, "initial", "funds.initial_budget", report),
            adjusted_budget=_take(funds, "adjusted", "funds.adjusted_budget", report),
            actual_spending=_take(funds, "executed", "funds.actual_spending", report),
        ),
    )


def _take(
    funds: dict[str, tuple[Decimal, str, int]], name: str, path: str, report: ImportReport
) -> Decimal | None:
    if name not in funds:
        return None
    value, _, line = funds[name]
    report.record(path, SourceLocation(line=line), 0.6)
    return value


def _department(
    text: str, line: str, year: re.Match[str], report: ImportReport, lineno: int
) -> str:
    if m := _UNIT_LABEL.search(text[:3000].replace("（", "(").replace("）", ")")):
        report.record("department", SourceLocation(line=text.count("\n", 0, m.start()) + 1), 0.8)
        return m.group(1)
    before = line[: year.start()].strip().removesuffix("(").strip()
    before = re.sub(r"^附件\s*\d*\s*[:：]?\s*", "", before)
    if len(before) >= 4:
        report.record("department", SourceLocation(line=lineno + 1), 0.6)
        return before
    after = re.sub(r"^度", "", line[year.end() :].strip())
    if m := _SUBJECT_END.search(after):
        subject = after[: m.start()].strip()
        if len(subject) >= 4:
            report.record("department", SourceLocation(line=lineno + 1), 0.6)
            return subject
    return ""
