"""The offline bundle: `scripts/bundle` writes one archive; unpacked on a machine without a
package index, `scripts/bootstrap run` installs from its wheels alone and `scripts/run` serves
the demo with the seed form imported. Nothing is fetched from npm at any point. The ldap extra
comes along: PyPI has python-ldap only as source, so the bundle carries a wheel built for the
target Python, and `JIXIAO_EXTRAS=ldap` installs it with the rest.

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
LOCK = (REPO / "requirements" / "lock.txt").read_text().splitlines()
PYTHON_LDAP = next(line for line in LOCK if line.lower().startswith("python-ldap=="))


def _bootstrap(root: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["scripts/bootstrap", "run"], cwd=root, env=env, capture_output=True, text=True, timeout=900
    )


def test_an_extra_pyproject_does_not_have_is_refused_before_anything_is_installed():
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    refused = _bootstrap(REPO, {**env, "JIXIAO_EXTRAS": "ldap,kerberos"})
    assert refused.returncode == 1
    assert "JIXIAO_EXTRAS names 'kerberos'" in refused.stderr
    assert "ldap" in refused.stderr.split("known:")[1]  # the extras that exist are listed
    assert "installing" not in refused.stdout


@pytest.mark.slow
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
    wheels = root / "wheels"
    tag = f"cp{sys.version_info.major}{sys.version_info.minor}"
    version = PYTHON_LDAP.split("==")[1]
    assert list(wheels.glob(f"python_ldap-{version}-{tag}-{tag}-linux_x86_64.whl")), built.stdout
    assert list(wheels.glob("django_auth_ldap-*-none-any.whl"))
    # The target needs OpenLDAP's runtime library (named as on the bundling machine), not -dev.
    debian = (root / "debian-packages.txt").read_text().split()
    assert "libsasl2-2" in debian and any(p.startswith("libldap") for p in debian)
    assert not any(p.endswith("-dev") for p in debian)
    assert "JIXIAO_EXTRAS=ldap" in (root / "OFFLINE.txt").read_text()

    offline = {
        **env,
        "PIP_INDEX_URL": "http://127.0.0.1:9/simple",  # nothing listens there
        "PIP_CONFIG_FILE": os.devnull,
        "PATH": "/usr/bin:/bin",  # no npm, no pyenv shims
    }
    # The extra alone, into a fresh virtualenv, from the wheels and nothing else.
    venv = tmp_path / "ldap-venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True, timeout=120)
    alone = subprocess.run(
        [venv / "bin" / "pip", "install", "-q", "--no-index", "--find-links", wheels,
         PYTHON_LDAP, "django-auth-ldap"],
        env=offline, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert alone.returncode == 0, alone.stderr[-3000:]
    imported = subprocess.run(
        [venv / "bin" / "python", "-c", "import ldap, django_auth_ldap; print(ldap.__version__)"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert imported.stdout.strip() == version, imported.stderr

    with_ldap = {**offline, "JIXIAO_EXTRAS": "ldap"}
    # A bundle without the wheel for the target's Python says so instead of failing in pip.
    (wheel,) = wheels.glob(f"python_ldap-*-{tag}-*.whl")
    wheel.rename(tmp_path / wheel.name)
    missing = _bootstrap(root, with_ldap)
    assert missing.returncode == 1
    assert "this bundle has no python-ldap wheel for Python 3." in missing.stderr
    (tmp_path / wheel.name).rename(wheel)

    installed = _bootstrap(root, with_ldap)
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-3000:]
    assert "installing from wheels/ (offline)" in installed.stdout
    signed_on = subprocess.run(
        [root / ".venv" / "bin" / "python", "-c", "import ldap, django_auth_ldap"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert signed_on.returncode == 0, signed_on.stderr

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
