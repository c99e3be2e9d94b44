"""Figures a spreadsheet holds as formulas without a cached result (a workbook saved by a
program that does not calculate): the importer takes them from the core's analysis
(:func:`jixiao.core.analysis.complete`, at printed precision) and says so in the report. No
figure is computed here."""

from __future__ import annotations

import re
from typing import Any

from jixiao.core.analysis import complete
from jixiao.core.rulesets import RuleSet, default_ruleset_id, load_ruleset
from jixiao.core.serialization import Form
from jixiao.formats.report import ImportReport

_NAMES = {
    "funds.adjustment": "年度预算调整数",
    "funds.completion_rate": "预算完成率",
    "funds.adjustment_rate": "预算调整率",
    "funds.execution_rate": "执行率",
    "funds.score": "执行率得分",
    "total_score": "总分",
    "grade": "评价等级",
}
_INDICATOR = re.compile(r"indicators\[(\d+)\]\.(weight|score)")


def _say(report: ImportReport, name: str) -> None:
    report.warn(f"“{name}”是公式且文件中没有计算结果，已按核心规则重新计算")


def _step(obj: Any, part: str) -> Any:
    name, _, index = part.partition("[")
    value = getattr(obj, name)
    return value[int(index[:-1])] if index else value


def _copy(source: Form, target: Form, path: str) -> None:
    *parents, last = path.split(".")
    from_obj: Any = source
    to_obj: Any = target
    for part in parents:
        from_obj, to_obj = _step(from_obj, part), _step(to_obj, part)
    setattr(to_obj, last, getattr(from_obj, last))


def recompute(
    form: Form, paths: list[str], report: ImportReport, rules: RuleSet | None = None
) -> None:
    """Fill ``paths`` of ``form`` (in place) with the core's figures under ``rules`` (the form
    type's default rule set unless given)."""
    if not paths:
        return
    rules = rules or load_ruleset(default_ruleset_id(form.form_type))
    completed = complete(form, rules)
    said_indicators = False
    for path in paths:
        known = path in _NAMES or _INDICATOR.fullmatch(path)
        if not known:
            report.warn(f"“{path}”是公式且文件中没有计算结果，未能读取")
            continue
        _copy(completed, form, path)
        if path in _NAMES:
            _say(report, _NAMES[path])
        elif not said_indicators:
            _say(report, "指标分值或得分")
            said_indicators = True
