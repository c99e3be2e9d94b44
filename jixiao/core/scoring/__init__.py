"""Scoring of performance forms: every score with its rule, inputs and rule-set version."""

from jixiao.core.scoring.card import AppliedCap, Group, ScoreCard, ScoreLine, ScoreRule
from jixiao.core.scoring.groups import allocate_points, group_of
from jixiao.core.scoring.project import score_project
from jixiao.core.scoring.totals import apply_caps, grade_for

__all__ = [
    "AppliedCap",
    "Group",
    "ScoreCard",
    "ScoreLine",
    "ScoreRule",
    "allocate_points",
    "apply_caps",
    "grade_for",
    "group_of",
    "score_project",
]
