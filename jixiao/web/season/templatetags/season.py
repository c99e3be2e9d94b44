"""The season panel at the top of the home page: a unit's 待完成的任务 with days left; the
bureau's and each department's 填报进度 of the open tasks."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone

from jixiao.core.access import Act, Kind
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.organisations.access import permits
from jixiao.web.season import selectors
from jixiao.web.season.models import FormFacts, LineScore, Task

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
            selectors.may_set_unit_due(user, td.department)
            for td in selectors.task_departments(task)
        )
        if watches:
            tables.append(_summary(task, user, today))
    return {"panel": {"pending": selectors.pending_for_unit(user, today), "tables": tables}}


def _summary(task: Task, user: Any, today: Any) -> dict[str, Any]:
    """The task's overall tally, kept in the cache until a form of the task is saved, the task
    changes (dates, reminders: its record), or the day turns: the home page of a bureau with
    thousands of units then costs two small queries."""
    marks = FormFacts.objects.filter(task=task).aggregate(last=Max("evaluation__updated_at"))
    changed = task.events.aggregate(last=Max("at"))
    stamps = (task.created_at, marks["last"], changed["last"])
    key = f"season-panel:{task.pk}:{user.pk}:{today:%Y%m%d}:" + ":".join(
        f"{stamp.timestamp():.6f}" if stamp else "-" for stamp in stamps
    )
    summary = cache.get(key)
    if summary is None:
        table = selectors.progress_of(task, user, today)
        summary = {"task": task, "overall": table.overall}
        cache.set(key, summary, 3600)
    return summary


@register.inclusion_tag("season/_bureau_review.html", takes_context=True)
def bureau_review(context: dict[str, Any], evaluation: Evaluation) -> dict[str, Any]:
    """The bureau's score beside the unit's on a form's page, and the way to 复核评分."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if evaluation.form_type != Evaluation.FormType.PROJECT or user is None:
        return {"show": False}
    facts = FormFacts.objects.filter(evaluation=evaluation).first()
    may_score = permits(user, evaluation.organisation, Kind.EVALUATION, Act.SCORE) and (
        evaluation.status in (Evaluation.Status.FINANCE_APPROVED, Evaluation.Status.PUBLISHED)
    )
    scored = facts is not None and facts.bureau_score is not None
    return {
        "show": scored or may_score,
        "evaluation": evaluation,
        "facts": facts,
        "may_score": may_score,
        "lines": LineScore.objects.filter(evaluation=evaluation) if scored else [],
    }
