"""Services: every workflow step, the refusals, history and optimistic locking."""

from __future__ import annotations

import copy

import pytest
from django.core.exceptions import PermissionDenied

from jixiao.core.serialization import FormReadError
from jixiao.core.workflow import WorkflowError
from jixiao.web.evaluations.models import ReviewDecision
from jixiao.web.evaluations.selectors import (
    changes_since_previous_round,
    history_of,
)
from jixiao.web.evaluations.services import (
    VersionConflict,
    evaluation_approve,
    evaluation_publish,
    evaluation_return,
    evaluation_save_draft,
    evaluation_submit,
)


def _edited(evaluation, **funds):
    data = copy.deepcopy(evaluation.data)
    data["funds"].update(funds)
    return data


def test_a_saved_draft_bumps_the_version_and_recomputes_the_rates(world) -> None:
    form = world.unit_form
    data = _edited(form, actual_spending="400.00", completion_rate="1")
    data["funds"]["spending_by_source"]["general_public_budget"] = "400.00"
    saved = evaluation_save_draft(
        evaluation=form, data=data, expected_version=1, user=world.unit_filler
    )
    assert saved.version == 2
    # 400.00 / 405.60 = 98.6193…% printed at the rule set's two decimals.
    assert saved.data["funds"]["completion_rate"] == "98.62"


def test_a_save_with_a_stale_version_is_refused_and_changes_nothing(world) -> None:
    form = world.unit_form
    evaluation_save_draft(
        evaluation=form, data=form.data, expected_version=1, user=world.unit_filler
    )
    with pytest.raises(VersionConflict) as caught:
        evaluation_save_draft(
            evaluation=form,
            data=_edited(form, actual_spending="1.00"),
            expected_version=1,
            user=world.unit_user,
        )
    assert "其他人" in caught.value.message
    world.refresh()
    assert world.unit_form.version == 2
    assert world.unit_form.data["funds"]["actual_spending"] == "398.72"


def test_another_units_user_cannot_save_or_submit(world) -> None:
    with pytest.raises(PermissionDenied):
        evaluation_save_draft(
            evaluation=world.unit_form,
            data=world.unit_form.data,
            expected_version=1,
            user=world.other_unit_user,
        )
    with pytest.raises(PermissionDenied):
        evaluation_submit(evaluation=world.unit_form, user=world.other_unit_user)


def test_a_filler_cannot_submit(world) -> None:
    with pytest.raises(PermissionDenied):
        evaluation_submit(evaluation=world.unit_form, user=world.unit_filler)


def test_a_form_with_errors_cannot_be_submitted(world) -> None:
    data = _edited(world.unit_form, actual_spending="500.00")  # sources no longer add up
    evaluation_save_draft(
        evaluation=world.unit_form, data=data, expected_version=1, user=world.unit_user
    )
    with pytest.raises(WorkflowError, match="错误"):
        evaluation_submit(evaluation=world.unit_form, user=world.unit_user)
    world.refresh()
    assert world.unit_form.status == "draft"


def test_warnings_need_an_explanation_to_submit(world) -> None:
    data = copy.deepcopy(world.unit_form.data)
    data["problems"] = ""
    evaluation_save_draft(
        evaluation=world.unit_form, data=data, expected_version=1, user=world.unit_user
    )
    with pytest.raises(WorkflowError, match="情况说明"):
        evaluation_submit(evaluation=world.unit_form, user=world.unit_user)
    submitted = evaluation_submit(
        evaluation=world.unit_form, user=world.unit_user, explanation="整体绩效另附说明"
    )
    assert submitted.status == "submitted"
    assert submitted.rounds.get().explanation == "整体绩效另附说明"


def test_the_whole_workflow_from_draft_to_published_is_recorded(world) -> None:
    form = world.unit_form
    evaluation_submit(evaluation=form, user=world.unit_user)
    evaluation_approve(evaluation=form, user=world.reviewer)
    evaluation_approve(evaluation=form, user=world.finance, comment="同意")
    published = evaluation_publish(evaluation=form, user=world.finance)
    assert published.status == "published"
    entries = history_of(published)
    assert [e.reason for e in entries] == [
        "公开",
        "财政审核通过",
        "主管部门审核通过",
        "提交审核",
        "新建表单",
    ]
    assert [e.who for e in entries[:4]] == ["finance", "finance", "reviewer", "unit_user"]
    assert entries[0].status == "已公开"


def test_a_submitted_form_is_locked(world) -> None:
    evaluation_submit(evaluation=world.unit_form, user=world.unit_user)
    with pytest.raises(WorkflowError, match="不能修改"):
        evaluation_save_draft(
            evaluation=world.unit_form,
            data=world.unit_form.data,
            expected_version=1,
            user=world.unit_user,
        )


def test_the_reviewer_cannot_approve_twice_or_skip_finance(world) -> None:
    evaluation_submit(evaluation=world.unit_form, user=world.unit_user)
    evaluation_approve(evaluation=world.unit_form, user=world.reviewer)
    with pytest.raises(PermissionDenied):
        evaluation_approve(evaluation=world.unit_form, user=world.reviewer)
    with pytest.raises(WorkflowError):
        evaluation_publish(evaluation=world.unit_form, user=world.finance)


