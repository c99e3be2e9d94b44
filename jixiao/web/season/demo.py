"""The demo's 自评 seasons, both issued by 天河区财政局: the seed's year (2022) finished, with
one unit that handed in late after a 催报, and the year in progress (``load_demo.DEMO_YEAR``)
whose unit due date has passed, one unit late and reminded, so that the progress table, the
home page panels and the notification centre all have something true to show."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from jixiao.web.evaluations.models import Evaluation, ReviewRound
from jixiao.web.organisations.models import Organisation
from jixiao.web.season import services
from jixiao.web.season.models import FormFacts, Reminder, Task, TaskEvent


def load_season_demo(
    bureau: Organisation, department: Organisation, late: Organisation, year: int
) -> None:
    title = f"天河区{year}年度预算绩效自评"
    if Task.objects.filter(title=title).exists():
        return
    users = get_user_model().objects
    today = timezone.localdate()
    task = services.task_issue(
        issuer=bureau,
        user=users.get(username="finance_admin"),
        year=year,
        title=title,
        form_types=["department_overall", "project"],
        departments=[department],
        unit_due=today - timedelta(days=3),
        department_due=today + timedelta(days=7),
        instructions=(
            f"请各单位按《天河区财政局关于开展{year}年度预算绩效自评工作的通知》要求，"
            "填报部门整体支出和项目支出绩效自评表，经主管部门审核后报送。"
        ),
    )
    services.task_remind(
        task=task,
        units=[late],
        user=users.get(username="dept_reviewer"),
        message=f"贵单位{year}年度自评表已逾期未提交，请于本周内完成填报并提交审核。",
        today=today,
    )


# The finished season of the seed's year: dates of a real 2022 self-evaluation (issued in
# March 2023, units due at the end of March, the department three weeks later).
FINISHED_ISSUED = datetime(2023, 3, 1, 9, 0)
FINISHED_UNIT_DUE = date(2023, 3, 31)
FINISHED_DEPARTMENT_DUE = date(2023, 4, 21)
FINISHED_REMINDED = datetime(2023, 4, 3, 9, 30)
FINISHED_LATE_SUBMITTED = datetime(2023, 4, 6, 16, 0)  # six days after the units' due date
FINISHED_ON_TIME_SUBMITTED = datetime(2023, 3, 28, 10, 0)
FINISHED_DEPARTMENT_SUBMITTED = datetime(2023, 4, 18, 15, 0)


def load_finished_season_demo(
    bureau: Organisation, department: Organisation, late: Organisation, year: int
) -> None:
    """The seed's year as a finished season: a task 天河区财政局 issued for ``year`` (2022) to
    the real department, whose units handed in their 部门整体 forms, ``late`` six days after
    its due date and only after a 催报 by the department's reviewer. The forms were stored
    (and approved, the seed published) by ``load_demo`` and ``load_sealing_demo``; this writes
    the season around them with its dates in the past, so that the progress table shows the
    days late, the reminder and who handed in when."""
    title = f"天河区{year}年度预算绩效自评"
    if Task.objects.filter(title=title).exists():
        return
    users = get_user_model().objects
    task = services.task_issue(
        issuer=bureau,
        user=users.get(username="finance_admin"),
        year=year,
        title=title,
        form_types=["department_overall"],
        departments=[department],
        unit_due=FINISHED_UNIT_DUE,
        department_due=FINISHED_DEPARTMENT_DUE,
        instructions=(
            f"请各单位按《天河区财政局关于开展{year}年度预算绩效自评工作的通知》要求，"
            "于3月31日前填报部门整体支出绩效自评表，主管部门于4月21日前完成审核和汇总。"
        ),
    )
    at = timezone.make_aware
    Task.objects.filter(pk=task.pk).update(created_at=at(FINISHED_ISSUED))
    TaskEvent.objects.filter(task=task).update(at=at(FINISHED_ISSUED))
    # The 催报 of the time: the centre had not handed in three days after its due date (its
    # form is approved now, so the service, which reminds only units still owing, is not asked).
    reviewer = users.get(username="dept_reviewer")
    message = (
        f"贵单位{year}年度部门整体支出绩效自评表已逾期3天未提交，请于4月7日前完成填报并提交审核。"
    )
    reminder = services.reminder_record(
        task=task,
        unit=late,
        kind=Reminder.Kind.MANUAL,
        message=message,
        user=reviewer,
        today=FINISHED_REMINDED.date(),
    )
    Reminder.objects.filter(pk=reminder.pk).update(sent_at=at(FINISHED_REMINDED))
    TaskEvent.objects.create(
        task=task,
        action=TaskEvent.Action.REMINDED,
        organisation=late,
        user=reviewer,
        detail=f"催报 1 个单位：{message}",
    )
    TaskEvent.objects.filter(task=task, action=TaskEvent.Action.REMINDED).update(
        at=at(FINISHED_REMINDED)
    )
    # When each form was handed in: the late unit after the reminder, the other on time, the
    # department's 汇总 before its own date.
    for evaluation in Evaluation.objects.filter(year=year, facts__task=task).select_related(
        "organisation"
    ):
        if evaluation.organisation_id == late.pk:
            when = FINISHED_LATE_SUBMITTED
        elif evaluation.organisation_id == department.pk:
            when = FINISHED_DEPARTMENT_SUBMITTED
        else:
            when = FINISHED_ON_TIME_SUBMITTED
        ReviewRound.objects.filter(evaluation=evaluation).update(submitted_at=at(when))
        FormFacts.objects.filter(evaluation=evaluation).update(submitted_at=at(when))
