"""The core's analysis (:mod:`jixiao.core.analysis`) with the rule-set directories this site
is configured with: the web layer computes no figure itself."""

from __future__ import annotations

from django.conf import settings

from jixiao.core.analysis import RULE_LABELS, Analysis, ScoreRow, analyse, complete, rules_for
from jixiao.core.formtypes import Figure
from jixiao.core.rulesets import RuleSet, RuleSetDirs


def ruleset_dirs() -> RuleSetDirs:
    """Extra rule-set directories (``JIXIAO_RULESETS_DIR``): a bureau's own rule sets, added
    as data files without a release."""
    configured = getattr(settings, "JIXIAO_RULESETS_DIR", "") or ""
    return tuple(d for d in str(configured).split(":") if d)


def rules_named(ruleset_id: str | None, form_type: str, version: str | None = None) -> RuleSet:
    """The rule set a stored form names (id and version), else its type's default."""
    return rules_for(form_type, ruleset_id, version, ruleset_dirs())


__all__ = [
    "RULE_LABELS",
    "Analysis",
    "Figure",
    "ScoreRow",
    "analyse",
    "complete",
    "rules_named",
    "ruleset_dirs",
]
