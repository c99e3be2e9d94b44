"""How much text each field may hold: what the official layouts can print.

One table for every registered form type, keyed ``Model.field`` like ``FormType.field_labels``
(for a list of texts the limit is per item). Each limit says why: the printed cell it goes to.
The layouts (``jixiao/formats/layouts/data``) print on A4 at 五号 (10.5 pt, a Chinese character
about 3.7 mm wide): a full-width cell holds about 44 characters a line and a page about 55 lines;
a row of a table is not split across pages, so no cell may need more than about one page. The
core's validation reports a longer text (``text_too_long``), the services refuse to save it and
the editor counts the characters as they are typed. ``docs/security.md`` lists the table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextLimit:
    most: int
    reason: str


_NAME = "名称栏一至两行（约 100 字）"
_LEVEL = "指标层级栏窄，一行（约 50 字）"
_VALUE = "指标值、完成值栏约三行（约 200 字）"
_PAGE = "通栏叙述，按一页 A4 打印（约 2000 字）"
_HALF = "通栏叙述，约半页（约 1000 字）"
_CELL = "表格中部的叙述格（约占表宽一半），按半页打印（约 500 字）"

#: ``Model.field`` → the most characters it may hold, and why.
TEXT_LIMITS: dict[str, TextLimit] = {
    # 部门整体支出绩效自评表
    "DepartmentForm.attachment_label": TextLimit(20, "表头左上角的附件标识，一行"),
    "DepartmentForm.title": TextLimit(100, "表名，一至两行"),
    "DepartmentForm.department": TextLimit(100, _NAME),
    "DepartmentFunds.adjustment_reason": TextLimit(1000, _HALF),
    "BudgetAdjustmentItem.reason": TextLimit(200, "调整明细的原因栏，约三行"),
    "AnnualGoals.expected": TextLimit(500, "预期目标每一条：" + _CELL),
    "AnnualGoals.achieved": TextLimit(2000, _PAGE),
    "Task.expected_goal": TextLimit(500, _CELL),
    "Task.achievement": TextLimit(500, _CELL),
    "TaskIndicator.name": TextLimit(100, _NAME),
    "TaskIndicator.target": TextLimit(200, _VALUE),
    "TaskIndicator.actual": TextLimit(200, _VALUE),
    "KeyProject.name": TextLimit(100, _NAME),
    "KeyProject.indicator_completion": TextLimit(1000, _HALF),
    "KeyProject.achievements": TextLimit(500, "主要绩效每一条：" + _CELL),
    "DepartmentForm.overall_performance": TextLimit(2000, _PAGE),
    "DepartmentForm.problems": TextLimit(2000, _PAGE),
    "DepartmentForm.improvements": TextLimit(2000, _PAGE),
    "DepartmentForm.notes": TextLimit(500, "表下的注，每一条约半页以内"),
    "RubricIndicator.level1": TextLimit(50, _LEVEL),
    "RubricIndicator.level2": TextLimit(50, _LEVEL),
    "RubricIndicator.name": TextLimit(100, _NAME),
    "RubricIndicator.target": TextLimit(200, _VALUE),
    "RubricIndicator.actual": TextLimit(200, _VALUE),
    # 项目支出绩效自评表
    "ProjectForm.title": TextLimit(100, "表名，一至两行"),
    "ProjectForm.project_name": TextLimit(100, _NAME),
    "ProjectForm.department": TextLimit(100, _NAME),
    "ProjectForm.implementing_unit": TextLimit(100, _NAME),
    "ProjectForm.goal_expected": TextLimit(1000, "总体目标的预期目标栏（半幅）：" + _HALF),
    "ProjectForm.goal_actual": TextLimit(1000, "总体目标的实际完成情况栏（半幅）：" + _HALF),
    "ProjectIndicator.level1": TextLimit(50, _LEVEL),
    "ProjectIndicator.level2": TextLimit(50, _LEVEL),
    "ProjectIndicator.name": TextLimit(100, _NAME),
    "ProjectIndicator.unit": TextLimit(20, "度量单位栏，一个计量单位"),
    "ProjectIndicator.target": TextLimit(200, _VALUE),
    "ProjectIndicator.actual": TextLimit(200, _VALUE),
    "ProjectIndicator.deviation_reason": TextLimit(500, "偏差原因分析及改进措施栏（窄）：" + _CELL),
    "ProjectForm.conclusion": TextLimit(1000, _HALF),
    "ProjectForm.problems": TextLimit(2000, _PAGE),
    "ProjectForm.measures": TextLimit(2000, _PAGE),
    # 项目支出绩效目标申报表
    "TargetDeclarationForm.title": TextLimit(100, "表名，一至两行"),
    "TargetDeclarationForm.project_name": TextLimit(100, _NAME),
    "TargetDeclarationForm.department": TextLimit(100, _NAME),
    "TargetDeclarationForm.implementing_unit": TextLimit(100, _NAME),
    "TargetDeclarationForm.goal_long_term": TextLimit(1000, "中长期目标栏：" + _HALF),
    "TargetDeclarationForm.goal_annual": TextLimit(1000, "年度目标栏：" + _HALF),
    "DeclarationIndicator.level1": TextLimit(50, _LEVEL),
    "DeclarationIndicator.level2": TextLimit(50, _LEVEL),
    "DeclarationIndicator.name": TextLimit(100, _NAME),
    "DeclarationIndicator.target": TextLimit(200, _VALUE),
}


def text_length(text: str) -> int:
    """Characters as a person counts them: a line break is one (a browser sends CR LF)."""
    return len(text.replace("\r\n", "\n"))
