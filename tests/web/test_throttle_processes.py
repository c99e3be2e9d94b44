"""The API throttle holds across worker processes (gunicorn runs several): two separate Python
processes on one database, each counting one person's requests; the second sees the first's
count. Settings are read once per process, so each side is a fresh interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.web.test_settings import production_env

REPO = Path(__file__).parents[2]

# One worker's answers to ``n`` requests by the person with id 7, at 4 requests a minute.
WORKER = """
import sys, types, django
django.setup()
from jixiao.web.api.auth import PersonThrottle
person = types.SimpleNamespace(is_authenticated=True, pk=7)
request = types.SimpleNamespace(user=person, META={"REMOTE_ADDR": "127.0.0.1"})
print(" ".join("ok" if PersonThrottle().allow_request(request) else "429"
               for _ in range(int(sys.argv[1]))))
"""


def _worker(env: dict[str, str], n: int) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", WORKER, str(n)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.mark.slow
@pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="runs its own processes: once, in the SQLite pass"
)
def test_two_worker_processes_share_one_count(tmp_path):
    env = production_env(tmp_path, JIXIAO_API_RATE="4/m", JIXIAO_HTTPS="false")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=REPO,
        env=env,
        check=True,
        timeout=300,
    )
    assert _worker(env, 3) == ["ok", "ok", "ok"]
    # Another process: one request left of the four, then refused.
    assert _worker(env, 3) == ["ok", "429", "429"]
