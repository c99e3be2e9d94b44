"""Reads for the 汇总 pages: the children's filing state and a preview of the consolidated form.

The aggregation itself is the core's (:func:`jixiao.core.aggregation.aggregate`); this module
only gathers its inputs from the database and shapes the results for templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, TextField
from django.db.models.functions import Cast
from django.http import QueryDict
from django.utils.http import urlencode
from pydantic import ValidationError

from jixiao.core.aggregation import (
    APPROVED_STATUSES,
    NOT_FILED_LABEL,
    AggregationNote,
    AggregationResult,
    aggregate,
    aggregation_diff,
    blocking_message,
    completeness,
    filing_progress,
)
from jixiao.core.diff import FieldChange
from jixiao.core.model import DepartmentForm
from jixiao.core.money import money_text
from jixiao.core.serialization import FormReadError, form_from_data
from jixiao.core.workflow import Status
from jixiao.web.consolidation.models import Consolidation
from jixiao.web.evaluations.analysis import rules_named
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.organisations.models import Organisation

DEPARTMENT_FORM = Evaluation.FormType.DEPARTMENT.value


@dataclass(frozen=True)
class ChildState:
    organisation: Organisation
    evaluation: Evaluation | None

    @property
    def status_label(self) -> str:
        return NOT_FILED_LABEL if self.evaluation is None else self.evaluation.get_status_display()

    @property
    def status(self) -> str:
        return "not_filed" if self.evaluation is None else self.evaluation.status

    @property
    def approved(self) -> bool:
        return self.evaluation is not None and Status(self.evaluation.status) in APPROVED_STATUSES


@dataclass(frozen=True)
class Completeness:
    children: list[ChildState]
    progress: dict[str, list[str]]
    complete: bool
    missing: list[str]

    @property
    def blocking_message(self) -> str:
        return blocking_message(
            {
                c.organisation.name: (c.evaluation.status if c.evaluation else None)
                for c in self.children
            }
        )


def department_form(department: Organisation, year: int) -> Evaluation | None:
    return (
        Evaluation.objects.select_related("organisation", "consolidation")
        .filter(organisation=department, year=year, form_type=DEPARTMENT_FORM)
        .first()
    )


_STATE_FIELDS = ("id", "organisation_id", "status", "version", "title", "year", "form_type")


def children_states(
    department: Organisation, year: int, *, with_forms: bool = False
) -> list[ChildState]:
    """Each direct child of the department and its department form of ``year`` (two queries).

    The forms' content is read only ``with_forms``, and then as JSON text (``data_text``),
    which pydantic parses in one pass: a 汇总 of 200 units reads 1.3 MB of it.
    """
    children = list(Organisation.objects.filter(parent=department).order_by("path"))
    evaluations = Evaluation.objects.filter(
        organisation__parent=department, year=year, form_type=DEPARTMENT_FORM
    ).only(*_STATE_FIELDS)
    if with_forms:
        evaluations = evaluations.annotate(data_text=Cast("data", TextField()))
    forms = {e.organisation_id: e for e in evaluations}
    return [ChildState(child, forms.get(child.pk)) for child in children]


def _unit_form(evaluation: Evaluation) -> DepartmentForm:
    try:
        return DepartmentForm.model_validate_json(evaluation.data_text)  # type: ignore[attr-defined]
    except ValidationError as exc:
        raise FormReadError(f"“{evaluation.title}”的表单内容不符合格式要求") from exc


def completeness_of(department: Organisation, year: int) -> Completeness:
    children = children_states(department, year)
    statuses = {
        c.organisation.name: (c.evaluation.status if c.evaluation else None) for c in children
    }
    complete, missing = completeness(statuses)
    return Completeness(children, filing_progress(statuses), complete, missing)


def is_consolidated(evaluation: Evaluation) -> bool:
    """A department form that stands for the department with its units: the form's own 汇总
    flag, the one the dashboards read too. A build sets it and no save clears it
    (:func:`jixiao.web.evaluations.services.evaluation_save_draft`)."""
    if evaluation.form_type != DEPARTMENT_FORM:
        return False
    return bool((evaluation.data or {}).get("consolidated"))


@dataclass(frozen=True)
class ContributionRow:
    label: str
    cells: list[str]


@dataclass
class Preview:
    """What building (or rebuilding) the 汇总 now would produce."""

    department: Organisation
    year: int
    evaluation: Evaluation | None
    consolidation: Consolidation | None
    result: AggregationResult
    included: list[ChildState]
    left_out: list[ChildState]
    fingerprint: str
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def notes(self) -> list[AggregationNote]:
        return self.result.notes

    @property
    def up_to_date(self) -> bool:
        return self.consolidation is not None and not self.changes

    def contribution_table(self) -> tuple[list[str], list[ContributionRow]]:
        """Funds by source form: the sums a reader checks the consolidated figures against."""
        paths = [
            ("funds.initial_budget", "年初预算收入"),
            ("funds.adjusted_budget", "调整预算收入"),
            ("funds.actual_spending", "实际支出数"),
        ]
        labels = [label for label, _ in self.result.contributions.get(paths[0][0], [])]
        rows = []
        for index, label in enumerate(labels):
            cells = []
            for path, _ in paths:
                values = self.result.contributions.get(path, [])
                value: Decimal | None = values[index][1] if index < len(values) else None
                cells.append(money_text(value) if value is not None else "—")
            rows.append(ContributionRow(label, cells))
        funds = self.result.form.funds
        rows.append(
            ContributionRow(
                "汇总",
                [
                    money_text(funds.initial_budget),
                    money_text(funds.adjusted_budget),
                    money_text(funds.actual_spending),
                ],
            )
        )
        return [title for _, title in paths], rows


def _own_form(
    department: Organisation,
    year: int,
    evaluation: Evaluation | None,
    consolidation: Consolidation | None,
) -> DepartmentForm:
    if consolidation is not None:
        data = consolidation.own_data
    elif evaluation is not None:
        data = evaluation.data
    else:
        return DepartmentForm(department=department.name, year=year)
    form = form_from_data(data)
    assert isinstance(form, DepartmentForm)
    return form


def _fingerprint(
    evaluation: Evaluation | None, consolidation: Consolidation | None, included: list[ChildState]
) -> str:
    own = (
        "new"
        if evaluation is None
        else f"{evaluation.pk}" + ("" if consolidation else f":{evaluation.version}")
    )
    parts = [f"{c.evaluation.pk}:{c.evaluation.version}" for c in included if c.evaluation]
    return ";".join([own, *parts])


def _consolidation_of(evaluation: Evaluation | None) -> Consolidation | None:
    if evaluation is None:
        return None
    if Evaluation.consolidation.is_cached(evaluation):  # type: ignore[attr-defined]
        return getattr(evaluation, "consolidation", None)
    return Consolidation.objects.filter(evaluation=evaluation).first()


def consolidation_preview(
    department: Organisation,
    year: int,
    evaluation: Evaluation | None = None,
    *,
    with_changes: bool = True,
) -> Preview:
    """The 汇总 as it would be built now from the department's own part and its units'
    approved forms, with what would change in the stored consolidated form.

    Reads each unit's form once, as text, and the department form's own content only when it
    is needed (its own part before a first build, or the differences ``with_changes``)."""
    if evaluation is None:
        evaluation = department_form(department, year)
    consolidation = _consolidation_of(evaluation)
    children = children_states(department, year, with_forms=True)
    included = [c for c in children if c.approved]
    left_out = [c for c in children if not c.approved]
    unit_forms = [_unit_form(c.evaluation) for c in included if c.evaluation is not None]
    own = _own_form(department, year, evaluation, consolidation)
    rules = evaluation.rules if evaluation else rules_named(None, DEPARTMENT_FORM)
    result = aggregate(own, unit_forms, rules=rules)
    changes: list[FieldChange] = []
    if with_changes and consolidation is not None and evaluation is not None:
        current = form_from_data(evaluation.data)
        assert isinstance(current, DepartmentForm)
        changes = aggregation_diff(current, result.form)
    return Preview(
        department=department,
        year=year,
        evaluation=evaluation,
        consolidation=consolidation,
        result=result,
        included=included,
        left_out=left_out,
        fingerprint=_fingerprint(evaluation, consolidation, included),
        changes=changes,
    )


def filing_years(departments: list[Organisation]) -> dict[int, list[int]]:
    """Per department, the years for which it or one of its units has a form, latest first."""
    years: dict[int, set[int]] = {d.pk: set() for d in departments}
    if not departments:
        return {}
    in_any_subtree = Q()
    for department in departments:
        in_any_subtree |= Q(organisation__path__startswith=department.path)
    rows = (
        Evaluation.objects.filter(in_any_subtree, form_type="department_overall")
        .values_list("organisation__path", "year")
        .order_by()  # the model's ordering would add the title to the DISTINCT
        .distinct()
    )
    for path, year in rows:
        for department in departments:
            if path.startswith(department.path):
                years[department.pk].add(year)
    return {pk: sorted(found, reverse=True) for pk, found in years.items()}


def departments_with_units(organisations: list[Organisation]) -> list[Organisation]:
    """Of ``organisations``, those that have children (who can build a 汇总)."""
    ids = set(
        Organisation.objects.filter(parent__in=organisations).values_list("parent_id", flat=True)
    )
    return [o for o in organisations if o.pk in ids]


# --- the 汇总 overview: one page of departments, filtered and sorted on the database ----------

OVERVIEW_PAGE_SIZE = 50
NOT_FILED = "not_filed"

#: Sort keys of the overview, to what they order by (the path breaks ties: pages are stable).
OVERVIEW_SORTS: dict[str, tuple[str, str]] = {
    "path": ("层级", "path"),
    "name": ("主管部门", "name"),
    "units": ("所属单位数", "unit_count"),
}


@dataclass(frozen=True)
class OverviewRow:
    department: Organisation
    years: list[int]
    units: int
    approved: int
    form_status: str
    form_status_label: str


@dataclass
class Overview:
    page: Page[Any]
    rows: list[OverviewRow]
    year: int | None
    filters: dict[str, str]
    query: str
    sort: str


def overview(
    reached: QuerySet[Organisation], params: QueryDict, default_year: int | None
) -> Overview:
    """The departments of ``reached`` that have units, a page at a time: searched by name,
    filtered by the status of their department form in the year, sorted by path, name or
    number of units. Each row tells how many units' forms of the year are approved: a page
    costs the same few queries whatever the number of departments."""
    year_text = params.get("year", "")
    year = int(year_text) if year_text.isdigit() else default_year
    departments = reached.annotate(unit_count=Count("children")).filter(unit_count__gt=0)
    q = params.get("q", "").replace("\x00", "").strip()[:100]
    if q:
        departments = departments.filter(name__icontains=q)
    own_form = Evaluation.objects.filter(
        organisation=OuterRef("pk"), year=year or 0, form_type=DEPARTMENT_FORM
    )
    departments = departments.annotate(
        form_status=Subquery(own_form.order_by().values("status")[:1])
    )
    status = params.get("status", "")
    if status == NOT_FILED:
        departments = departments.filter(form_status__isnull=True)
    elif status in Evaluation.Status.values:
        departments = departments.filter(form_status=status)
    sort = params.get("sort", "path")
    key = sort.lstrip("-")
    if key not in OVERVIEW_SORTS:
        sort, key = "path", "path"
    field = OVERVIEW_SORTS[key][1]
    departments = departments.order_by(f"-{field}" if sort.startswith("-") else field, "path")
    page = Paginator(departments, OVERVIEW_PAGE_SIZE).get_page(params.get("page"))
    shown: list[Organisation] = list(page.object_list)
    approved = dict(
        Evaluation.objects.filter(
            organisation__parent__in=shown,
            year=year or 0,
            form_type=DEPARTMENT_FORM,
            status__in=[s.value for s in APPROVED_STATUSES],
        )
        .values("organisation__parent_id")
        .annotate(n=Count("pk"))
        .values_list("organisation__parent_id", "n")
    )
    years = filing_years(shown)
    labels = dict(Evaluation.Status.choices)
    rows = [
        OverviewRow(
            department=d,
            years=years.get(d.pk) or ([year] if year else []),
            units=d.unit_count,  # type: ignore[attr-defined]
            approved=approved.get(d.pk, 0),
            form_status=d.form_status or NOT_FILED,  # type: ignore[attr-defined]
            form_status_label=labels.get(d.form_status, NOT_FILED_LABEL),  # type: ignore[attr-defined]
        )
        for d in shown
    ]
    kept = {k: str(v) for k, v in params.items() if k != "page" and v}
    return Overview(page, rows, year, kept, urlencode(kept), sort)
