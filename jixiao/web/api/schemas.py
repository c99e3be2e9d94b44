"""What the API sends and receives."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class FindingOut(Schema):
    code: str
    severity: str
    path: str
    message: str


class FigureOut(Schema):
    path: str
    label: str
    text: str


class EvaluationSummary(Schema):
    id: int
    year: int
    title: str
    organisation: str
    form_type: str
    status: str
    status_label: str
    version: int
    updated_at: datetime


class EvaluationListItem(EvaluationSummary):
    """A row of the list: the figures people decide on (amounts in 万元, rates in %)."""

    budget: Decimal | None = None
    spent: Decimal | None = None
    rate: Decimal | None = None
    score: Decimal | None = None
    self_score: Decimal | None = None
    grade: str = ""
    submitted_at: datetime | None = None
    due: date | None = None
    days_late: int = 0
    task: str = ""


class EvaluationPage(Schema):
    """One page of the list; ``count`` is the number of forms matching the filters."""

    count: int
    page: int
    pages: int
    items: list[EvaluationListItem]


class EvaluationOut(EvaluationSummary):
    ruleset: str
    allowed_actions: list[str]
    data: dict[str, Any]
    findings: list[FindingOut]
    figures: list[FigureOut]


class DraftIn(Schema):
    data: dict[str, Any]
    version: int


class ComputeIn(Schema):
    data: dict[str, Any]


class ComputeOut(Schema):
    ruleset: str
    data: dict[str, Any]
    findings: list[FindingOut]
    figures: list[FigureOut]
    score: dict[str, Any] | None = None


class SubmitIn(Schema):
    explanation: str = ""


class CommentIn(Schema):
    comment: str = Field("", description="审核意见（可不填）")


class ReturnIn(Schema):
    # Required and not blank: a unit must be told what to change.
    comment: str = Field(
        ..., min_length=1, pattern=r"\S", description="退回意见（必填），说明需要修改的内容"
    )


class ChangeOut(Schema):
    path: str
    label: str
    before: str | None
    after: str | None


class HistoryOut(Schema):
    when: datetime
    who: str
    reason: str
    status: str
    version: int
    changes: list[ChangeOut]


class ErrorOut(Schema):
    detail: str


class InvalidOut(Schema):
    """422: the request's shape is wrong (a missing field, a word where a number belongs)."""

    detail: str
    errors: list[dict[str, Any]]
