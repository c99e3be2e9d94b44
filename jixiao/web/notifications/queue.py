"""Queue a task so that nothing runs for a write that was rolled back.

With the database queue the entry is written in the caller's transaction (both or neither are
committed, and nothing is lost if the process dies just after the commit); with an external
queue (Redis) it is pushed after the commit, so that a fast worker never looks for a row that is
not there yet. The same rule as :func:`jixiao.web.jobs.services.job_start`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task


def _in_transaction(task: Task[..., Any]) -> bool:
    try:
        from django_tasks_db import DatabaseBackend
    except ImportError:  # the RQ-only install
        return False
    return isinstance(task.get_backend(), DatabaseBackend)


def enqueue(task: Task[..., Any], *args: Any, delay: timedelta | None = None) -> None:
    """Queue ``task(*args)``, after ``delay`` when the backend can defer (else at once)."""
    if delay is not None and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + delay)

    def push() -> None:
        task.enqueue(*args)

    if _in_transaction(task):
        push()
    else:
        transaction.on_commit(push, robust=False)
