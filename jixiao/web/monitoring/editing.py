"""The monitoring form's POST names ↔ a :class:`MonitoringForm`.

``spend-7`` and ``plan-7`` are July's spending and plan (万元), ``ind-2-actual_to_date`` the
third indicator's progress. What the person typed is kept as typed (``raw``) so a failed save,
an added or a removed row shows it again, with each error beside its field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from jixiao.core.money import MoneyError, to_decimal
from jixiao.core.monitoring import DeviationReason, Likelihood, MonitoringForm
from jixiao.web.evaluations.editor.fields import validation_errors

MONTHS = range(1, 13)
INDICATOR_FIELDS = (
    "level1",
    "level2",
    "name",
    "target",
    "actual_to_date",
    "expected_full_year",
    "deviation_reason",
    "deviation_analysis",
    "likelihood",
    "note",
)
# Kept in hidden inputs so that a row keeps its task and nature when rows above it go.
HIDDEN_FIELDS = ("task_number", "nature")
ROW_FIELDS = (*INDICATOR_FIELDS, *HIDDEN_FIELDS)
REASONS = [("", "—")] + [(r.value, r.value) for r in DeviationReason]
LIKELIHOODS = [("", "—")] + [(v.value, v.value) for v in Likelihood]


@dataclass
class Typed:
    raw: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    form: MonitoringForm | None = None


def raw_of(form: MonitoringForm) -> dict[str, str]:
    execution = form.execution
    raw = {"month": str(form.month)}
    if execution is not None:
        raw["initial_budget"] = _text(execution.initial_budget)
        raw["annual_budget"] = _text(execution.annual_budget)
        for m in MONTHS:
            raw[f"spend-{m}"] = _text(execution.monthly_spending.get(m))
            raw[f"plan-{m}"] = _text(execution.monthly_plan.get(m))
    for i, item in enumerate(form.indicators):
        data = item.model_dump(mode="json")
        for name in ROW_FIELDS:
            raw[f"ind-{i}-{name}"] = _text(data.get(name))
    return raw


_LABELS = {"initial_budget": "年初预算数", "annual_budget": "全年预算数", "month": "监控截至月份"}


def label_of(name: str) -> str:
    """The field a POST name stands for, as the page labels it (for the list of errors)."""
    kind, _, month = name.partition("-")
    if kind in {"spend", "plan"} and month.isdigit():
        return f"{month}月{'支出数' if kind == 'spend' else '用款计划数'}"
    index = _index_of(name)
    if index is not None:
        return f"第{index + 1}行指标"
    return _LABELS.get(name, "")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _money(raw: dict[str, str], name: str, errors: dict[str, str]) -> Any:
    text = raw.get(name, "").strip()
    if not text:
        return None
    try:
        value = to_decimal(text)
    except MoneyError:
        errors[name] = "请填写金额数字（万元），如 12.50"
        return None
    if value < 0:
        errors[name] = "金额不能为负数"
        return None
    return format(value, "f")


def row_count(raw: Mapping[str, str]) -> int:
    """How many indicator rows the page holds (blank ones included)."""
    indices = (_index_of(k) for k in raw)
    return 1 + max((i for i in indices if i is not None), default=-1)


def _index_of(name: str) -> int | None:
    parts = name.split("-", 2)
    if len(parts) == 3 and parts[0] == "ind" and parts[1].isdigit():
        return int(parts[1])
    return None


def add_row(raw: dict[str, str]) -> dict[str, str]:
    """The page as typed with one more, blank, indicator row at the end."""
    return {**raw, f"ind-{row_count(raw)}-name": ""}


def remove_row(raw: Mapping[str, str], index: int) -> dict[str, str]:
    """The page as typed without indicator row ``index``; the rows after it move up."""
    kept: dict[str, str] = {}
    for name, value in raw.items():
        i = _index_of(name)
        if i is None:
            kept[name] = value
        elif i != index:
            field_name = name.split("-", 2)[2]
            kept[f"ind-{i - 1 if i > index else i}-{field_name}"] = value
    return kept


def _indicator(raw: Mapping[str, str], i: int, errors: dict[str, str]) -> dict[str, Any] | None:
    row = {name: raw.get(f"ind-{i}-{name}", "").strip() for name in ROW_FIELDS}
    if not any(row[name] for name in INDICATOR_FIELDS):
        return None  # a blank row added and left empty
    if not row["name"]:
        errors[f"ind-{i}-name"] = "请填写三级指标名称，或删除该行"
        return None
    task = row.pop("task_number")
    if task and not task.isdigit():
        errors[f"ind-{i}-task_number"] = "任务序号应为数字"
        return None
    optional = {"deviation_reason", "likelihood", "target", "actual_to_date", "expected_full_year"}
    data: dict[str, Any] = {
        k: (v or None) if k in optional | {"nature"} else v for k, v in row.items()
    }
    data["task_number"] = int(task) if task else None
    return data


def read_post(post: Mapping[str, Any], stored: MonitoringForm) -> Typed:
    raw = {k: str(v) for k, v in post.items() if k not in {"csrfmiddlewaretoken", "op"}}
    typed = Typed(raw)
    errors = typed.errors
    try:
        month = int(raw.get("month", ""))
        if month not in MONTHS:
            raise ValueError
    except ValueError:
        errors["month"] = "监控截至月份应为1至12"
        month = stored.month
    spending = {m: v for m in MONTHS if (v := _money(raw, f"spend-{m}", errors)) is not None}
    plan = {m: v for m in MONTHS if (v := _money(raw, f"plan-{m}", errors)) is not None}
    rows = [_indicator(raw, i, errors) for i in range(row_count(raw))]
    execution = (
        stored.execution.model_dump(mode="json")
        if stored.execution
        else {"kind": stored.kind, "name": stored.name, "year": stored.year}
    )
    execution.update(
        initial_budget=_money(raw, "initial_budget", errors),
        annual_budget=_money(raw, "annual_budget", errors),
        monthly_spending=spending,
        monthly_plan=plan,
    )
    if errors:
        return typed
    data = {
        **stored.model_dump(mode="json"),
        "month": month,
        "execution": execution,
        "indicators": [row for row in rows if row is not None],
    }
    try:
        typed.form = MonitoringForm.model_validate(data)
    except ValidationError as exc:
        for name, message in validation_errors(exc).items():
            errors[name.replace("indicators-", "ind-", 1)] = message
    return typed
