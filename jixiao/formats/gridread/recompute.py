"""Figures a spreadsheet holds as formulas without a cached result (a workbook saved by a
program that does not calculate): the importer computes them as the core does, rounds them
as the form prints them, and says so in the report."""

from __future__ import annotations

from jixiao.core import computations
from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.money import round_rate
from jixiao.core.rulesets import default_ruleset_id, load_ruleset
from jixiao.formats.report import ImportReport

_NAMES = {
    "adjustment": "年度预算调整数",
    "completion_rate": "预算完成率",
    "adjustment_rate": "预算调整率",
    "execution_rate": "执行率",
    "score": "执行率得分",
    "total_score": "总分",
    "grade": "评价等级",
}


def _say(report: ImportReport, name: str) -> None:
    report.warn(f"“{name}”是公式且文件中没有计算结果，已按核心规则重新计算")


def recompute_department(form: DepartmentForm, paths: list[str], report: ImportReport) -> None:
    if not paths:
        return
    rules = load_ruleset(default_ruleset_id(form.form_type))
    funds = form.funds
    # The adjustment first: the adjustment rate is computed from it.
    if "adjustment" in paths:
        funds.adjustment = computations.budget_adjustment(funds, rules)
        _say(report, _NAMES["adjustment"])
    if "completion_rate" in paths:
        rate = computations.completion_rate(funds)
        funds.completion_rate = (
            None if rate is None else round_rate(rate, rules.rate_precision.completion_rate)
        )
        _say(report, _NAMES["completion_rate"])
    if "adjustment_rate" in paths:
        rate = computations.adjustment_rate(funds, rules)
        funds.adjustment_rate = (
            None if rate is None else round_rate(rate, rules.rate_precision.adjustment_rate)
        )
        _say(report, _NAMES["adjustment_rate"])
    for path in paths:
        if path not in _NAMES:
            report.warn(f"“{path}”是公式且文件中没有计算结果，未能读取")


def recompute_project(form: ProjectForm, paths: list[str], report: ImportReport) -> None:
    """Execution rate and score, indicator points and scores, total and grade, from the
    core's score card."""
    if not paths:
        return
    from jixiao.core.scoring import score_project
    from jixiao.formats.layouts.derived import execution_score

    rules = load_ruleset(default_ruleset_id(form.form_type))
    funds = form.funds
    if "funds.execution_rate" in paths:
        rate = computations.execution_rate(funds.total)
        funds.execution_rate = (
            None if rate is None else round_rate(rate, rules.rate_precision.execution_rate)
        )
        _say(report, _NAMES["execution_rate"])
    if "funds.score" in paths:
        funds.score = execution_score(form, rules)
        _say(report, _NAMES["score"])
    indicator_paths = [p for p in paths if p.startswith("indicators[")]
    if indicator_paths or "total_score" in paths or "grade" in paths:
        card = score_project(form, rules)
        lines = {line.path: line for line in card.lines}
        for path in indicator_paths:
            where, _, which = path.rpartition(".")
            line = lines.get(where)
            index = int(where[len("indicators[") : -1])
            if line is not None:
                value = line.points if which == "weight" else line.score
                setattr(form.indicators[index], which, value)
        if indicator_paths:
            _say(report, "指标分值或得分")
        if "total_score" in paths:
            form.total_score = card.total
            _say(report, _NAMES["total_score"])
        if "grade" in paths:
            form.grade = card.grade  # type: ignore[assignment]
            _say(report, _NAMES["grade"])
