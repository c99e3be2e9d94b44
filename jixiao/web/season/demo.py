"""The demo's 自评 season: a 2022 task issued by 天河区财政局 whose unit due date has passed,
one unit late and reminded (催报), so that the progress table, the home page panels and the
notification centre all have something true to show."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from jixiao.web.organisations.models import Organisation
from jixiao.web.season import services
from jixiao.web.season.models import Task

TITLE = "天河区2022年度预算绩效自评"


def load_season_demo(bureau: Organisation, department: Organisation, late: Organisation) -> None:
    if Task.objects.filter(title=TITLE).exists():
        return
    users = get_user_model().objects
    today = timezone.localdate()
    task = services.task_issue(
        issuer=bureau,
        user=users.get(username="finance_admin"),
        year=2022,
        title=TITLE,
        form_types=["department_overall", "project"],
        departments=[department],
        unit_due=today - timedelta(days=3),
        department_due=today + timedelta(days=7),
        instructions=(
            "请各单位按《天河区财政局关于开展2022年度预算绩效自评工作的通知》要求，"
            "填报部门整体支出和项目支出绩效自评表，经主管部门审核后报送。"
        ),
    )
    services.task_remind(
        task=task,
        units=[late],
        user=users.get(username="dept_reviewer"),
        message="贵单位2022年度自评表已逾期未提交，请于本周内完成填报并提交审核。",
        today=today,
    )
