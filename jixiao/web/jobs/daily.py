"""Tasks a worker enqueues once a day, registered by the apps that own them.

Every worker enqueues the registered tasks when it starts and again on the first heartbeat of
each new day (local time). With several workers a task is enqueued several times a day, so a
daily task must be idempotent for its day (the sealing app's daily anchor is: a day has one).
A deployment may also run the same work from a systemd timer (``docs/deploy.md``); that too is
harmless twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django_tasks.base import Task

log = logging.getLogger("jixiao.web.jobs")

_DAILY: list[Task[[], Any]] = []


def daily(task: Task[[], Any]) -> Task[[], Any]:
    """Register ``task`` (a ``@task()`` with no arguments) to be enqueued once a day."""
    if task not in _DAILY:
        _DAILY.append(task)
    return task


def daily_tasks() -> tuple[Task[[], Any], ...]:
    return tuple(_DAILY)


def enqueue_daily(today: dt.date, last: dt.date | None) -> dt.date:
    """Enqueue every daily task unless this worker already did on ``today``; the day done."""
    if last == today:
        return today
    for task in _DAILY:
        task.enqueue()
        log.info("daily task %s enqueued for %s", task.name, today)
    return today
