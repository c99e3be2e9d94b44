"""``jixiao audit``: exit 2 when the check cannot run, 0 on an empty intact database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _jixiao(*args: str, var: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "JIXIAO_VAR_DIR": str(var), **env}
    environment.pop("DATABASE_URL", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "jixiao.cli.main", "audit", *args],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=120,
    )


def test_verify_cannot_run_without_the_database_tables(tmp_path: Path) -> None:
    done = _jixiao("verify", var=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "无法" in done.stderr


def test_verify_cannot_run_when_the_database_is_unreachable(tmp_path: Path) -> None:
    done = _jixiao("verify", var=tmp_path, DATABASE_URL="postgres://nobody@127.0.0.1:9/none")
    assert done.returncode == 2


def test_verify_package_refuses_a_file_that_is_no_zip(tmp_path: Path) -> None:
    bad = tmp_path / "x.zip"
    bad.write_bytes(b"not a zip")
    done = _jixiao("verify-package", str(bad), var=tmp_path)
    assert done.returncode == 2 and "x.zip" in done.stderr
