"""Run work after the current transaction commits, on the task queue when it is installed.

A function decorated with django-tasks' ``@task`` is enqueued; a plain function runs in-process
after the commit (development and tests without a worker). Either way nothing is sent for a
write that was rolled back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction


def after_commit(work: Callable[..., Any], *args: Any) -> None:
    enqueue = getattr(work, "enqueue", None)
    if enqueue is not None:
        transaction.on_commit(lambda: enqueue(*args))
    else:
        transaction.on_commit(lambda: work(*args))
