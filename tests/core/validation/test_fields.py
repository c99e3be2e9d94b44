"""Rules shared by every form type about single fields: a text longer than its printed cell
holds (the text limits table) and an amount typed with more than two decimals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import BaseModel

from jixiao.core.analysis import validate
from jixiao.core.formtypes import FORM_TYPES, form_type
from jixiao.core.model import DepartmentForm
from jixiao.core.text_limits import TEXT_LIMITS, text_length
from jixiao.core.validation.fields import is_amount, leaves, limit_at, oversize_texts
from tests.core.validation.helpers import codes, only, with_funds, with_task


def _text_fields(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[str]:
    """Every ``Model.field`` holding text (or a list of texts) in ``model`` and below."""
    from jixiao.core.validation.fields import _model_of, _parts

    if model in seen:
        return set()
    seen.add(model)
    found = set()
    for name, info in model.model_fields.items():
        inner = _model_of(info.annotation)
        if inner is not None:
            found |= _text_fields(inner, seen)
        elif any(part is str for part in _parts(info.annotation)):
            found.add(f"{model.__name__}.{name}")
    return found


@pytest.mark.parametrize("key", sorted(FORM_TYPES))
def test_every_text_field_of_every_form_type_has_a_limit_with_a_reason(key):
    entry = form_type(key)
    fields = _text_fields(entry.model, set())
    assert fields, key
    missing = fields - set(entry.text_limits)
    assert not missing, f"no printable length for {sorted(missing)}"
    for name in fields:
        limit = entry.text_limits[name]
        assert 10 <= limit.most <= 2000 and limit.reason, name


def test_a_narrative_over_its_limit_is_an_error_naming_the_field(
    seed_form: DepartmentForm, guangzhou
):
    most = TEXT_LIMITS["DepartmentForm.overall_performance"].most
    at_limit = seed_form.model_copy(update={"overall_performance": "绩" * most})
    assert "text_too_long" not in codes(validate(at_limit, guangzhou))
    over = seed_form.model_copy(update={"overall_performance": "绩" * (most + 5)})
    finding = only(validate(over, guangzhou), "text_too_long")
    assert finding.path == "overall_performance"
    assert finding.severity == "error"
    assert "“部门整体绩效”最多 2000 字" in finding.message
    assert "已输入 2005 字" in finding.message and "请删减 5 字" in finding.message


def test_limits_reach_list_items_and_nested_rows(seed_form: DepartmentForm, guangzhou):
    long_goal = seed_form.model_copy(
        update={
            "annual_goals": seed_form.annual_goals.model_copy(
                update={"expected": ["短", "目" * 501]}
            )
        }
    )
    assert only(validate(long_goal, guangzhou), "text_too_long").path == "annual_goals.expected[1]"
    long_task = with_task(seed_form, 0, achievement="成" * 501)
    assert only(oversize_texts(long_task), "text_too_long").path == "tasks[0].achievement"


@pytest.fixture
def unit_form(seed_form: DepartmentForm) -> DepartmentForm:
    """The seed as a unit's own form (the seed is a consolidated one)."""
    return seed_form.model_copy(update={"consolidated": False})


def test_a_line_break_counts_once_however_the_browser_sent_it():
    assert text_length("甲\r\n乙\n丙") == 5


def test_an_amount_with_three_decimals_is_an_error_not_a_silent_rounding(
    unit_form: DepartmentForm, guangzhou
):
    form = with_funds(unit_form, actual_spending=Decimal("12.345"))
    finding = only(validate(form, guangzhou), "amount_decimals")
    assert finding.path == "funds.actual_spending"
    assert "金额最多两位小数" in finding.message
    assert "“实际支出数”" in finding.message and "12.345" in finding.message
    # Two decimals, or trailing zeros that print the same, are fine.
    for fine in ("12.34", "12.3", "12", "12.340"):
        form = with_funds(unit_form, actual_spending=Decimal(fine))
        assert "amount_decimals" not in codes(validate(form, guangzhou)), fine


def test_a_consolidated_forms_restated_sums_are_not_typed_amounts(unit_form, guangzhou):
    # 123456.78 元 of a unit's form is 12.345678 万元 in its department's 汇总 form.
    form = with_funds(unit_form, actual_spending=Decimal("12.345678"))
    assert "amount_decimals" in codes(validate(form, guangzhou))
    summed = form.model_copy(update={"consolidated": True})
    assert "amount_decimals" not in codes(validate(summed, guangzhou))


def test_a_nested_amount_is_named_by_its_path(unit_form: DepartmentForm, guangzhou):
    form = with_task(unit_form, 1, funds=Decimal("3.001"))
    assert only(validate(form, guangzhou), "amount_decimals").path == "tasks[1].funds"


def test_rates_keep_their_own_precision(project_form, national):
    # A rate is a Decimal too, but not an amount: its places are the printed precision.
    funds = project_form.funds.model_copy(update={"execution_rate": Decimal("95.125")})
    form = project_form.model_copy(update={"funds": funds})
    assert "amount_decimals" not in codes(validate(form, national))
    kinds = {p: is_amount(a) for p, _, _, v, a in leaves(form) if isinstance(v, Decimal)}
    assert kinds["funds.execution_rate"] is False and kinds["funds.total.executed"] is True


def test_the_editor_finds_a_limit_by_field_path():
    entry = form_type("department_overall")
    limit = limit_at(entry.model, ["tasks", 3, "indicators", 0, "actual"], entry.text_limits)
    assert limit is TEXT_LIMITS["TaskIndicator.actual"]
    assert limit_at(entry.model, ["funds", "actual_spending"], entry.text_limits) is None
    assert limit_at(entry.model, ["no_such_field"], entry.text_limits) is None


def test_docs_security_lists_every_limit_as_the_table_has_it():
    from pathlib import Path

    docs = (Path(__file__).parents[3] / "docs" / "security.md").read_text(encoding="utf-8")
    lines = {line.split("|")[1].strip(" `"): line for line in docs.splitlines() if "| `" in line}
    for key, limit in TEXT_LIMITS.items():
        assert key in lines, key
        assert f"| {limit.most} | {limit.reason} |" in lines[key], key
