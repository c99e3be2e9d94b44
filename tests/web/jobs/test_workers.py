"""The worker as deployed: a separate ``manage.py worker`` process takes a job from the database
queue, or from a real Redis server with RQ, runs it and leaves a heartbeat while it lives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import redis_server

REPO = Path(__file__).parents[3]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")),
        reason="runs its own processes on a private SQLite database: once, in the SQLite pass",
    ),
]

START = """
from jixiao.web.jobs.services import job_start
from tests.web.jobs.sample_tasks import count_to
print(job_start(count_to, title="数到五", user=None, n=5).pk)
"""
SHOW = """
from jixiao.web.jobs.models import Job, WorkerBeat
job = Job.objects.get(pk="{pk}")
print(job.status, job.done, job.total, job.result_name, WorkerBeat.objects.count())
"""


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DATABASE_URL"))}
    env.update(DJANGO_SETTINGS_MODULE="jixiao.web.settings", JIXIAO_VAR_DIR=str(tmp_path), **extra)
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _round_trip(env: dict[str, str]) -> None:
    _manage(env, "migrate", "--noinput", "-v", "0")
    pk = _manage(env, "shell", "--no-imports", "-c", START).strip()
    assert _manage(env, "shell", "--no-imports", "-c", SHOW.format(pk=pk)).split() == [
        "queued",
        "0",
        "0",
        "0",
    ]
    _manage(env, "worker", "--batch")
    # Done, every step counted, the file stored; the worker removed its heartbeat on leaving.
    assert _manage(env, "shell", "--no-imports", "-c", SHOW.format(pk=pk)).split() == [
        "done",
        "5",
        "5",
        "计数.txt",
        "0",
    ]


def test_a_database_queue_worker_runs_the_job(tmp_path):
    _round_trip(_env(tmp_path, JIXIAO_TASKS="database"))


def test_an_rq_worker_runs_the_job_from_a_real_redis_server(tmp_path):
    with redis_server(tmp_path) as url:
        _round_trip(_env(tmp_path, JIXIAO_TASKS="rq", JIXIAO_REDIS_URL=url))
