"""``jixiao backup`` then ``jixiao restore`` into an empty database and file folder: every
table has the rows it had and every stored form the same content hash, every stored file the
same bytes. On SQLite in the SQLite pass, on PostgreSQL (pg_dump/pg_restore) in the PostgreSQL
pass, each time in separate processes as an operator would run them."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

REPO = Path(__file__).parents[2]
JIXIAO = str(REPO / ".venv" / "bin" / "jixiao")

pytestmark = pytest.mark.slow

FINGERPRINT = """
import hashlib, json
from django.core.files.storage import default_storage
from jixiao.web.jobs.models import Job
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.ops.backup import table_counts
if not Job.objects.exists():
    from jixiao.web.jobs.services import RunningJob
    job = Job.objects.create(kind="test", title="备份测试")
    RunningJob(job).attach(name="结果.csv", content="单位,得分\\n天河,95\\n".encode())
forms = {
    str(e.pk): hashlib.sha256(json.dumps(e.data, sort_keys=True).encode()).hexdigest()
    for e in Evaluation.objects.all()
}
print(json.dumps({"tables": table_counts(), "forms": forms}))
"""


def _run(env, *args, check=True):
    done = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    if check:
        assert done.returncode == 0, done.stderr[-3000:]
    return done


def _state(env):
    out = _run(
        env, str(REPO / ".venv/bin/python"), "manage.py", "shell", "--no-imports", "-c", FINGERPRINT
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _databases(tmp_path):
    """Two database URLs, the original and the empty one to restore into."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return "", ""  # SQLite in each environment's own folder
    import psycopg

    parts = urlsplit(url)
    names = [f"backup_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("src", "dst")]
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    return tuple(urlunsplit(parts._replace(path=f"/{n}")) for n in names)


def _env(folder: Path, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DATABASE_URL"))}
    env.update(DJANGO_SETTINGS_MODULE="jixiao.web.settings", JIXIAO_VAR_DIR=str(folder))
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def test_a_backup_restores_into_an_empty_database_exactly(tmp_path):
    source_url, target_url = _databases(tmp_path)
    source = _env(tmp_path / "source", source_url)
    target = _env(tmp_path / "target", target_url)
    python = str(REPO / ".venv/bin/python")
    _run(source, python, "manage.py", "migrate", "--noinput", "-v", "0")
    _run(source, python, "manage.py", "load_demo", "-v", "0")
    before = _state(source)
    assert before["forms"] and before["tables"]["evaluations_evaluation"] >= 3

    archive = tmp_path / "jixiao.tar.gz"
    assert "files" in _run(source, JIXIAO, "backup", str(archive)).stdout
    restored = _run(target, JIXIAO, "restore", str(archive))
    assert "match the backup" in restored.stdout

    after = _state(target)
    assert after == before
    stored = list((tmp_path / "target" / "files").rglob("结果.csv"))
    assert len(stored) == 1 and stored[0].read_text() == "单位,得分\n天河,95\n"

    again = _run(target, JIXIAO, "restore", str(archive), check=False)
    assert again.returncode == 1 and "not empty" in again.stderr
