"""Read queries, always narrowed to what the user may see (the access policy's reach,
:func:`jixiao.web.organisations.access.reach_filter`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

from jixiao.core.access import Act, Kind
from jixiao.core.diff import FieldChange, diff_forms
from jixiao.core.workflow import TRANSITIONS, Action, Status
from jixiao.web.evaluations.access import User, actions_available
from jixiao.web.evaluations.models import Evaluation, ReviewDecision, ReviewRound
from jixiao.web.organisations.access import permits, reach_filter
from jixiao.web.organisations.models import Organisation


def evaluations_visible_to(user: User) -> QuerySet[Evaluation]:
    queryset = Evaluation.objects.select_related("organisation")
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    condition = reach_filter(user, Kind.EVALUATION, field="organisation")
    return queryset if condition is None else queryset.filter(condition)


@dataclass(frozen=True)
class ListFilter:
    """What the list of forms is narrowed to (the dashboards' drill-down links set these)."""

    status: str = ""
    organisation: Organisation | None = None  # with everything under it
    year: int | None = None

    @property
    def narrowed(self) -> bool:
        return self.organisation is not None or self.year is not None


def list_filter(user: User, params: dict[str, str]) -> ListFilter:
    """The filter asked for in the query string; values that are not valid (or an organisation
    the user cannot see) are ignored rather than refused: a stale link shows the whole list."""
    status = params.get("status", "")
    year_text = params.get("year", "")
    organisation = None
    org_text = params.get("org", "")
    if org_text.isdigit():
        organisation = Organisation.objects.filter(pk=int(org_text)).first()
        if organisation is not None and not _sees(user, organisation):
            organisation = None
    return ListFilter(
        status=status if status in Evaluation.Status.values else "",
        organisation=organisation,
        year=int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else None,
    )


def _sees(user: User, organisation: Organisation) -> bool:
    """Whether ``organisation`` lies within the user's reach for forms (the access policy)."""
    return permits(user, organisation, Kind.EVALUATION)


def evaluations_listed(user: User, wanted: ListFilter) -> QuerySet[Evaluation]:
    """The forms the user may see, narrowed by ``wanted``."""
    evaluations = evaluations_visible_to(user)
    if wanted.status:
        evaluations = evaluations.filter(status=wanted.status)
    if wanted.organisation is not None:
        evaluations = evaluations.filter(organisation__path__startswith=wanted.organisation.path)
    if wanted.year is not None:
        evaluations = evaluations.filter(year=wanted.year)
    return evaluations


def list_narrowed_to(user: User, params: dict[str, str]) -> Organisation | None:
    """The organisation a list link (the dashboards' drill-down, ``department=``) narrows the
    list to, when the user sees forms there; otherwise None and its name is never shown."""
    raw = params.get("department", "")
    if not raw.isdigit():
        return None
    organisation = Organisation.objects.filter(pk=int(raw)).first()
    if organisation is None or not permits(user, organisation, Kind.EVALUATION):
        return None
    return organisation


def evaluations_awaiting(user: User) -> QuerySet[Evaluation]:
    """ "待我处理": forms in a status where one of the user's roles has a step to take, within
    that role's reach (a reviewer: submitted forms of its subtree; finance: department-approved
    and finance-approved forms; a unit's filler and head: its drafts and returned forms).
    Longest waiting first."""
    queryset = Evaluation.objects.select_related("organisation").order_by("updated_at", "pk")
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    condition = Q(pk__in=[])
    # Each step the user may take somewhere, within that step's reach, in the statuses it
    # leaves from.
    for transition in TRANSITIONS:
        act = Act(transition.action.value)
        where = reach_filter(user, Kind.EVALUATION, act, field="organisation")
        if where is None:
            where = Q()
        elif where == Q(pk__in=[]):
            continue
        condition |= where & Q(status__in=transition.sources)
    return queryset.filter(condition)


@dataclass(frozen=True)
class Awaiting:
    """A form in the user's queue and what it waits for them to do."""

    evaluation: Evaluation
    need: str
    group: str


_GROUPS = {
    Status.SUBMITTED: "待审核",
    Status.DEPT_APPROVED: "待审核",
    Status.FINANCE_APPROVED: "待公开",
    Status.RETURNED: "待修改",
    Status.DRAFT: "待填报",
}


def _need(status: Status, actions: list[Action]) -> str:
    if status is Status.SUBMITTED:
        return "已提交，待主管部门审核"
    if status is Status.DEPT_APPROVED:
        return "主管部门已审核通过，待财政审核"
    if status is Status.FINANCE_APPROVED:
        return "财政已审核通过，待公开"
    then = "，修改后提交审核" if Action.SUBMIT in actions else "，修改后请单位负责人提交"
    if status is Status.RETURNED:
        return "已退回" + then
    return "草稿" + ("，填写完成后提交审核" if Action.SUBMIT in actions else "，待填写")


def queue_of(user: User, evaluations: Iterable[Evaluation] | None = None) -> list[Awaiting]:
    """The user's queue with, for each form, what it waits for (``evaluations``: one page of
    :func:`evaluations_awaiting`; the whole queue when None)."""
    out = []
    for evaluation in evaluations_awaiting(user) if evaluations is None else evaluations:
        actions = actions_available(user, evaluation)
        if not actions:  # a role reaching the form but not in its status (defensive)
            continue
        status = evaluation.core_status
        out.append(Awaiting(evaluation, _need(status, actions), _GROUPS[status]))
    return out


def organisations_for_new_forms(user: User) -> QuerySet[Organisation]:
    """Where the user may start a form: the organisations they fill in for."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    condition = reach_filter(user, Kind.EVALUATION, Act.EDIT)
    queryset = Organisation.objects.all()
    return queryset if condition is None else queryset.filter(condition)


def rounds_of(evaluation: Evaluation) -> QuerySet[ReviewRound]:
    return evaluation.rounds.select_related("submitted_by").prefetch_related("decisions__reviewer")


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded save: who, when, why, the status after it and the fields it changed."""

    when: datetime
    who: str
    reason: str
    status: str
    version: int
    changes: list[FieldChange]


def history_of(evaluation: Evaluation) -> list[HistoryEntry]:
    """Every recorded save of the form, newest first, each with its field-level changes."""
    records = list(evaluation.history.order_by("history_date", "history_id"))
    entries = []
    previous_data = None
    for record in records:
        status = Evaluation.Status(record.status).label if record.status else ""
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=_display_name(record.history_user),
                reason=record.history_change_reason or "",
                status=status,
                version=record.version,
                changes=diff_forms(previous_data, record.data),
            )
        )
        previous_data = record.data
    entries.reverse()
    return entries


def _display_name(user: object) -> str:
    if user is None:
        return "系统"
    full = getattr(user, "get_full_name", lambda: "")()
    return str(full or getattr(user, "username", "") or "系统")


def latest_decisions(evaluation: Evaluation) -> list[ReviewDecision]:
    """The reviewers' decisions on the latest round (who returned it, when, and why)."""
    latest = evaluation.rounds.order_by("-number").first()
    if latest is None:
        return []
    return list(latest.decisions.select_related("reviewer").order_by("decided_at"))


def changes_since_previous_round(evaluation: Evaluation) -> list[FieldChange]:
    """What the unit changed between the last two submissions (empty on the first round)."""
    rounds = list(evaluation.rounds.order_by("-number")[:2])
    if len(rounds) < 2:
        return []
    latest, previous = rounds
    return diff_forms(previous.submitted_data, latest.submitted_data)


def changes_since_last_submission(evaluation: Evaluation) -> list[FieldChange]:
    """What the unit changed after the form was returned (shown while it is being edited)."""
    latest = evaluation.rounds.order_by("-number").first()
    if latest is None:
        return []
    return diff_forms(latest.submitted_data, evaluation.data)
