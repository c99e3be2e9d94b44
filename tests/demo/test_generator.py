"""The province generator: three levels, about thirty indicators a form, the same forms for the
same seed, figures consistent with themselves."""

from __future__ import annotations

from collections import Counter

from jixiao.core.model import DepartmentForm
from jixiao.core.serialization import form_to_data
from jixiao.core.validation import Severity, validate
from jixiao.demo.generator import forms_for, organisation_plan


def test_the_plan_has_a_bureau_departments_and_units_in_three_levels():
    plan = organisation_plan(1000)
    kinds = Counter(o.kind for o in plan)
    assert kinds == {"finance_bureau": 1, "department": 5, "unit": 1000}
    by_key = {o.key: o for o in plan}
    assert all(by_key[o.parent].kind == "department" for o in plan if o.kind == "unit")
    assert len({o.name for o in plan}) == len(plan)


def test_each_department_form_has_about_thirty_indicators_and_valid_funds():
    plan = organisation_plan(20)
    specs = [s for s in forms_for(plan, [2023, 2024]) if isinstance(s.form, DepartmentForm)]
    assert len(specs) == (1 + 20) * 2
    for spec in specs:
        form = spec.form
        assert sum(len(t.indicators) for t in form.tasks) == 30
        assert form.funds.actual_spending <= form.funds.adjusted_budget
        errors = [f for f in validate(form) if f.severity is Severity.ERROR]
        assert not errors, errors


def test_the_same_seed_gives_the_same_forms_and_another_seed_others():
    plan = organisation_plan(10)
    first = [form_to_data(s.form) for s in forms_for(plan, [2024], seed=7)]
    again = [form_to_data(s.form) for s in forms_for(plan, [2024], seed=7)]
    other = [form_to_data(s.form) for s in forms_for(plan, [2024], seed=8)]
    assert first == again
    assert first != other
