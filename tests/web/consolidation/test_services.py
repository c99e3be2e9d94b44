"""汇总 services: sums by field from the units' approved forms, the DHIS2 rule and the
re-aggregation difference."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from jixiao.core.serialization import form_from_data
from jixiao.core.workflow import WorkflowError
from jixiao.web.consolidation import services
from jixiao.web.consolidation.models import Consolidation
from jixiao.web.consolidation.selectors import completeness_of, consolidation_preview
from jixiao.web.evaluations import services as evaluation_services
from tests.web.consolidation.conftest import approve


def test_a_department_builds_its_consolidated_form_from_its_own_and_approved_unit_forms(
    world, dept_head, dept_form, approve_units
):
    approve_units()
    evaluation = services.consolidation_build(
        department=world.department, year=2022, user=dept_head
    )
    form = form_from_data(evaluation.data)
    assert evaluation.pk == dept_form.pk
    assert form.consolidated is True
    # 100 + 420 + 655, 120 + 405.60 + 690.40, 110 + 398.72 + 671.15 (checked by hand)
    assert form.funds.initial_budget == Decimal("1175.00")
    assert form.funds.adjusted_budget == Decimal("1216.00")
    assert form.funds.actual_spending == Decimal("1179.87")
    # Rates come from the sums: 1179.87 / 1216 = 97.03 %, 41 / 1175 = 3 % (0 places, Guangzhou).
    assert form.funds.completion_rate == Decimal("97.03")
    assert form.funds.adjustment_rate == Decimal("3")
    assert form.tasks[0].expected_goal == "部门本级任务"
    assert len(form.tasks) == 1 + 2 + 1
    assert "【测试主管部门（本级）】" in form.overall_performance
    record = Consolidation.objects.get(evaluation=evaluation)
    assert record.own_data["funds"]["initial_budget"] == "100.00"
    assert {s["organisation"] for s in record.sources} == {world.unit.name, world.other_unit.name}


def test_unapproved_unit_forms_are_left_out_of_the_sums(world, dept_head, dept_form):
    evaluation = services.consolidation_build(
        department=world.department, year=2022, user=dept_head
    )
    form = form_from_data(evaluation.data)
    assert form.funds.initial_budget == Decimal("100.00")
    preview = consolidation_preview(world.department, 2022)
    assert {c.organisation.name for c in preview.left_out} == {
        world.unit.name,
        world.other_unit.name,
    }


def test_rebuilding_keeps_the_departments_own_part_and_does_not_count_it_twice(
    world, dept_head, dept_form, approve_units
):
    approve_units()
    services.consolidation_build(department=world.department, year=2022, user=dept_head)
    again = services.consolidation_build(department=world.department, year=2022, user=dept_head)
    assert form_from_data(again.data).funds.initial_budget == Decimal("1175.00")


def test_a_department_without_a_form_of_its_own_gets_one(world, dept_head, approve_units):
    approve_units()
    evaluation = services.consolidation_build(
        department=world.department, year=2022, user=dept_head
    )
    assert evaluation.organisation == world.department
    assert form_from_data(evaluation.data).funds.initial_budget == Decimal("1075.00")


@pytest.mark.parametrize("persona", ["unit_user", "other_unit_user", "reviewer", "outsider"])
def test_only_the_departments_fillers_may_build(world, dept_form, persona):
    with pytest.raises(PermissionDenied):
        services.consolidation_build(
            department=world.department, year=2022, user=getattr(world, persona)
        )


def test_a_consolidated_form_under_review_is_not_rebuilt(
    world, dept_head, dept_form, approve_units
):
    approve_units()
    services.consolidation_build(department=world.department, year=2022, user=dept_head)
    evaluation_services.evaluation_submit(evaluation=dept_form, user=dept_head, explanation="说明")
    with pytest.raises(WorkflowError, match="审核期间不能修改"):
        services.consolidation_build(department=world.department, year=2022, user=dept_head)


def test_dhis2_rule_the_consolidated_form_cannot_be_submitted_before_every_unit_is_approved(
    world, dept_head, dept_form
):
    approve(world.unit_form, world.unit_user, world.reviewer)
    evaluation = services.consolidation_build(
        department=world.department, year=2022, user=dept_head
    )
    with pytest.raises(WorkflowError) as refused:
        services.consolidation_submit(evaluation=evaluation, user=dept_head, explanation="说明")
    assert world.other_unit.name in refused.value.message
    assert world.unit.name not in refused.value.message
    evaluation.refresh_from_db()
    assert evaluation.status == "draft"


def test_dhis2_rule_the_consolidated_form_cannot_be_approved_before_every_unit_is_approved(
    world, dept_head, dept_form, approve_units
):
    approve_units()
    evaluation = services.consolidation_build(
        department=world.department, year=2022, user=dept_head
    )
    services.consolidation_submit(evaluation=evaluation, user=dept_head, explanation="说明")
    # A unit's form is returned by finance after the department's form went in.
    evaluation_services.evaluation_return(
        evaluation=world.unit_form, user=world.finance, comment="请补充说明"
    )
    with pytest.raises(WorkflowError, match="退回"):
        services.consolidation_approve(evaluation=evaluation, user=world.reviewer)
    world.refresh()
    approve(world.unit_form, world.unit_user, world.reviewer)
    approved = services.consolidation_approve(evaluation=evaluation, user=world.reviewer)
    assert approved.status == "dept_approved"


def test_completeness_groups_units_by_filing_state(world, dept_head):
    approve(world.unit_form, world.unit_user, world.reviewer)
    state = completeness_of(world.department, 2022)
    assert state.progress == {
        "主管部门审核通过": [world.unit.name],
        "草稿": [world.other_unit.name],
    }
    assert state.missing == [world.other_unit.name]
    later = completeness_of(world.department, 2023)
    assert later.progress == {"未填报": [world.unit.name, world.other_unit.name]}


def test_a_changed_unit_form_shows_as_a_difference_before_rebuilding(
    world, dept_head, dept_form, approve_units
):
    approve_units()
    services.consolidation_build(department=world.department, year=2022, user=dept_head)
    assert consolidation_preview(world.department, 2022).up_to_date
    # Finance returns the unit's form; the unit corrects its spending and it is approved again.
    evaluation_services.evaluation_return(
        evaluation=world.unit_form, user=world.finance, comment="实际支出数有误"
    )
    world.refresh()
    data = dict(world.unit_form.data)
    data["funds"] = {
        **data["funds"],
        "actual_spending": "400.72",
        "spending_by_source": {"general_public_budget": "400.72"},
    }
    evaluation_services.evaluation_save_draft(
        evaluation=world.unit_form,
        data=data,
        expected_version=world.unit_form.version,
        user=world.unit_user,
    )
    world.refresh()
    stale = consolidation_preview(world.department, 2022)
    approve(world.unit_form, world.unit_user, world.reviewer)
    preview = consolidation_preview(world.department, 2022)
    changed = {c.path: (c.before, c.after) for c in preview.changes}
    assert changed["funds.actual_spending"] == ("1179.87", "1181.87")
    assert not preview.up_to_date
    with pytest.raises(services.SourcesChanged):
        services.consolidation_build(
            department=world.department,
            year=2022,
            user=dept_head,
            expected_fingerprint=stale.fingerprint,
        )
    rebuilt = services.consolidation_build(
        department=world.department,
        year=2022,
        user=dept_head,
        expected_fingerprint=preview.fingerprint,
    )
    assert form_from_data(rebuilt.data).funds.actual_spending == Decimal("1181.87")


def _more_approved_units(world, count: int) -> None:
    from jixiao.web.evaluations import demo
    from jixiao.web.evaluations.models import Evaluation
    from jixiao.web.organisations.models import Organisation
    from tests.web.conftest import make_form

    for n in range(count):
        unit = Organisation.objects.create(
            name=f"新增单位{n}", kind=Organisation.Kind.UNIT, parent=world.department
        )
        form = demo.centre_form(2022).model_copy(update={"department": unit.name})
        created = make_form(unit, form)
        Evaluation.objects.filter(pk=created.pk).update(status="dept_approved")


def test_a_rebuild_takes_the_same_few_queries_whatever_the_number_of_units(
    world, dept_head, dept_form, approve_units, django_assert_num_queries
):
    """Reads: the locked form with its 汇总 record, the builder's roles, the children, their
    forms, and the form's list figures (its row and the task that covers it).
    Writes: the form, its history row, its figures (one table for lists and charts) and the
    汇总 record, once each (and the transaction's savepoint inside the test's own transaction)."""
    approve_units()
    services.consolidation_build(department=world.department, year=2022, user=dept_head)

    def rebuild() -> None:
        services.consolidation_build(department=world.department, year=2022, user=dept_head)

    with django_assert_num_queries(12) as two_units:
        rebuild()
    _more_approved_units(world, 5)
    with django_assert_num_queries(12):
        rebuild()
    sql = [q["sql"] for q in two_units.captured_queries]
    assert sum(s.startswith("INSERT") for s in sql) == 1  # the history row, once
    assert sum('UPDATE "evaluations_evaluation"' in s for s in sql) == 1
    assert sum(s.startswith("SELECT") for s in sql) == 6
    assert not any(s.startswith('SELECT "consolidation_consolidation"') for s in sql)
    # The old content is replaced, not read: the form's row is selected without its data.
    locked = next(s for s in sql if s.startswith('SELECT "evaluations_evaluation"'))
    assert '"evaluations_evaluation"."data"' not in locked
    assert len(Consolidation.objects.get(evaluation=dept_form).sources) == 7
