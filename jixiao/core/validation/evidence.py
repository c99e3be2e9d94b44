"""Rules about 佐证材料 (evidence files) that a form needs before it is submitted.

The form itself does not hold its evidence; the caller says which rows have some (their paths,
``tasks[0].indicators[1]`` or ``indicators[2]``). Whether a rule is off, a warning or an error
is the rule set's ``evidence`` section.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from jixiao.core.indicators import Attainment, judge, parse_value
from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.model.project import IndicatorNature
from jixiao.core.rulesets import RuleSet
from jixiao.core.validation.findings import Finding, Severity


def _met_quantitative(form: object) -> Iterator[tuple[str, str, str]]:
    """(path, name, actual) of each quantitative indicator whose actual meets its target (the
    self-evaluation forms; a form of targets only has no actuals to back)."""
    if isinstance(form, DepartmentForm):
        for t, task in enumerate(form.tasks):
            for i, indicator in enumerate(task.indicators):
                if parse_value(indicator.target).measurable and (
                    judge(indicator.target, indicator.actual).status is Attainment.MET
                ):
                    yield f"tasks[{t}].indicators[{i}]", indicator.name, indicator.actual or ""
        return
    if not isinstance(form, ProjectForm):
        return
    for i, row in enumerate(form.indicators):
        if row.nature is IndicatorNature.QUALITATIVE or not parse_value(row.target).measurable:
            continue
        if judge(row.target, row.actual, row.nature).status is Attainment.MET:
            yield f"indicators[{i}]", row.name, row.actual or ""


def check_evidence(form: object, rules: RuleSet, evidenced: Collection[str]) -> list[Finding]:
    level = rules.evidence.met_quantitative
    if level == "off":
        return []
    severity = Severity.ERROR if level == "error" else Severity.WARNING
    return [
        Finding(
            "evidence_missing_for_met_indicator",
            severity,
            path,
            f"指标“{name}”已完成（{actual}），请上传至少一份佐证材料（台账、会议纪要、照片等）。",
        )
        for path, name, actual in _met_quantitative(form)
        if path not in evidenced
    ]
