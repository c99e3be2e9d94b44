"""The offline bundle: `scripts/bundle` writes one archive; unpacked on a machine without a
package index, `scripts/bootstrap run` installs from its wheels alone and `scripts/run` serves
the demo with the seed form imported. Nothing is fetched from npm at any point.

Building the bundle reads PyPI (through pip's cache when warm); installing it cannot: the index
is pointed at a closed port, so any download attempt fails the test.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tarfile
import time
import urllib.request
from pathlib import Path

import pytest

from tests.servers import free_port

REPO = Path(__file__).parent.parent
pytestmark = pytest.mark.slow


def test_the_bundle_installs_and_runs_with_no_network(tmp_path):
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DATABASE_URL"))}
    built = subprocess.run(
        ["scripts/bundle", str(tmp_path / "out")],
        cwd=REPO,
        env={**env, "JIXIAO_BUNDLE_PYTHONS": python},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    (archive,) = (tmp_path / "out").glob("jixiao-bundle-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        tar.extractall(tmp_path / "site", filter="data")
    root = tmp_path / "site" / "jixiao"
    assert "jixiao/jixiao/web/static/vendor/echarts.min.js" in names
    assert "fonts-noto-cjk" in (root / "debian-packages.txt").read_text().split()
    assert not any("/.venv/" in n or n.endswith(".sqlite3") for n in names)

    offline = {
        **env,
        "PIP_INDEX_URL": "http://127.0.0.1:9/simple",  # nothing listens there
        "PIP_CONFIG_FILE": os.devnull,
        "PATH": "/usr/bin:/bin",  # no npm, no pyenv shims
    }
    installed = subprocess.run(
        ["scripts/bootstrap", "run"],
        cwd=root,
        env=offline,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-3000:]
    assert "installing from wheels/ (offline)" in installed.stdout

    port = free_port()
    log = (tmp_path / "run.log").open("w+")
    server = subprocess.Popen(
        ["scripts/run"],
        cwd=root,
        env={**offline, "JIXIAO_PORT": str(port)},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=10) as r:
                    assert r.status == 200 and "登录" in r.read().decode()
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, log.name
                time.sleep(1)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    log.seek(0)
    output = log.read()
    assert "seed form loaded from tianhe_zhengfawei_2022.txt" in output, output[-2000:]
    assert "按 Ctrl+C 停止" in output