def test_a_draft_cannot_be_approved(world) -> None:
    with pytest.raises(WorkflowError, match="草稿"):
        evaluation_approve(evaluation=world.unit_form, user=world.reviewer)


def test_returning_needs_a_comment(world) -> None:
    evaluation_submit(evaluation=world.unit_form, user=world.unit_user)
    with pytest.raises(WorkflowError, match="审核意见"):
        evaluation_return(evaluation=world.unit_form, user=world.reviewer, comment="")


def test_the_reviewer_of_another_department_sees_nothing(world) -> None:
    from tests.web.conftest import make_user

    stranger = make_user("stranger", world.bureau)  # no role
    evaluation_submit(evaluation=world.unit_form, user=world.unit_user)
    with pytest.raises(PermissionDenied):
        evaluation_approve(evaluation=world.unit_form, user=stranger)


def test_finance_returns_and_the_resubmission_shows_what_changed(world) -> None:
    form = world.unit_form
    evaluation_submit(evaluation=form, user=world.unit_user)
    evaluation_approve(evaluation=form, user=world.reviewer)
    evaluation_return(evaluation=form, user=world.finance, comment="请核对实际支出数")
    world.refresh()
    assert form.status == "returned"
    data = _edited(form, actual_spending="400.00")
    data["funds"]["spending_by_source"]["general_public_budget"] = "400.00"
    evaluation_save_draft(evaluation=form, data=data, expected_version=1, user=world.unit_filler)
    evaluation_submit(evaluation=form, user=world.unit_user)
    changes = {c.path: (c.before, c.after) for c in changes_since_previous_round(form)}
    assert changes["funds.actual_spending"] == ("398.72", "400.00")
    assert changes["funds.completion_rate"] == ("98.30", "98.62")
    first_round = form.rounds.get(number=1)
    decisions = list(first_round.decisions.values_list("stage", "outcome", "comment"))
    assert decisions == [
        (ReviewDecision.Stage.DEPARTMENT, ReviewDecision.Outcome.APPROVED, ""),
        (ReviewDecision.Stage.FINANCE, ReviewDecision.Outcome.RETURNED, "请核对实际支出数"),
    ]


def test_history_records_each_changed_field_with_its_author(world) -> None:
    form = world.unit_form
    data = copy.deepcopy(form.data)
    data["problems"] = "支出进度偏慢。"
    evaluation_save_draft(evaluation=form, data=data, expected_version=1, user=world.unit_filler)
    latest = history_of(form)[0]
    assert latest.who == "unit_filler"
    assert [(c.label, c.after) for c in latest.changes] == [("存在问题", "支出进度偏慢。")]


def test_importing_a_project_of_an_existing_name_updates_that_form(world) -> None:
    from jixiao.web.evaluations import demo
    from jixiao.web.evaluations.models import Evaluation
    from jixiao.web.evaluations.services import evaluation_import
    from tests.web.conftest import make_form

    existing = make_form(world.unit, demo.centre_project_form(2022, world.department.name))
    again = demo.centre_project_form(2022, world.department.name)
    again.problems = "导入的新内容"
    stored = evaluation_import(
        organisation=world.unit, form=again, user=world.unit_user, source="x.json", replace=True
    )
    assert stored.pk == existing.pk
    assert stored.data["problems"] == "导入的新内容"
    assert Evaluation.objects.filter(organisation=world.unit, form_type="project").count() == 1


def test_importing_onto_a_project_under_review_is_refused(world) -> None:
    from jixiao.web.evaluations import demo
    from jixiao.web.evaluations.services import evaluation_import
    from tests.web.conftest import make_form

    existing = make_form(world.unit, demo.centre_project_form(2022, world.department.name))
    evaluation_submit(evaluation=existing, user=world.unit_user)
    with pytest.raises(WorkflowError) as caught:
        evaluation_import(
            organisation=world.unit,
            form=demo.centre_project_form(2022, world.department.name),
            user=world.unit_user,
            source="x.json",
            replace=True,
        )
    assert "审核期间不能修改" in caught.value.message


def test_a_draft_of_the_other_form_type_is_refused(world) -> None:
    """Issue 10, defect 4: a project form's data saved onto a department evaluation was stored;
    the editor could then no longer open it and the department's 汇总 page answered 500."""
    import json

    from tests.conftest import FIXTURES

    project = json.loads((FIXTURES / "sample_project_form.json").read_text(encoding="utf-8"))
    before = copy.deepcopy(world.unit_form.data)
    with pytest.raises(FormReadError) as refused:
        evaluation_save_draft(
            evaluation=world.unit_form, data=project, expected_version=1, user=world.unit_filler
        )
    assert "部门整体支出绩效自评表" in refused.value.message
    assert "项目支出绩效自评表" in refused.value.message
    world.refresh()
    assert world.unit_form.data == before
    assert world.unit_form.version == 1
