"""The season panel at the top of the home page: a unit's 待完成的任务 with days left; the
bureau's and each department's 填报进度 of the open tasks."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from jixiao.core.workflow import Role
from jixiao.web.evaluations.access import roles_at
from jixiao.web.season import selectors
from jixiao.web.season.models import Task

register = template.Library()


@register.inclusion_tag("season/_panel.html", takes_context=True)
def season_panel(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"panel": {}}
    today = timezone.localdate()
    tables = []
    for task in selectors.tasks_visible_to(user).filter(status=Task.Status.ISSUED)[:5]:
        watches = selectors.may_manage(user, task) or any(
            Role.DEPARTMENT_REVIEWER in roles_at(user, td.department)
            for td in selectors.task_departments(task)
        )
        if watches:
            tables.append(selectors.progress_of(task, user, today))
    return {"panel": {"pending": selectors.pending_for_unit(user, today), "tables": tables}}
