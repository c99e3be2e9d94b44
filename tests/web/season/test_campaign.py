"""The campaign as people run it: issue a task, watch 填报进度, set dates, extend, withdraw,
催报 and the daily reminders."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import load_workbook

from jixiao.core.season import Progress
from jixiao.core.workflow import WorkflowError
from jixiao.web.notifications.models import Notification
from jixiao.web.organisations.models import Organisation
from jixiao.web.season import services
from jixiao.web.season.models import FormFacts, Reminder, Task, TaskEvent


def test_the_bureau_issues_a_task_from_its_page_and_everyone_concerned_is_told(
    world, client_for, today
):
    client = client_for(world.finance)
    response = client.post(
        "/season/new/",
        {
            "year": 2022,
            "title": "天河区2022年度绩效自评",
            "form_types": ["department_overall", "project"],
            "departments": [world.department.pk],
            "unit_due": (today + timedelta(days=10)).isoformat(),
            "department_due": (today + timedelta(days=20)).isoformat(),
            "instructions": "按附件要求填报。",
            "attachment": SimpleUploadedFile("通知.txt", "请于月底前提交".encode()),
            "remind_before_days": "7,3,1",
            "remind_overdue": "on",
        },
    )
    task = Task.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/season/{task.pk}/"
    assert task.remind_before_days == [7, 3, 1]
    # The forms already started for 2022 join the task and carry its due date.
    facts = FormFacts.objects.get(evaluation=world.unit_form)
    assert facts.task == task and facts.due == task.unit_due
    told = set(
        Notification.objects.filter(kind="task_issued").values_list(
            "recipient__username", flat=True
        )
    )
    assert {"reviewer", "unit_user", "unit_filler", "other_unit_user"} <= told
    assert TaskEvent.objects.get(task=task).action == TaskEvent.Action.ISSUED
    download = client_for(world.unit_user).get(f"/season/{task.pk}/attachment/")
    assert b"".join(download.streaming_content).decode() == "请于月底前提交"


def test_a_task_with_the_units_due_after_the_department_is_refused_in_chinese(
    world, client_for, today
):
    response = client_for(world.finance).post(
        "/season/new/",
        {
            "year": 2022,
            "title": "x",
            "form_types": ["project"],
            "departments": [world.department.pk],
            "unit_due": (today + timedelta(days=30)).isoformat(),
            "department_due": (today + timedelta(days=20)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "单位截止日期应早于或等于主管部门截止日期" in response.content.decode()
    assert not Task.objects.exists()


def test_the_task_form_offers_every_registered_form_type(world, client_for, today):
    from jixiao.core.formtypes import FORM_TYPES

    client = client_for(world.finance)
    page = client.get("/season/new/").content.decode()
    for key, entry in FORM_TYPES.items():
        assert f'value="{key}"' in page and entry.label in page
    response = client.post(
        "/season/new/",
        {
            "year": 2022,
            "title": "2023年度绩效目标申报",
            "form_types": ["project_target"],
            "departments": [world.department.pk],
            "unit_due": (today + timedelta(days=10)).isoformat(),
            "department_due": (today + timedelta(days=20)).isoformat(),
        },
    )
    task = Task.objects.get()
    assert response.status_code == 302 and task.form_types == ["project_target"]
    assert task.form_type_labels == [FORM_TYPES["project_target"].label]


def test_only_the_bureau_issues_tasks(world, client_for):
    assert client_for(world.reviewer).get("/season/new/").status_code == 403
    assert client_for(world.unit_user).get("/season/new/").status_code == 403


def test_a_unit_home_shows_its_pending_task_with_days_left(world, client_for, task):
    # unit_user is both 填报人 and 单位负责人 of the unit: the task is listed once.
    page = client_for(world.unit_user).get("/").content.decode()
    assert "待完成的任务" in page
    assert page.count("剩余 10 天") == 1


def test_the_progress_table_counts_each_unit_by_department(world, client_for, task, today):
    page = client_for(world.finance).get(f"/season/{task.pk}/").content.decode()
    assert "填报进度" in page and world.unit.name in page and world.other_unit.name in page
    table = services.selectors.progress_of(task, world.finance, today)
    assert table.overall.total == 3  # the department and its two units
    assert table.overall.counts[Progress.DRAFT] == 2  # the units' drafts; the department: 未开始
    assert table.overall.counts[Progress.NOT_STARTED] == 1
    # The department sees its own; a unit sees only itself.
    mine = services.selectors.progress_of(task, world.unit_user, today)
    assert [row.unit.pk for row in mine.rows] == [world.unit.pk]


def test_the_progress_table_exports_to_xlsx(world, client_for, task):
    response = client_for(world.reviewer).get(f"/season/{task.pk}/progress.xlsx")
    book = load_workbook(BytesIO(response.content))
    rows = list(book["填报进度"].iter_rows(values_only=True))
    assert (
        "主管部门",
        "单位",
        "截止日期",
        "状态",
        "表单数",
        "逾期天数",
        "最近操作",
        "催报次数",
    ) in rows
    assert any(row[1] == world.unit.name and row[3] == "草稿" for row in rows)
    assert list(book["汇总"].iter_rows(values_only=True))[-1][0] == "全部"


def test_the_progress_page_takes_the_same_queries_whatever_the_number_of_units(
    world, client_for, task, django_assert_num_queries
):
    client = client_for(world.finance)
    client.get(f"/season/{task.pk}/")
    with django_assert_num_queries(12) as few:
        client.get(f"/season/{task.pk}/")
    for n in range(8):
        Organisation.objects.create(name=f"新增单位{n}", kind="unit", parent=world.department)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(f"/season/{task.pk}/")


def test_a_department_sets_an_earlier_date_for_its_units_but_not_after_its_own(world, task, today):
    earlier = today + timedelta(days=5)
    services.task_set_department_due(
        task=task, department=world.department, unit_due=earlier, user=world.reviewer
    )
    assert FormFacts.objects.get(evaluation=world.unit_form).due == earlier
    with pytest.raises(WorkflowError, match="不能晚于主管部门截止日期"):
        services.task_set_department_due(
            task=task,
            department=world.department,
            unit_due=task.department_due + timedelta(days=1),
            user=world.reviewer,
        )


def test_an_extension_for_one_unit_or_for_all_is_audited_and_announced(world, task, today):
    later = task.unit_due + timedelta(days=3)
    services.task_extend(
        task=task, user=world.reviewer, due=later, reason="系统故障", unit=world.unit
    )
    assert FormFacts.objects.get(evaluation=world.unit_form).due == later
    assert FormFacts.objects.get(evaluation=world.other_form).due == task.unit_due
    with pytest.raises(WorkflowError, match="请填写延期原因"):
        services.task_extend(task=task, user=world.finance, due=later, reason=" ")
    services.task_extend(
        task=task, user=world.finance, due=later + timedelta(days=1), reason="统一延期"
    )
    assert Task.objects.get().unit_due == later + timedelta(days=1)
    details = list(TaskEvent.objects.filter(action="extended").values_list("detail", flat=True))
    assert any("系统故障" in d for d in details) and any("统一延期" in d for d in details)
    assert Notification.objects.filter(kind="task_extended", recipient=world.unit_user).count() == 2


def test_withdrawing_needs_a_reason_and_the_bureau(world, client_for, task):
    client_for(world.reviewer).post(f"/season/{task.pk}/withdraw/", {"reason": "重复"})
    assert Task.objects.get().status == Task.Status.ISSUED
    page = (
        client_for(world.finance)
        .post(f"/season/{task.pk}/withdraw/", {"reason": ""}, follow=True)
        .content.decode()
    )
    assert "请填写撤回原因" in page
    client_for(world.finance).post(f"/season/{task.pk}/withdraw/", {"reason": "通知有误，重新下发"})
    task.refresh_from_db()
    assert task.status == Task.Status.WITHDRAWN and task.withdraw_reason == "通知有误，重新下发"
    assert Notification.objects.filter(kind="task_withdrawn", recipient=world.unit_user).exists()


def test_cuibao_per_unit_and_in_bulk_is_recorded_and_reaches_the_unit(world, client_for, task):
    client = client_for(world.reviewer)
    response = client.post(
        f"/season/{task.pk}/remind/",
        {"unit": [world.unit.pk, world.other_unit.pk], "message": "请本周内提交"},
        follow=True,
    )
    assert "已向 2 个单位催报" in response.content.decode()
    assert Reminder.objects.filter(kind="manual", message="请本周内提交").count() == 2
    note = Notification.objects.get(kind="reminder_manual", recipient=world.unit_user)
    assert note.body == "请本周内提交"
    page = client.get(f"/season/{task.pk}/").content.decode()
    assert "1 次" in page
    assert TaskEvent.objects.filter(action="reminded").exists()


def test_daily_reminders_go_before_the_due_date_and_each_day_overdue_once_a_day(world, task):
    before = task.unit_due - timedelta(days=3)
    call_command("send_reminders", date=before.isoformat())
    call_command("send_reminders", date=before.isoformat())  # run twice: sent once
    assert Reminder.objects.filter(kind="before", unit=world.unit).count() == 1
    overdue = task.unit_due + timedelta(days=2)
    call_command("send_reminders", date=overdue.isoformat())
    reminder = Reminder.objects.get(kind="overdue", unit=world.unit)
    assert "已逾期 2 天" in reminder.message
    assert Notification.objects.filter(kind="reminder_overdue", recipient=world.unit_user).exists()


def test_a_bad_reminder_date_is_refused_in_chinese():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="日期格式"):
        call_command("send_reminders", date="31/03/2023")


def test_a_form_started_after_the_task_was_issued_carries_it(world, task):
    from jixiao.web.evaluations.services import evaluation_start

    started = evaluation_start(
        organisation=world.unit,
        year=2022,
        form_type="project",
        user=world.unit_user,
        project_name="新项目",
    )
    facts = FormFacts.objects.get(evaluation=started)
    assert facts.task == task and facts.due == task.unit_due


def test_the_queue_offers_batch_approval_of_what_waits_for_review(world, client_for):
    from jixiao.web.evaluations import services as evaluation_services

    evaluation_services.evaluation_submit(
        evaluation=world.unit_form, user=world.unit_user, explanation="已核对"
    )
    page = client_for(world.reviewer).get("/queue/").content.decode()
    assert f'aria-label="选择{world.unit_form.title}"' in page
    assert "批量审核通过" in page
    assert "批量审核通过" not in client_for(world.unit_user).get("/queue/").content.decode()


def test_a_task_is_not_disclosed_to_people_outside_it(world, client_for, task):
    outsider = client_for(world.outsider)
    assert outsider.get(f"/season/{task.pk}/").status_code == 404
    assert outsider.get(f"/season/{task.pk}/progress.xlsx").status_code == 404
    assert outsider.get("/season/999999/").status_code == 404
    page = client_for(world.other_unit_user).get(f"/season/{task.pk}/").content.decode()
    assert world.other_unit.name in page and f"<td>{world.unit.name}</td>" not in page


def test_a_unit_cannot_chase_its_neighbour(world, client_for, task):
    response = client_for(world.other_unit_user).post(
        f"/season/{task.pk}/remind/", {"unit": [world.unit.pk]}, follow=True
    )
    assert "您不能向" in response.content.decode()
    assert not Reminder.objects.exists()


def test_the_home_progress_follows_a_submission_at_once(world, client_for, task):
    from jixiao.web.evaluations import services as evaluation_services

    client = client_for(world.finance)
    assert "<td>0.0%</td>" in client.get("/").content.decode()
    evaluation_services.evaluation_submit(
        evaluation=world.unit_form, user=world.unit_user, explanation="已核对"
    )
    assert "<td>33.3%</td>" in client.get("/").content.decode()


def test_forms_started_for_a_task_are_judged_by_the_rule_set_it_was_issued_with(
    world, client_for, today
):
    from jixiao.core.model import FundsRow
    from jixiao.core.rulesets import load_ruleset
    from jixiao.core.scoring import score_project
    from jixiao.core.serialization import form_from_data, form_to_data
    from jixiao.web.evaluations import demo
    from jixiao.web.evaluations import services as evaluation_services
    from tests.web.conftest import make_form

    client = client_for(world.finance)
    fields = {
        "year": 2022,
        "title": "天河区2022年度绩效自评（从严）",
        "form_types": ["department_overall", "project"],
        "departments": [world.department.pk],
        "unit_due": (today + timedelta(days=10)).isoformat(),
        "department_due": (today + timedelta(days=20)).isoformat(),
        "remind_before_days": "7,3,1",
    }
    page = client.post("/season/new/", {**fields, "ruleset_id": "no-such-set"})
    assert page.status_code == 400 and "所选评分规则集不存在" in page.content.decode()
    assert not Task.objects.exists()
    assert "全国通用（从严）" in client.get("/season/new/").content.decode()
    client.post("/season/new/", {**fields, "ruleset_id": "national-strict"})
    task = Task.objects.get()
    assert (task.ruleset_id, task.ruleset_version) == ("national-strict", "2020.1")
    assert "national-strict@2020.1" in client.get(f"/season/{task.pk}/").content.decode()

    # A form started before the task keeps the rule set it was started with.
    world.unit_form.refresh_from_db()
    assert world.unit_form.ruleset_id == "guangzhou"
    # A project started for the task: executed 65% of its budget, so the strict set caps it.
    # Started from the unit's page, then filled in and saved, as a unit does.
    form = demo.centre_project_form(2022, world.department.name)
    project = evaluation_services.evaluation_start(
        organisation=world.unit,
        year=2022,
        form_type="project",
        user=world.unit_user,
        project_name=form.project_name,
    )
    assert (project.ruleset_id, project.ruleset_version) == ("national-strict", "2020.1")
    form.funds.total = FundsRow(annual_budget="200.00", executed="130.00")
    form.total_score = None  # the editor's total is the rule set's
    project = evaluation_services.evaluation_save_draft(
        evaluation=project,
        data=form_to_data(form),
        expected_version=project.version,
        user=world.unit_user,
    )
    stored = form_from_data(project.data)
    assert stored.total_score == 79
    strict = score_project(stored, load_ruleset("national-strict"))
    national = score_project(stored, load_ruleset("national"))
    assert [c.code for c in strict.caps_applied] == ["execution_rate"]
    assert strict.total == 79 and national.total > 79
    facts = FormFacts.objects.get(evaluation=project)
    assert facts.self_score == strict.total and facts.task == task
    # Another year's form is not the task's: its type's default.
    other = make_form(world.unit, demo.centre_project_form(2023, world.department.name))
    assert other.ruleset_id == "national"
