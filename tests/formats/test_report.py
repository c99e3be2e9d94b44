"""The import report: where each field came from, in words a user reads."""

from __future__ import annotations

from jixiao.core.validation import Finding, Severity
from jixiao.formats.report import ImportReport, SourceLocation


def test_a_location_reads_as_page_and_line_or_as_a_cell() -> None:
    assert SourceLocation(page=2, line=14).describe() == "第2页第14行"
    assert SourceLocation(cell="Sheet1!B5").describe() == "单元格 Sheet1!B5"
    assert SourceLocation().describe() == "位置不明"


def test_confidence_is_kept_between_0_and_1_and_the_weakest_field_is_the_reports() -> None:
    report = ImportReport()
    report.record("funds.initial_budget", SourceLocation(1, 13), 1.7)
    report.record("tasks[0].funds", SourceLocation(1, 71), 0.8)
    assert report.provenance["funds.initial_budget"].confidence == 1.0
    assert report.confidence == 0.8


def test_the_summary_lists_warnings_unplaced_text_and_findings_in_chinese() -> None:
    report = ImportReport(importer="text", filename="a.txt")
    report.warn("未找到“部门整体绩效”栏")
    report.warn("未找到“部门整体绩效”栏")
    report.leave_unplaced("备注见附件", SourceLocation(1, 9))
    report.findings.append(
        Finding("x", Severity.ERROR, "funds.completion_rate", "预算完成率与计算值不符")
    )
    lines = report.summary_lines()
    assert lines[1:] == [
        "警告：未找到“部门整体绩效”栏",
        "未归位（第1页第9行）：备注见附件",
        "核验（错误）funds.completion_rate：预算完成率与计算值不符",
    ]
    data = report.to_data()
    assert data["unplaced"] == [{"text": "备注见附件", "source": {"page": 1, "line": 9}}]
    assert data["findings"][0]["severity"] == "error"
