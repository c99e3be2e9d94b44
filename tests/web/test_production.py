"""Production as deployed: gunicorn (scripts/serve, two workers) and a task worker
(scripts/worker) on their own database; the probes, static files, request ids and JSON logs; a
server error is logged with the id the user sees on the Chinese 500 page."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import Client

from jixiao.web.ops.logs import JsonFormatter
from jixiao.web.ops.requests import RequestIdFilter
from tests.servers import free_port, wait_for_port
from tests.web.test_settings import production_env

REPO = Path(__file__).parents[2]


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _ready(base: str) -> tuple[int, dict[str, object]]:
    status, _, body = _get(f"{base}/readyz")
    return status, json.loads(body)


def _wait_ready(base: str, want: int, timeout: float = 60) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while True:
        status, body = _ready(base)
        if status == want or time.monotonic() > deadline:
            assert status == want, body
            return body
        time.sleep(0.3)


@pytest.mark.slow
@pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="runs its own servers: once, in the SQLite pass"
)
def test_gunicorn_and_the_worker_serve_and_report_readiness(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = production_env(
        tmp_path,
        JIXIAO_HTTPS="false",
        JIXIAO_ALLOWED_HOSTS="127.0.0.1",
        JIXIAO_BIND=f"127.0.0.1:{port}",
        JIXIAO_WORKERS="2",
        JIXIAO_WORKER_BEAT="1",
        JIXIAO_WORKER_STALE="10",
    )
    manage = [sys.executable, "manage.py"]
    subprocess.run(
        [*manage, "collectstatic", "--noinput", "-v", "0"], cwd=REPO, env=env, check=True
    )
    log = (tmp_path / "serve.log").open("w+")
    server = subprocess.Popen(["scripts/serve"], cwd=REPO, env=env, stdout=log, stderr=log)
    worker = None
    try:
        wait_for_port(port, timeout=60)
        assert _get(f"{base}/healthz")[0] == 200

        # An empty database: reachable, but not migrated, and no worker yet.
        status, body = _ready(base)
        assert status == 503
        assert body["checks"] == {"database": True, "migrations": False, "worker": False}

        subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=REPO, env=env, check=True)
        assert _ready(base)[1]["checks"] == {"database": True, "migrations": True, "worker": False}
        worker = subprocess.Popen(["scripts/worker"], cwd=REPO, env=env, stdout=log, stderr=log)
        assert _wait_ready(base, 200)["checks"] == {
            "database": True,
            "migrations": True,
            "worker": True,
        }

        status, headers, body = _get(
            f"{base}/static/jixiao/style.css", **{"Accept-Encoding": "gzip"}
        )
        assert status == 200 and headers.get("Content-Encoding") == "gzip"

        status, headers, body = _get(f"{base}/login/", **{"X-Request-ID": "probe-0000-0001"})
        assert status == 200 and headers["X-Request-ID"] == "probe-0000-0001"
        assert "登录" in body.decode()
        status, headers, _ = _get(f"{base}/login/", **{"X-Request-ID": "bad id!"})
        assert len(headers["X-Request-ID"]) == 32, "an unsafe offered id is replaced"

        # A worker that stops takes its heartbeat with it: not ready any more.
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=30) == 0
        assert _wait_ready(base, 503)["checks"]["worker"] is False
    finally:
        for process in (worker, server):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)
    log.seek(0)
    lines = [json.loads(line) for line in log.read().splitlines() if line.startswith("{")]
    access = [entry for entry in lines if entry.get("request_id") == "probe-0000-0001"]
    assert access and access[0]["path"] == "/login/" and access[0]["status"] == 200


@pytest.mark.django_db
def test_a_server_error_is_logged_with_the_id_shown_to_the_user(settings, caplog):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.web.crashing_urls"
    caplog.handler.addFilter(RequestIdFilter())
    caplog.handler.setFormatter(JsonFormatter())
    logging.getLogger("django.request").addHandler(caplog.handler)
    try:
        response = Client(raise_request_exception=False).get("/crash/")
    finally:
        logging.getLogger("django.request").removeHandler(caplog.handler)
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    page = response.content.decode()
    assert "系统出错" in page and request_id in page and "ZeroDivisionError" not in page
    records = [r for r in caplog.records if r.name == "django.request"]
    assert records and {(r.levelname, r.request_id) for r in records} == {("ERROR", request_id)}
    record = records[0]
    entry = json.loads(caplog.handler.format(record))
    assert entry["request_id"] == request_id and "ZeroDivisionError" in entry["exception"]


@pytest.mark.django_db
def test_an_unreachable_database_is_a_chinese_503_to_retry_logged_with_its_id(settings, caplog):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.web.crashing_urls"
    caplog.handler.addFilter(RequestIdFilter())
    logging.getLogger("django.request").addHandler(caplog.handler)
    try:
        response = Client(raise_request_exception=False).get("/database-gone/")
    finally:
        logging.getLogger("django.request").removeHandler(caplog.handler)
    assert response.status_code == 503 and response["Retry-After"] == "5"
    page = response.content.decode()
    request_id = response["X-Request-ID"]
    assert "数据库暂时无法连接" in page and request_id in page
    assert "OperationalError" not in page and "Traceback" not in page
    records = [r for r in caplog.records if r.name == "django.request"]
    assert {(r.levelname, r.request_id) for r in records} == {("ERROR", request_id)}
