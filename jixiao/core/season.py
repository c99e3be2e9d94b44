"""The 自评 season's figures: where each unit stands on a task, days left and late, the
progress tally at each level, when a reminder is due, the figures kept beside each form for
lists and charts, and the bureau's re-scoring of a project form.

Every figure the season pages show is computed here; the web layer only fetches rows and
displays what these functions return.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from jixiao.core import computations
from jixiao.core.model import DepartmentForm, ProjectForm
from jixiao.core.money import ZERO, money_text, percent, round_rate
from jixiao.core.rollup import FIGURE_FIELDS, form_figures
from jixiao.core.rulesets import Reminders, RuleSet
from jixiao.core.scoring import ScoreCard
from jixiao.core.scoring.totals import apply_caps, grade_for
from jixiao.core.serialization import Form


class Progress(StrEnum):
    """Where a unit stands on a task, least advanced first."""

    NOT_STARTED = "not_started"
    RETURNED = "returned"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    DEPT_APPROVED = "dept_approved"
    FINANCE_APPROVED = "finance_approved"
    PUBLISHED = "published"


PROGRESS_LABELS: dict[Progress, str] = {
    Progress.NOT_STARTED: "未开始",
    Progress.RETURNED: "已退回",
    Progress.DRAFT: "草稿",
    Progress.SUBMITTED: "已提交",
    Progress.DEPT_APPROVED: "主管部门已审",
    Progress.FINANCE_APPROVED: "财政已审",
    Progress.PUBLISHED: "已公开",
}

_RANK = {state.value: rank for rank, state in enumerate(Progress)}
_BY_VALUE = {state.value: state for state in Progress}
#: A unit in one of these has handed its forms in: it is no longer late.
HANDED_IN = frozenset(
    {Progress.SUBMITTED, Progress.DEPT_APPROVED, Progress.FINANCE_APPROVED, Progress.PUBLISHED}
)


def unit_progress(statuses: Iterable[str]) -> Progress:
    """A unit's place on a task: the least advanced of its forms (workflow status values);
    未开始 when it has started none."""
    # Dictionary lookups, not Enum calls: a bureau's table asks this for thousands of units.
    least = min(statuses, key=_RANK.__getitem__, default=None)
    return Progress.NOT_STARTED if least is None else _BY_VALUE[least]


def days_left(due: date, today: date) -> int:
    """Days until ``due`` (0 on the day, negative once past)."""
    return (due - today).days


def days_late(due: date, today: date, handed_in_on: date | None) -> int:
    """Days past ``due``: until it was handed in, or until today while it is not."""
    end = handed_in_on if handed_in_on is not None else today
    return max(0, (end - due).days)


def due_text(due: date, today: date, handed_in: bool) -> str:
    """What a unit's home page says about a due date."""
    if handed_in:
        return "已上报"
    left = days_left(due, today)
    if left > 0:
        return f"剩余 {left} 天"
    if left == 0:
        return "今天截止"
    return f"已逾期 {-left} 天"


class ReminderKind(StrEnum):
    BEFORE = "before"
    OVERDUE = "overdue"


def reminder_due(due: date, today: date, policy: Reminders) -> ReminderKind | None:
    """Whether an automatic reminder goes out today to a unit that has not handed in."""
    left = days_left(due, today)
    if left in policy.before_days:
        return ReminderKind.BEFORE
    if left < 0 and policy.overdue_daily:
        return ReminderKind.OVERDUE
    return None


def reminder_text(task_title: str, due: date, today: date, kind: ReminderKind) -> str:
    if kind is ReminderKind.BEFORE:
        left = days_left(due, today)
        return f"“{task_title}”将于 {due:%Y-%m-%d} 截止（剩余 {left} 天），请按时提交。"
    return (
        f"“{task_title}”已于 {due:%Y-%m-%d} 截止，您单位已逾期 {days_late(due, today, None)} 天"
        "尚未提交，请尽快填报并提交。"
    )


