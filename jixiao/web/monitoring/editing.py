"""The monitoring form's POST names ↔ a :class:`MonitoringForm`.

``spend-7`` and ``plan-7`` are July's spending and plan (万元), ``ind-2-actual_to_date`` the
third indicator's progress. What the person typed is kept as typed (``raw``) so a failed save
shows it again with the error beside the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from jixiao.core.money import MoneyError, to_decimal
from jixiao.core.monitoring import DeviationReason, Likelihood, MonitoringForm

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
        for name in INDICATOR_FIELDS:
            raw[f"ind-{i}-{name}"] = _text(data.get(name))
    return raw


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


def read_post(post: Mapping[str, Any], stored: MonitoringForm) -> Typed:
    raw = {k: str(v) for k, v in post.items() if k != "csrfmiddlewaretoken"}
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
    indicators = []
    count = 1 + max(
        (int(k.split("-")[1]) for k in raw if k.startswith("ind-") and k.split("-")[1].isdigit()),
        default=-1,
    )
    stored_rows = stored.indicators
    for i in range(count):
        row = {name: raw.get(f"ind-{i}-{name}", "").strip() for name in INDICATOR_FIELDS}
        if not row["name"]:
            continue  # the blank row offered for a new indicator
        previous = stored_rows[i].model_dump(mode="json") if i < len(stored_rows) else {}
        row = {
            k: (v or None)
            if k
            in {"deviation_reason", "likelihood", "target", "actual_to_date", "expected_full_year"}
            else v
            for k, v in row.items()
        }
        indicators.append({**previous, **row, "nature": previous.get("nature")})
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
        "indicators": indicators,
    }
    try:
        typed.form = MonitoringForm.model_validate(data)
    except ValidationError as exc:
        for item in exc.errors():
            errors["-".join(str(p) for p in item["loc"])] = f"内容不符合要求：{item['msg']}"
    return typed
