"""The 自评表 list at scale: one page of forms the user may see, filtered, searched and sorted
on the database, each row with the figures people decide on (年初预算, 实际支出, 执行率/完成率,
得分, 等级, 提交时间, 截止时间, days late). A page costs the same few queries whatever the number
of forms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import timezone
from django.utils.http import urlencode

from jixiao.core.season import days_late
from jixiao.web.evaluations.access import User, memberships_of
from jixiao.web.evaluations.models import FORM_TYPE_CHOICES, Evaluation
from jixiao.web.organisations.models import Organisation

PAGE_SIZE = 50
_HANDED_IN = (
    Evaluation.Status.SUBMITTED,
    Evaluation.Status.DEPT_APPROVED,
    Evaluation.Status.FINANCE_APPROVED,
    Evaluation.Status.PUBLISHED,
)
_NOT_HANDED_IN = (Evaluation.Status.DRAFT, Evaluation.Status.RETURNED)

#: Sort keys offered in the list, to the ordering they mean (pk breaks ties so pages are stable).
SORTS: dict[str, tuple[str, Any]] = {
    "updated": ("更新时间", F("updated_at")),
    "year": ("年度", F("year")),
    "title": ("名称", F("title")),
    "unit": ("填报单位", F("organisation__path")),
    "budget": ("年初预算（万元）", F("facts__initial_budget")),
    "spent": ("实际支出（万元）", F("facts__actual_spending")),
    "rate": ("执行率", F("facts__rate")),
    "score": ("得分", F("list_score")),
    "submitted": ("提交时间", F("facts__submitted_at")),
    "due": ("截止时间", F("facts__due")),
}


@dataclass(frozen=True)
class Row:
    evaluation: Evaluation
    budget: Decimal | None
    spent: Decimal | None
    rate: Decimal | None
    score: Decimal | None
    self_score: Decimal | None
    grade: str
    submitted_at: datetime | None
    due: date | None
    late: int
    task_title: str


@dataclass
class Listing:
    page: Page[Any]
    rows: list[Row]
    filters: dict[str, str]
    query: str
    sort: str


def _facts(evaluation: Evaluation) -> Any:
    return getattr(evaluation, "facts", None)


def filtered(
    user_forms: QuerySet[Evaluation], params: QueryDict, today: date
) -> QuerySet[Evaluation]:
    forms = user_forms
    year = params.get("year", "")
    if year.isdigit():
        forms = forms.filter(year=int(year))
    task = params.get("task", "")
    if task.isdigit():
        forms = forms.filter(facts__task_id=int(task))
    if params.get("form_type") in {key for key, _ in FORM_TYPE_CHOICES}:
        forms = forms.filter(form_type=params["form_type"])
    if params.get("status") in Evaluation.Status.values:
        forms = forms.filter(status=params["status"])
    department = params.get("department", "")
    if department.isdigit():
        org = Organisation.objects.filter(pk=int(department)).only("path").first()
        forms = forms.filter(organisation__path__startswith=org.path) if org else forms.none()
    if params.get("overdue") == "1":
        forms = forms.filter(facts__due__lt=today, status__in=_NOT_HANDED_IN)
    grade = params.get("grade", "")
    if grade:
        forms = forms.filter(facts__grade=grade)
    q = params.get("q", "").replace("\x00", "").strip()[:100]
    if q:
        forms = forms.filter(Q(title__icontains=q) | Q(organisation__name__icontains=q))
    return forms


def listing(
    user_forms: QuerySet[Evaluation], params: QueryDict, today: date, page_size: int = PAGE_SIZE
) -> Listing:
    # A row shows the stored figures, never the form's content: its JSON (tens of KB a form)
    # is left in the database.
    forms = (
        filtered(user_forms, params, today)
        .select_related("organisation", "facts", "facts__task")
        .defer("data", "submit_explanation")
    )
    forms = forms.annotate(list_score=Coalesce("facts__bureau_score", "facts__self_score"))
    sort = params.get("sort", "-updated")
    key = sort.lstrip("-")
    if key not in SORTS:
        sort, key = "-updated", "updated"
    expression = SORTS[key][1]
    ordering = (
        expression.desc(nulls_last=True)
        if sort.startswith("-")
        else expression.asc(nulls_last=True)
    )
    forms = forms.order_by(ordering, "-pk")
    page = Paginator(forms, page_size).get_page(params.get("page"))
    rows = []
    for evaluation in page.object_list:
        facts = _facts(evaluation)
        due = facts.due if facts else None
        submitted = facts.submitted_at if facts else None
        handed_in = submitted is not None and evaluation.status in _HANDED_IN
        handed_on = timezone.localdate(submitted) if handed_in and submitted else None
        rows.append(
            Row(
                evaluation=evaluation,
                budget=facts.initial_budget if facts else None,
                spent=facts.actual_spending if facts else None,
                rate=facts.rate if facts else None,
                score=facts.score if facts else None,
                self_score=facts.self_score if facts else None,
                grade=facts.grade if facts else "",
                submitted_at=submitted,
                due=due,
                late=days_late(due, today, handed_on) if due else 0,
                task_title=facts.task.title if facts and facts.task else "",
            )
        )
    kept = {k: str(v) for k, v in params.items() if k != "page" and v}
    return Listing(page, rows, kept, urlencode(kept), sort)


@dataclass(frozen=True)
class Options:
    """What the filters offer: the years, tasks and departments the user reaches."""

    years: list[int]
    tasks: list[tuple[int, str]]
    departments: list[Organisation]
    grades: list[str]


def list_options(user: User) -> Options:
    from jixiao.web.evaluations.selectors import evaluations_visible_to
    from jixiao.web.season.selectors import tasks_visible_to

    years = sorted(
        set(evaluations_visible_to(user).order_by().values_list("year", flat=True).distinct()),
        reverse=True,
    )
    tasks = list(tasks_visible_to(user).order_by("-year").values_list("pk", "title"))
    reach = [m.organisation.path for m in memberships_of(user)]
    departments = Organisation.objects.filter(kind=Organisation.Kind.DEPARTMENT)
    if not getattr(user, "is_superuser", False):
        condition = Q(pk__in=[])
        for path in reach:
            condition |= Q(path__startswith=path)
        departments = departments.filter(condition)
    return Options(years, tasks, list(departments.order_by("path")[:200]), ["优", "良", "中", "差"])
