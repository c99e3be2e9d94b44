"""Starting jobs, reporting their progress, and the workers' heartbeats.

A job row and its queue entry are made together: with the database backend both are written in
the caller's transaction (the worker sees both or neither, and nothing is lost if the process
dies right after the commit); with an external queue (Redis) the entry is pushed after the
commit, so that a fast worker never looks for a job row that is not there yet.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import close_old_connections, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_tasks.base import Task

from jixiao.web.jobs.daily import enqueue_daily
from jixiao.web.jobs.models import Job, WorkerBeat

log = logging.getLogger("jixiao.jobs")

# Shown to the user when a task fails for a reason it did not explain itself (the traceback goes
# to the log, never to the page).
FAILED_MESSAGE = "任务执行出错，已记录日志，请稍后重试或联系系统管理员。"


class JobFailure(Exception):
    """Raised by a task to fail its job with a message meant for the user (in Chinese)."""


def _enqueue_in_transaction(task: Task[..., Any]) -> bool:
    from django_tasks_db import DatabaseBackend

    return isinstance(task.get_backend(), DatabaseBackend)


def job_start(
    task: Task[..., Any],
    *,
    title: str,
    user: AbstractBaseUser | AnonymousUser | None,
    **kwargs: Any,
) -> Job:
    """Create a job and queue ``task(job_id=…, **kwargs)`` to run it."""
    owner_id = user.pk if user is not None and user.is_authenticated else None
    job = Job.objects.create(kind=task.module_path, title=title, owner_id=owner_id)
    job_enqueue(task, job, **kwargs)
    return job


def job_enqueue(task: Task[..., Any], job: Job, **kwargs: Any) -> None:
    """Queue ``task(job_id=…, **kwargs)`` for a job that exists: the first task of
    :func:`job_start`, or one more part of a job split across workers (see
    :func:`job_part_running`). The job remembers the last task queued."""

    def enqueue() -> None:
        result = task.enqueue(job_id=str(job.pk), **kwargs)
        Job.objects.filter(pk=job.pk).update(task_result_id=str(result.id))
        job.task_result_id = str(result.id)

    if _enqueue_in_transaction(task):
        enqueue()
    else:
        transaction.on_commit(enqueue, robust=False)


class RunningJob:
    """What a task sees of its job: progress, a result file."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def progress(self, done: int, total: int, message: str = "") -> None:
        # Written at once, outside any transaction of the task, so the page shows it now.
        Job.objects.filter(pk=self.job.pk).update(
            done=min(done, total), total=total, message=message[:500]
        )
        self.job.done, self.job.total, self.job.message = min(done, total), total, message

    def attach(self, *, name: str, content: bytes, path: str | None = None) -> str:
        """Store ``content`` as this job's result (``path`` in storage; one is made up if not
        given) and offer it for download as ``name``."""
        stored = default_storage.save(path or f"jobs/{self.job.pk}/{name}", ContentFile(content))
        Job.objects.filter(pk=self.job.pk).update(result_file=stored, result_name=name)
        self.job.result_file, self.job.result_name = stored, name
        return stored


@contextmanager
def job_running(job_id: str) -> Iterator[RunningJob]:
    """Run a task's body as job ``job_id``: running, then done, or failed with a message."""
    with job_part_running(job_id) as running:
        yield running
    _finish(running.job, Job.Status.DONE, running.job.message or "已完成")


@contextmanager
def job_part_running(job_id: str) -> Iterator[RunningJob]:
    """Run one part of a job split into several tasks (each queued by :func:`job_enqueue`):
    the job is running from its first part on, failed with a message if a part fails, and
    left running when a part ends well (the task that ends the job uses :func:`job_running`)."""
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING,
        started_at=Coalesce(F("started_at"), Value(timezone.now())),
        finished_at=None,
    )
    running = RunningJob(job)
    try:
        yield running
    except JobFailure as failure:
        _finish(job, Job.Status.FAILED, str(failure))
        raise
    except BaseException:
        log.error("job %s (%s) failed:\n%s", job.pk, job.kind, traceback.format_exc())
        _finish(job, Job.Status.FAILED, FAILED_MESSAGE)
        raise


def _finish(job: Job, status: str, message: str) -> None:
    changes: dict[str, Any] = {
        "status": status,
        "message": message[:500],
        "finished_at": timezone.now(),
    }
    if status == Job.Status.DONE:
        fresh = Job.objects.only("total").get(pk=job.pk)
        changes["done"] = fresh.total
    Job.objects.filter(pk=job.pk).update(**changes)


def jobs_run_pending() -> int:
    """Run every queued task of the database backend here and now; return how many ran.

    For tests and one-off scripts: each task goes through the database worker's own
    ``run_task`` (status, result, signals), but without its locking loop, which opens a
    transaction of its own and so cannot run inside a test's.
    """
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"inline-{os.getpid()}",
    )
    ran = 0
    while (result := DBTaskResult.objects.ready().first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    return ran


class Heartbeat(threading.Thread):
    """Touches this worker's :class:`WorkerBeat` row every ``WORKER_BEAT_SECONDS`` until stopped.

    A thread, so that a long task does not make a busy worker look dead.
    """

    def __init__(self, worker_id: str, backend: str) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.backend = backend
        self.stopping = threading.Event()
        self.scheduled_on: dt.date | None = None  # the day this worker enqueued the daily tasks

    def beat(self) -> None:
        now = timezone.now()
        WorkerBeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"seen_at": now, "host": socket.gethostname(), "pid": os.getpid()},
            create_defaults={
                "seen_at": now,
                "started_at": now,
                "host": socket.gethostname(),
                "pid": os.getpid(),
                "backend": self.backend,
            },
        )

    def schedule(self) -> None:
        """Enqueue the daily tasks on the first beat of each day (see jobs.daily)."""
        self.scheduled_on = enqueue_daily(timezone.localdate(), self.scheduled_on)

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                self.beat()
                self.schedule()
            except Exception:  # the database may be restarting: beat again later
                log.warning("worker %s: heartbeat not written", self.worker_id, exc_info=True)
            finally:
                close_old_connections()
            self.stopping.wait(settings.WORKER_BEAT_SECONDS)

    def stop(self) -> None:
        self.stopping.set()
        try:
            WorkerBeat.objects.filter(worker_id=self.worker_id).delete()
        except Exception:
            log.warning("worker %s: heartbeat row left behind", self.worker_id, exc_info=True)