def share(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` as a percentage with one decimal; None when there is no whole."""
    rate = percent(Decimal(part), Decimal(whole))
    return None if rate is None else round_rate(rate, 1)


@dataclass(frozen=True)
class Tally:
    """Counts of units per progress state, with percentages, at one level (a department or
    the whole task)."""

    counts: dict[Progress, int]
    total: int
    late: int

    @property
    def handed_in(self) -> int:
        return sum(n for state, n in self.counts.items() if state in HANDED_IN)

    @property
    def handed_in_share(self) -> Decimal | None:
        return share(self.handed_in, self.total)

    def count(self, state: Progress) -> int:
        return self.counts.get(state, 0)

    @property
    def returned(self) -> int:
        return self.count(Progress.RETURNED)

    @property
    def approved(self) -> int:
        return self.count(Progress.FINANCE_APPROVED)

    @property
    def published(self) -> int:
        return self.count(Progress.PUBLISHED)

    def share_of(self, state: Progress) -> Decimal | None:
        return share(self.counts.get(state, 0), self.total)

    def cells(self) -> list[tuple[Progress, str, int, Decimal | None]]:
        """One (state, label, count, percentage) per state, in order."""
        return [
            (state, PROGRESS_LABELS[state], self.counts.get(state, 0), self.share_of(state))
            for state in Progress
        ]


def tally(rows: Iterable[tuple[Progress, int]]) -> Tally:
    """Tally (progress, days late) pairs."""
    counts = dict.fromkeys(Progress, 0)
    total = late = 0
    for state, late_days in rows:
        counts[state] += 1
        total += 1
        if late_days > 0 and state not in HANDED_IN:
            late += 1
    return Tally(counts, total, late)


#: What is kept beside each stored form, for lists and charts alike: the roll-up's figures
#: (amounts in 万元) and the rate a list shows.
STORED_FIGURES = (*FIGURE_FIELDS, "rate")


def stored_figures(form: Form, rules: RuleSet) -> dict[str, Any]:
    """Every figure kept beside a stored form: :func:`~jixiao.core.rollup.form_figures` (年初预算,
    调整预算, 实际支出 in 万元, 得分, 等级) and 完成率 (a department form) or 执行率 (a project
    form) at the rule set's precision. A target declaration has no spending or score yet."""
    figures = dict.fromkeys(STORED_FIGURES)
    figures.update(consolidated=False, grade="")
    figures.update(form_figures(form, rules))
    rate: Decimal | None = None
    if isinstance(form, DepartmentForm):
        rate = computations.completion_rate(form.funds)
        if rate is not None:
            rate = round_rate(rate, rules.rate_precision.completion_rate)
    elif isinstance(form, ProjectForm):
        rate = computations.project_execution_rate(form)
        if rate is not None:
            rate = round_rate(rate, rules.rate_precision.execution_rate)
    figures["rate"] = rate
    return figures


# --- bureau re-scoring (复核评分) -------------------------------------------------------


@dataclass(frozen=True)
class LineReview:
    """The bureau's score for one line of the score card, and why."""

    path: str
    score: Decimal
    reason: str


@dataclass(frozen=True)
class ReviewedCard:
    """The unit's card and the bureau's: same lines, the bureau's scores where it changed them,
    its total after the rule set's caps, and its grade (the grade that counts)."""

    unit: ScoreCard
    bureau: ScoreCard
    changed: dict[str, LineReview] = field(default_factory=dict)

    @property
    def difference(self) -> Decimal:
        return self.bureau.total - self.unit.total


def review_problems(card: ScoreCard, reviews: Mapping[str, LineReview]) -> list[str]:
    """What is wrong with the bureau's scores, each said so it can be fixed; empty when none."""
    lines = {line.path: line for line in card.lines}
    problems = []
    for path, review in reviews.items():
        line = lines.get(path)
        if line is None:
            problems.append(f"评分表中没有“{path}”这一行，请刷新页面后重新评分。")
            continue
        if review.score < ZERO or review.score > line.points:
            problems.append(
                f"“{line.name}”的复核得分应在 0 到 {money_text(line.points)} 分之间，"
                f"填写的是 {money_text(review.score)}。"
            )
        if review.score != line.score and not review.reason.strip():
            problems.append(f"“{line.name}”的复核得分与自评不同，请填写调整理由。")
    return problems


def rescore(
    card: ScoreCard,
    reviews: Mapping[str, LineReview],
    execution_rate: Decimal | None,
    rules: RuleSet,
) -> ReviewedCard:
    """The bureau's card: its line scores where given, group totals, caps and grade recomputed
    by the same rules as the unit's. Call :func:`review_problems` first."""
    changed = {p: r for p, r in reviews.items() if r.score != _line_score(card, p)}
    lines = tuple(
        replace(line, score=changed[line.path].score) if line.path in changed else line
        for line in card.lines
    )
    group_totals = {
        group: sum((line.score for line in lines if line.group == group), ZERO)
        for group in card.group_totals
    }
    subtotal = sum((line.score for line in lines), ZERO)
    total, caps = apply_caps(subtotal, execution_rate, rules)
    bureau = ScoreCard(
        lines=lines,
        group_totals=group_totals,
        group_points=dict(card.group_points),
        total=total,
        grade=grade_for(total, rules.grades),
        ruleset=card.ruleset,
        caps_applied=caps,
    )
    return ReviewedCard(card, bureau, changed)


def _line_score(card: ScoreCard, path: str) -> Decimal | None:
    return next((line.score for line in card.lines if line.path == path), None)
