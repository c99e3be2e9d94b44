"""CSV export: one line per indicator, flat, for analysts.

Both form types share the columns (a department form's indicators sit under tasks, a project
form's under level-1 and level-2 groups); the target and the actual are also given parsed into
operator, number and unit. UTF-8 with a BOM, so Excel opens it without garbling Chinese.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal

from jixiao.core.indicators import IndicatorValue, parse_value
from jixiao.core.model import DepartmentForm, TargetDeclarationForm
from jixiao.core.money import money_text
from jixiao.core.rulesets import RuleSet, default_ruleset_id, load_ruleset
from jixiao.core.scoring import score_project
from jixiao.core.serialization import Form
from jixiao.formats.exporters.cells import safe_rows
from jixiao.formats.registry import Exporter, register_exporter

COLUMNS = (
    "表类型",
    "部门",
    "项目名称",
    "年度",
    "任务序号",
    "任务涉及资金",
    "一级指标",
    "二级指标",
    "指标名称",
    "指标值",
    "完成情况",
    "指标值运算符",
    "指标值数值",
    "指标值单位",
    "完成值运算符",
    "完成值数值",
    "完成值单位",
    "完成值方向",
    "分值",
    "得分",
    # Project indicators only; appended so that readers of the older columns are unaffected.
    "指标性质",
    "度量单位",
    "定性评价",
    "偏差原因分析及改进措施",
)


def _parsed(text: str | None) -> tuple[str, str, str, str]:
    """Operator, number, unit and direction of a value; blanks when it is not a figure."""
    value: IndicatorValue = parse_value(text)
    if not value.measurable:
        return "", "", "", ""
    number = format(value.number, "f") if isinstance(value.number, Decimal) else ""
    operator = value.operator.value if value.operator else ""
    direction = value.direction.value if value.direction else ""
    return operator, number, value.unit, direction


def _number(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def indicator_rows(form: Form, rules: RuleSet | None = None) -> Iterator[dict[str, str]]:
    """One row per indicator. 分值 and 得分 are the core's score card under ``rules`` (the
    form type's default unless given), as the printed layout shows them."""
    if isinstance(form, DepartmentForm):
        base = {"表类型": "部门整体支出", "部门": form.department, "年度": str(form.year)}
        for task in form.tasks:
            for indicator in task.indicators:
                yield {
                    **base,
                    "任务序号": str(task.number),
                    "任务涉及资金": money_text(task.funds),
                    "指标名称": indicator.name,
                    "指标值": indicator.target or "",
                    "完成情况": indicator.actual or "",
                    **_value_columns(indicator.target, indicator.actual),
                }
        return
    if isinstance(form, TargetDeclarationForm):
        base = {"表类型": "绩效目标申报", "部门": form.department, "年度": str(form.year)}
        base["项目名称"] = form.project_name
        for item in form.indicators:
            yield {
                **base,
                "一级指标": item.level1,
                "二级指标": item.level2,
                "指标名称": item.name,
                "指标值": item.target or "",
                **_value_columns(item.target, None),
            }
        return
    base = {
        "表类型": "项目支出",
        "部门": form.department,
        "项目名称": form.project_name,
        "年度": str(form.year),
    }
    card = score_project(form, rules or load_ruleset(default_ruleset_id(form.form_type)))
    lines = {line.path: line for line in card.lines}
    for index, row in enumerate(form.indicators):
        line = lines.get(f"indicators[{index}]")
        yield {
            **base,
            "一级指标": row.level1,
            "二级指标": row.level2,
            "指标名称": row.name,
            "指标值": row.target or "",
            "完成情况": row.actual or "",
            **_value_columns(row.target, row.actual),
            "分值": _number(row.weight if line is None else line.points),
            "得分": _number(row.score if line is None else line.score),
            "指标性质": row.nature.value if row.nature else "",
            "度量单位": row.unit,
            "定性评价": row.rating.value if row.rating else "",
            "偏差原因分析及改进措施": row.deviation_reason,
        }


def _value_columns(target: str | None, actual: str | None) -> dict[str, str]:
    t_op, t_num, t_unit, _ = _parsed(target)
    a_op, a_num, a_unit, a_dir = _parsed(actual)
    return {
        "指标值运算符": t_op,
        "指标值数值": t_num,
        "指标值单位": t_unit,
        "完成值运算符": a_op,
        "完成值数值": a_num,
        "完成值单位": a_unit,
        "完成值方向": a_dir,
    }


def write_csv(form: Form, rules: RuleSet | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(safe_rows(indicator_rows(form, rules)))
    return buffer.getvalue().encode("utf-8-sig")


EXPORTER = register_exporter(
    Exporter(
        name="csv",
        label="CSV（指标明细）",
        suffix=".csv",
        media_type="text/csv; charset=utf-8",
        write=write_csv,
    )
)
