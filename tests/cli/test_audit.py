"""``jixiao audit``: exit 2 when the check cannot run, 0 on an empty intact database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


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


def _manage(*args: str, var: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "JIXIAO_VAR_DIR": str(var)}
    environment.pop("DATABASE_URL", None)
    environment.pop("JIXIAO_SIGNING_PKCS12", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=300,
        cwd=Path(__file__).parents[2],
    )


@pytest.mark.slow
def test_export_package_of_a_stored_form_then_verify_it_and_the_database(tmp_path: Path) -> None:
    assert _manage("migrate", "-v", "0", var=tmp_path).returncode == 0
    assert _manage("load_demo", "-v", "0", var=tmp_path).returncode == 0
    assert _manage("load_sealing_demo", var=tmp_path).returncode == 0
    found = _manage(
        "shell",
        "-c",
        "from jixiao.web.evaluations.models import Evaluation;"
        "print(Evaluation.objects.get(status='published').pk)",
        var=tmp_path,
    )
    form_id = found.stdout.strip().splitlines()[-1]
    out = tmp_path / "packages"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "jixiao.cli.main",
            "export",
            form_id,
            "--package",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "JIXIAO_VAR_DIR": str(tmp_path)},
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    package = out / f"form-{form_id}-package.zip"
    checked = _jixiao("verify-package", str(package), var=tmp_path)
    assert checked.returncode == 0 and "完整" in checked.stdout, checked.stdout + checked.stderr
    verified = _jixiao("verify", var=tmp_path)
    assert verified.returncode == 0 and "完整" in verified.stdout, verified.stdout
