"""汇总: a supervising department's consolidated form, built from its own form and its units'.

The consolidated form is what the 主管部门 submits ("各预算主管部门收集汇总所属预算单位整体支出
绩效信息后，由预算主管部门统一报送"). Funds are summed field by field; rates are recomputed from
the sums (an average of rates weighs a small unit like a large one, so it is never used); tasks,
key projects and narratives are listed per unit for the department to edit. Which unit each
listed item came from is kept beside the form (``provenance``), not in it, so the form stays the
published layout.

A figure that some forms leave blank is summed over the forms that state it, and the result says
so in its notes: absent is absent, never zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.computations import adjustment_rate, budget_adjustment, completion_rate
from jixiao.core.diff import FieldChange, diff_forms
from jixiao.core.model import (
    DepartmentForm,
    DepartmentFunds,
    KeyProject,
    SpendingBySource,
    Task,
)
from jixiao.core.model.department import BudgetAdjustmentItem
from jixiao.core.money import MONEY_UNITS, ZERO, MoneyError, money_text, round_rate, to_decimal
from jixiao.core.rulesets import RuleSet, default_ruleset_id, load_ruleset
from jixiao.core.serialization import form_to_data
from jixiao.core.workflow import STATUS_LABELS, Status

_FUNDS_FIELDS = ("initial_budget", "adjusted_budget", "actual_spending")
_SOURCE_FIELDS = (
    "general_public_budget",
    "government_fund_budget",
    "state_capital_budget",
    "other",
)
# Narrative fields kept per unit, under a heading line naming the unit.
_NARRATIVES = ("overall_performance", "problems", "improvements")

# A child's form counts as approved once its supervising level has approved it.
APPROVED_STATUSES = frozenset({Status.DEPT_APPROVED, Status.FINANCE_APPROVED, Status.PUBLISHED})
NOT_FILED_LABEL = "未填报"


class AggregationError(ValueError):
    """Forms that cannot be consolidated at all. ``message`` is for users (Chinese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class AggregationNote:
    """Something the department should know about its consolidated form (Chinese message)."""

    code: str
    path: str
    message: str


@dataclass(frozen=True)
class AggregationResult:
    form: DepartmentForm
    # ``tasks[3]``, ``key_projects[0]``, ``annual_goals.expected[5]`` → the unit it came from.
    provenance: dict[str, str] = field(default_factory=dict)
    # ``funds.actual_spending`` → each form's figure (None where a form leaves it blank).
    contributions: dict[str, list[tuple[str, Decimal | None]]] = field(default_factory=dict)
    notes: list[AggregationNote] = field(default_factory=list)


def own_label(department: str) -> str:
    """How the department's own (本级) form is named beside its units'."""
    return f"{department}（本级）"


def _title(model: type[DepartmentFunds] | type[SpendingBySource], name: str) -> str:
    return model.model_fields[name].title or name


def _scaled(value: Decimal | None, shift: int) -> Decimal | None:
    return None if value is None else value.scaleb(shift)


def form_in_money_unit(form: DepartmentForm, money_unit: str) -> DepartmentForm:
    """The form with its amounts in ``money_unit`` (1 万元 = 10000 元; rates do not change)."""
    if form.money_unit == money_unit:
        return form
    shift = MONEY_UNITS[form.money_unit] - MONEY_UNITS[money_unit]
    funds = form.funds
    sources = funds.spending_by_source.model_copy(
        update={
            name: _scaled(getattr(funds.spending_by_source, name), shift) for name in _SOURCE_FIELDS
        }
    )
    items = [
        item.model_copy(update={"amount": item.amount.scaleb(shift)})
        for item in funds.adjustment_items
    ]
    new_funds = funds.model_copy(
        update={
            **{
                name: _scaled(getattr(funds, name), shift)
                for name in (*_FUNDS_FIELDS, "adjustment")
            },
            "spending_by_source": sources,
            "adjustment_items": items,
        }
    )
    tasks = [t.model_copy(update={"funds": _scaled(t.funds, shift)}) for t in form.tasks]
    return form.model_copy(
        update={"money_unit": money_unit, "funds": new_funds, "tasks": tasks}, deep=True
    )


class _Builder:
    """Accumulates the consolidated form's parts, their provenance and the notes."""

    def __init__(self, sources: Sequence[tuple[str, DepartmentForm]], rules: RuleSet) -> None:
        self.sources = sources
        self.rules = rules
        self.provenance: dict[str, str] = {}
        self.contributions: dict[str, list[tuple[str, Decimal | None]]] = {}
        self.notes: list[AggregationNote] = []
        self.incomplete: set[str] = set()

    def note(self, code: str, path: str, message: str) -> None:
        self.notes.append(AggregationNote(code, path, message))

    def sum_field(
        self, path: str, title: str, values: list[tuple[str, Decimal | None]]
    ) -> Decimal | None:
        self.contributions[path] = values
        stated = [v for _, v in values if v is not None]
        if not stated:
            return None
        blank = [label for label, v in values if v is None]
        if blank:
            self.incomplete.add(path.rsplit(".", 1)[-1])
            self.note(
                "aggregation.part_missing",
                path,
                f"“{title}”在{'、'.join(blank)}的表中未填写，汇总数只含已填写的部分，请补齐后重新汇总。",
            )
        return sum(stated, ZERO)

    def funds(self) -> DepartmentFunds:
        values: dict[str, Decimal | None] = {}
        for name in _FUNDS_FIELDS:
            values[name] = self.sum_field(
                f"funds.{name}",
                _title(DepartmentFunds, name),
                [(label, getattr(form.funds, name)) for label, form in self.sources],
            )
        sources = SpendingBySource(
            **{
                name: self.sum_field(
                    f"funds.spending_by_source.{name}",
                    f"其中：{_title(SpendingBySource, name)}",
                    [
                        (label, getattr(form.funds.spending_by_source, name))
                        for label, form in self.sources
                    ],
                )
                for name in _SOURCE_FIELDS
            }
        )
        items = [
            BudgetAdjustmentItem(amount=item.amount, reason=f"【{label}】{item.reason}".rstrip())
            for label, form in self.sources
            for item in form.funds.adjustment_items
        ]
        for index, (label, _) in enumerate(
            (label, item) for label, form in self.sources for item in form.funds.adjustment_items
        ):
            self.provenance[f"funds.adjustment_items[{index}]"] = label
        funds = DepartmentFunds(
            **values,
            spending_by_source=sources,
            adjustment_items=items,
            adjustment_reason=_join_narratives(
                (label, form.funds.adjustment_reason) for label, form in self.sources
            ),
        )
        funds.adjustment = self.adjustment(funds)
        funds.completion_rate = self.rate(
            "funds.completion_rate",
            completion_rate(funds),
            self.rules.rate_precision.completion_rate,
            ("actual_spending", "adjusted_budget"),
        )
        funds.adjustment_rate = self.rate(
            "funds.adjustment_rate",
            adjustment_rate(funds, self.rules),
            self.rules.rate_precision.adjustment_rate,
            ("initial_budget", "adjusted_budget"),
        )
        return funds

    def adjustment(self, funds: DepartmentFunds) -> Decimal | None:
        """The rule set's adjustment of the consolidated budgets. Units' own figures are only a
        fallback: net changes of opposite sign offset each other in the department's total."""
        stated = [(label, form.funds.adjustment) for label, form in self.sources]
        self.contributions["funds.adjustment"] = stated
        computed = budget_adjustment(funds, self.rules)
        known = [v for _, v in stated if v is not None]
        if computed is None:
            if known:
                self.note(
                    "aggregation.adjustment_from_units",
                    "funds.adjustment",
                    "预算收入不全，年度预算调整数按各单位填写的调整数相加，请核对。",
                )
                return sum(known, ZERO)
            return None
        if len(known) == len(stated) and sum(known, ZERO) != computed:
            self.note(
                "aggregation.adjustments_offset",
                "funds.adjustment",
                f"各单位调整数之和为{money_text(sum(known, ZERO))}，按汇总后的预算收入计算为"
                f"{money_text(computed)}：各单位追加与追减相互抵消，汇总表取后者。",
            )
        return computed

    def rate(
        self, path: str, exact: Decimal | None, places: int, inputs: tuple[str, ...]
    ) -> Decimal | None:
        if exact is None:
            return None
        if self.incomplete.intersection(inputs):
            self.note(
                "aggregation.rate_incomplete",
                path,
                "该比率由不完整的汇总数计算，所属单位补齐资金数据后请重新汇总。",
            )
        return round_rate(exact, places)

    def listed(self, form: DepartmentForm) -> DepartmentForm:
        """Tasks, key projects and goals of every form, renumbered, each remembered by unit."""
        tasks: list[Task] = []
        projects: list[KeyProject] = []
        expected: list[str] = []
        for label, source in self.sources:
            for task in source.tasks:
                self.provenance[f"tasks[{len(tasks)}]"] = label
                tasks.append(_fresh_task(task, number=len(tasks) + 1))
            for project in source.key_projects:
                self.provenance[f"key_projects[{len(projects)}]"] = label
                projects.append(
                    project.model_copy(update={"achievements": list(project.achievements)})
                )
            own = source is self.sources[0][1]
            for goal in source.annual_goals.expected:
                self.provenance[f"annual_goals.expected[{len(expected)}]"] = label
                expected.append(goal if own else f"【{label}】{goal}")
        form.tasks = tasks
        form.key_projects = projects
        form.annual_goals.expected = expected
        return form


def _join_narratives(parts: Iterable[tuple[str, str]]) -> str:
    """Each unit's text under a heading line with its name, blank texts left out."""
    return "\n\n".join(f"【{label}】\n{text.strip()}" for label, text in parts if text.strip())


def _check_inputs(department_form: DepartmentForm, unit_forms: Sequence[DepartmentForm]) -> None:
    for unit in unit_forms:
        if unit.year != department_form.year:
            raise AggregationError(
                f"所属单位“{unit.department}”的表是{unit.year}年度，"
                f"与部门的{department_form.year}年度不一致，不能汇总。"
            )


def aggregate(
    department_form: DepartmentForm,
    unit_forms: Sequence[DepartmentForm],
    *,
    name: str | None = None,
    rules: RuleSet | None = None,
) -> AggregationResult:
    """Build the department's consolidated form (汇总表) from its own form and its units'
    approved forms. ``name`` is the consolidated form's department name (default: the
    department's); ``rules`` decide the adjustment and the printed rate precision."""
    _check_inputs(department_form, unit_forms)
    rules = rules or load_ruleset(default_ruleset_id(department_form.form_type))
    money_unit = department_form.money_unit
    department = name or department_form.department
    sources = [(own_label(department_form.department), department_form)]
    sources += [(unit.department, form_in_money_unit(unit, money_unit)) for unit in unit_forms]
    builder = _Builder(sources, rules)

    _note_suspicious_inputs(builder, department_form, unit_forms)
    form = DepartmentForm(
        attachment_label=department_form.attachment_label,
        title=(
            department_form.title
            if department_form.title and name is None
            else f"{department_form.year}年度{department}部门整体支出绩效自评表"
        ),
        department=department,
        consolidated=True,
        year=department_form.year,
        money_unit=money_unit,
        funds=builder.funds(),
        notes=list(dict.fromkeys(n for _, f in sources for n in f.notes)),
    )
    form.annual_goals.achieved = _join_narratives(
        (label, f.annual_goals.achieved) for label, f in sources
    )
    for narrative in _NARRATIVES:
        setattr(
            form,
            narrative,
            _join_narratives((label, getattr(f, narrative)) for label, f in sources),
        )
    form = builder.listed(form)
    return AggregationResult(form, builder.provenance, builder.contributions, builder.notes)


def _note_suspicious_inputs(
    builder: _Builder, department_form: DepartmentForm, unit_forms: Sequence[DepartmentForm]
) -> None:
    if not unit_forms:
        builder.note("aggregation.no_units", "", "没有所属单位的表，汇总表只含部门本级的数据。")
    if department_form.consolidated:
        builder.note(
            "aggregation.own_form_consolidated",
            "consolidated",
            "部门本级的表已标记为汇总表：如其中已含所属单位的数据，再次汇总会重复计算，请核对。",
        )
    seen: set[str] = {department_form.department}
    for unit in unit_forms:
        if unit.department in seen:
            builder.note(
                "aggregation.duplicate_unit",
                "",
                f"“{unit.department}”的表出现了不止一次，其数据会被重复计算，请核对。",
            )
        seen.add(unit.department)
        if unit.money_unit != department_form.money_unit:
            builder.note(
                "aggregation.unit_converted",
                "money_unit",
                f"“{unit.department}”的金额单位为{unit.money_unit}，"
                f"已换算为{department_form.money_unit}后汇总。",
            )


def _same_amount(before: str | None, after: str | None) -> bool:
    """``"10"`` and ``"10.00"`` are the same figure written at different precisions."""
    if before is None or after is None:
        return False
    try:
        return to_decimal(before) == to_decimal(after)
    except MoneyError:
        return False


def aggregation_diff(old_form: DepartmentForm, new_form: DepartmentForm) -> list[FieldChange]:
    """What changed in the consolidated form when it was aggregated again (path, Chinese
    label, before, after), e.g. after a unit's approved form was corrected."""
    changes = diff_forms(form_to_data(old_form), form_to_data(new_form))
    return [c for c in changes if not _same_amount(c.before, c.after)]


def completeness(children_statuses: Mapping[str, str | None]) -> tuple[bool, list[str]]:
    """Whether every child's form is approved, so that the consolidated form may be approved
    (DHIS2's rule), and which children are holding it up. A status of None means not filed."""
    missing = [
        name for name, status in children_statuses.items() if status not in APPROVED_STATUSES
    ]
    return (not missing, missing)


def blocking_message(children_statuses: Mapping[str, str | None]) -> str:
    """Why a consolidated form may not move on yet (Chinese), or "" when every child's form is
    approved: the units holding it up, each with the label of its status."""
    complete, missing = completeness(children_statuses)
    if complete:
        return ""
    listed = "、".join(f"{name}（{_status_label(children_statuses[name])}）" for name in missing)
    return f"所属单位的表尚未全部审核通过，汇总表暂不能提交或审核通过：{listed}"


def filing_progress(children_statuses: Mapping[str, str | None]) -> dict[str, list[str]]:
    """Children grouped by the Chinese label of their status (未填报, 已提交, 退回…), for the
    completeness view."""
    groups: dict[str, list[str]] = {}
    for name, status in children_statuses.items():
        groups.setdefault(_status_label(status), []).append(name)
    return groups


def _status_label(status: str | None) -> str:
    if status is None:
        return NOT_FILED_LABEL
    try:
        return STATUS_LABELS[Status(status)]
    except ValueError:
        return status


def _fresh_task(task: Task, *, number: int) -> Task:
    """A copy that shares nothing mutable with the unit's form. Indicators hold only strings, so
    copying each one is enough; a generic deep copy cost most of a 200-unit 汇总's time."""
    return task.model_copy(
        update={"number": number, "indicators": [i.model_copy() for i in task.indicators]}
    )
