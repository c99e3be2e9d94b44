"""Validation: every problem of a form at once, as findings (data, not exceptions).

``validate(form)`` runs the rule list of the form's type under the form's default rule set (or
the one given) and returns findings in rule order; ``has_errors`` tells whether any is an error.
"""

from __future__ import annotations

from jixiao.core.model import DepartmentForm, ProjectForm, TargetDeclarationForm
from jixiao.core.rulesets import RuleSet, default_ruleset_id, load_ruleset
from jixiao.core.validation.department import DEPARTMENT_RULES
from jixiao.core.validation.findings import (
    SEVERITY_LABELS,
    Finding,
    Severity,
    count_by_severity,
    has_errors,
)
from jixiao.core.validation.project import PROJECT_RULES

__all__ = [
    "DEPARTMENT_RULES",
    "PROJECT_RULES",
    "SEVERITY_LABELS",
    "Finding",
    "Severity",
    "count_by_severity",
    "has_errors",
    "validate",
]


def validate(
    form: DepartmentForm | ProjectForm | TargetDeclarationForm, rules: RuleSet | None = None
) -> list[Finding]:
    """The rule list of the form's type (from the registry), under ``rules`` or the type's
    default rule set."""
    from jixiao.core import analysis  # the registry imports the rule lists defined here

    if rules is None:
        rules = load_ruleset(default_ruleset_id(form.form_type))
    return analysis.validate(form, rules)
