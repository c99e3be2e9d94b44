"""The daily anchor is scheduled: every worker enqueues it when it starts and once a day after,
and however often it runs in a day (two workers, a systemd timer, the bureau's button), the day
has one anchor."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from jixiao.web.jobs.daily import daily_tasks, enqueue_daily
from jixiao.web.jobs.services import Heartbeat
from jixiao.web.sealing.models import DailyAnchor
from jixiao.web.sealing.services import anchor_create
from jixiao.web.sealing.tasks import daily_anchor

REPO = Path(__file__).parents[3]


def test_the_anchor_is_among_the_daily_tasks() -> None:
    assert daily_anchor in daily_tasks()


def test_a_worker_enqueues_the_daily_tasks_once_a_day(db, settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    heartbeat = Heartbeat("test-worker", "immediate")
    heartbeat.schedule()  # at start: today's anchor
    heartbeat.schedule()  # the next beat of the same day: nothing more
    assert heartbeat.scheduled_on is not None
    assert DailyAnchor.objects.count() == 1
    # A second worker (or a timer) that runs it again the same day makes no second anchor.
    enqueue_daily(heartbeat.scheduled_on, None)
    call_command("audit", "anchor", verbosity=0)
    assert DailyAnchor.objects.count() == 1
    # The next day's first beat makes the next one, chained to the first.
    tomorrow = heartbeat.scheduled_on + dt.timedelta(days=1)
    assert enqueue_daily(tomorrow, heartbeat.scheduled_on) == tomorrow
    first = DailyAnchor.objects.get()
    second = anchor_create(day=tomorrow)
    assert second.previous_hash == first.hash


@pytest.mark.slow
@pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="runs its own processes on a private SQLite database: once, in the SQLite pass",
)
def test_running_the_worker_twice_in_one_day_makes_one_anchor(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="jixiao.web.settings",
        JIXIAO_VAR_DIR=str(tmp_path),
        JIXIAO_TASKS="database",
    )

    def manage(*args: str) -> str:
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

    manage("migrate", "--noinput", "-v", "0")
    count = "from jixiao.web.sealing.models import DailyAnchor as A; print(A.objects.count())"
    assert manage("shell", "--no-imports", "-c", count).strip() == "0"
    manage("worker", "--batch")  # e.g. from cron: enqueues today's anchor, runs it, exits
    manage("worker", "--batch")  # again the same day
    assert manage("shell", "--no-imports", "-c", count).strip() == "1"


def test_a_worker_that_loses_the_race_for_the_days_anchor_returns_the_winners(
    db, monkeypatch
) -> None:
    # Two workers find no anchor for today; the other one stores its anchor while this one
    # reads the chain heads. This one meets the day's unique constraint and returns that one.
    from jixiao.web.sealing import services

    day = dt.date(2026, 3, 5)
    heads = services.chain_heads

    def racing_worker_stores_first() -> dict[int, str]:
        DailyAnchor.objects.create(day=day, payload="{}", previous_hash="0" * 64, hash="f" * 64)
        return heads()

    monkeypatch.setattr(services, "chain_heads", racing_worker_stores_first)
    assert anchor_create(day=day).hash == "f" * 64
    assert DailyAnchor.objects.count() == 1
