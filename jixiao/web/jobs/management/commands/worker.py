"""``manage.py worker``: run background tasks on whichever queue ``JIXIAO_TASKS`` chose.

The database backend's own worker (``db_worker``) or RQ's (``rqworker`` with the job class
django-tasks-rq needs), plus a heartbeat that ``/readyz`` reads. Run as many as you like, on as
many machines as share the database (and the Redis server).
"""

from __future__ import annotations

import os
import socket
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.crypto import get_random_string

from jixiao.web.jobs.services import Heartbeat


class Command(BaseCommand):
    help = "Run background tasks (database queue or RQ, as configured) with a heartbeat"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="run what is queued, then exit (tests, cron)"
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between polls of an idle queue"
        )

    def handle(self, *args: Any, batch: bool, interval: float, **options: Any) -> None:
        backend = settings.TASK_BACKEND
        # Host and pid say where a stuck worker runs; the suffix keeps ids unique across restarts.
        worker_id = f"{socket.gethostname()[:60]}-{os.getpid()}-{get_random_string(6)}"
        heartbeat = Heartbeat(worker_id, backend)
        heartbeat.beat()  # at once: /readyz turns ready as soon as the worker is up
        heartbeat.start()
        try:
            if backend == "database":
                call_command(
                    "db_worker",
                    queue_name="*",
                    interval=interval,
                    batch=batch,
                    reload=False,
                    worker_id=worker_id,
                    verbosity=options["verbosity"],
                )
            elif backend == "rq":
                rq_options: dict[str, Any] = {"job_class": "django_tasks_rq.Job", "name": worker_id}
                call_command("rqworker", "default", burst=batch, with_scheduler=True, **rq_options)
            else:
                raise CommandError("JIXIAO_TASKS=immediate runs tasks in the request: no worker")
        finally:
            heartbeat.stop()
