"""``make bench-load``: the season's last day on gunicorn + PostgreSQL, then the same load with
faults (a gunicorn worker killed with SIGKILL; PostgreSQL stopped and restarted), all on
127.0.0.1 and bounded in users and time. Prints requests/s, p50/p95 and errors per phase, then
checks that every save the users saw succeed is stored, exactly once, with its audit row.

Size: JIXIAO_LOAD_UNITS (1000) units × JIXIAO_LOAD_YEARS (2) years of generated forms around the
40 forms being filled; JIXIAO_LOAD_USERS (50), JIXIAO_LOAD_SECONDS (60) per phase.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PY = str(REPO / ".venv" / "bin" / "python")
PASSWORD = "load-test-only-pw"
FILLERS = 40

SETUP = """
import json
from django.contrib.auth.models import User
from jixiao.web.evaluations import demo
from jixiao.web.evaluations.analysis import complete, rules_named
from jixiao.web.evaluations.services import evaluation_create
from jixiao.web.organisations.models import Membership, Organisation
department = Organisation.objects.get(kind="department", name__contains="政法委")
reviewer = User.objects.get(username="dept_reviewer")
reviewer.set_password("{pw}"); reviewer.save()
forms = []
for i in range({n}):
    unit = Organisation.objects.create(name=f"压测单位{{i:03d}}", kind="unit", parent=department)
    user = User.objects.create_user(f"filler{{i:03d}}", password="{pw}")
    for role in ("filler", "unit_head"):
        Membership.objects.create(user=user, organisation=unit, role=role)
    form = demo.centre_form(2023).model_copy(update={{"department": unit.name}})
    form = complete(form, rules_named(None, "department"))
    e = evaluation_create(organisation=unit, form=form, user=None)
    forms.append([user.username, e.pk])
print(json.dumps(forms))
"""

CHECK = """
import json
import re
from collections import Counter
from jixiao.web.evaluations.models import Evaluation
saves = json.load(open("{saves}"))
report = {{"forms": 0, "saves_seen": 0, "missing": 0, "duplicated": 0, "unseen_but_stored": 0,
          "final_value_wrong": 0}}
for pk, markers in saves.items():
    e = Evaluation.objects.get(pk=int(pk))
    stored = Counter()
    for row in e.history.filter(history_change_reason="保存草稿"):
        text = json.dumps(row.data, ensure_ascii=False)
        for m in re.findall(r"load-\\d-filler\\d+-\\d+", text):
            stored[m] += 1
    report["forms"] += 1
    report["saves_seen"] += len(markers)
    seen = [m for m in markers if m]
    report["missing"] += sum(1 for m in seen if stored[m] == 0)
    report["duplicated"] += sum(1 for m, n in stored.items() if n > 1)
    report["unseen_but_stored"] += sum(1 for m in stored if m not in set(seen))
    order = lambda m: (int(m.split("-")[1]), int(m.rsplit("-", 1)[1]))
    last = max(stored, key=order, default=None)
    if last and last not in json.dumps(e.data, ensure_ascii=False):
        report["final_value_wrong"] += 1
print(json.dumps(report))
"""


def sh(cmd: str, env: dict[str, str]) -> str:
    return subprocess.run(
        ["bash", "-c", cmd], cwd=REPO, env=env, check=True, capture_output=True, text=True
    ).stdout


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PY, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=3600
    )
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    return done.stdout


def ready(base: str) -> int:
    try:
        with urllib.request.urlopen(f"{base}/readyz", timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return 0


def locust(
    env: dict[str, str], base: str, out: Path, users: int, seconds: int
) -> dict[str, object]:
    subprocess.run(
        [
            str(REPO / ".venv/bin/locust"),
            "-f",
            str(Path(__file__).parent / "locustfile.py"),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(max(1, users // 5)),
            "--run-time",
            f"{seconds}s",
            "--host",
            base,
            "--csv",
            str(out),
            "--only-summary",
            "--loglevel",
            "ERROR",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=seconds + 120,
    )
    with open(f"{out}_stats.csv", encoding="utf-8") as f:
        rows = {r["Name"]: r for r in csv.DictReader(f)}
    total = rows["Aggregated"]
    return {
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "rps": round(float(total["Requests/s"]), 1),
        "p50_ms": int(float(total["50%"])),
        "p95_ms": int(float(total["95%"])),
        "editor_save_p95_ms": int(float(rows.get("editor POST", total)["95%"])),
    }


def main() -> int:
    units = os.environ.get("JIXIAO_LOAD_UNITS", "1000")
    years = os.environ.get("JIXIAO_LOAD_YEARS", "2")
    users = int(os.environ.get("JIXIAO_LOAD_USERS", "50"))
    seconds = int(os.environ.get("JIXIAO_LOAD_SECONDS", "60"))
    work = Path(tempfile.mkdtemp(prefix="jixiao-load-"))
    base_env = {
        k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DATABASE_URL"))
    }
    pg = sh(
        'source scripts/pg; pg_start >/dev/null; echo "$DATABASE_URL $PG_DIR"', base_env
    ).split()
    database_url, pg_dir = pg
    pg_bin = sh("source scripts/pg; pg_bindir", base_env).strip()
    pg_port = database_url.rsplit(":", 1)[1].split("/")[0]
    port = 18000 + os.getpid() % 1000
    base = f"http://127.0.0.1:{port}"
    env = {
        **base_env,
        "DJANGO_SETTINGS_MODULE": "jixiao.web.settings",
        "DATABASE_URL": database_url,
        "JIXIAO_DEBUG": "false",
        "JIXIAO_SECRET_KEY": "load-test-secret-" + "x" * 40,
        "JIXIAO_HTTPS": "false",
        "JIXIAO_ALLOWED_HOSTS": "127.0.0.1",
        "JIXIAO_VAR_DIR": str(work),
        "JIXIAO_BIND": f"127.0.0.1:{port}",
        "JIXIAO_WORKERS": os.environ.get("JIXIAO_WORKERS", "2"),
        "JIXIAO_LOG_LEVEL": "WARNING",
    }
    processes: list[subprocess.Popen[bytes]] = []
    try:
        psql = f"{pg_bin}/psql -h 127.0.0.1 -p {pg_port} -U postgres"
        sh(f"runuser -u postgres -- {psql} -c 'CREATE DATABASE jixiao' postgres", base_env)
        print(f"load: data ({units} units × {years} years)…", flush=True)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "load_demo", "-v", "0")
        manage(env, "demo_data", "--units", units, "--years", years, "--last-year", "2024")
        forms = manage(env, "shell", "--no-imports", "-c", SETUP.format(pw=PASSWORD, n=FILLERS))
        env.update(JIXIAO_LOAD_FORMS=forms.strip().splitlines()[-1], JIXIAO_LOAD_PASSWORD=PASSWORD)
        log = open(work / "server.log", "w")  # noqa: SIM115 (the servers write it until the end)
        server = subprocess.Popen(["scripts/serve"], cwd=REPO, env=env, stdout=log, stderr=log)
        worker = subprocess.Popen(["scripts/worker"], cwd=REPO, env=env, stdout=log, stderr=log)
        processes += [server, worker]
        deadline = time.monotonic() + 60
        while ready(base) != 200:
            if time.monotonic() > deadline:
                sys.exit(f"load: not ready; see {work / 'server.log'}")
            time.sleep(0.5)

        results = {}
        env["JIXIAO_LOAD_SAVES"] = str(work / "saves-normal.json")
        env["JIXIAO_LOAD_PHASE"] = "0"
        results["normal"] = locust(env, base, work / "normal", users, seconds)
        print(f"load: normal {results['normal']}", flush=True)

        faults: list[str] = []

        def inject() -> None:
            time.sleep(seconds * 0.25)
            children = subprocess.run(
                ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
            ).stdout.split()
            os.kill(int(children[0]), signal.SIGKILL)
            faults.append(f"t={seconds * 0.25:.0f}s kill -9 gunicorn worker {children[0]}")
            time.sleep(seconds * 0.25)
            started = time.monotonic()
            sh(
                f"runuser -u postgres -- {pg_bin}/pg_ctl -D {pg_dir}/data -m fast -w restart "
                f"-o '-p {pg_port} -k {pg_dir} -c listen_addresses=127.0.0.1' "
                f"-l {pg_dir}/server.log",
                base_env,
            )
            faults.append(
                f"t={seconds * 0.5:.0f}s PostgreSQL restarted in {time.monotonic() - started:.1f}s"
            )

        env["JIXIAO_LOAD_SAVES"] = str(work / "saves-faults.json")
        env["JIXIAO_LOAD_PHASE"] = "1"
        injector = threading.Thread(target=inject)
        injector.start()
        results["faults"] = locust(env, base, work / "faults", users, seconds)
        injector.join()
        results["fault_events"] = faults
        time.sleep(3)
        results["ready_after_faults"] = ready(base)
        print(f"load: with faults {results['faults']}; {faults}", flush=True)

        merged: dict[str, list[str]] = {}
        for name in ("saves-normal.json", "saves-faults.json"):
            for pk, markers in json.loads((work / name).read_text()).items():
                merged.setdefault(pk, []).extend(markers)
        (work / "saves.json").write_text(json.dumps(merged))
        results["integrity"] = json.loads(
            manage(env, "shell", "--no-imports", "-c", CHECK.format(saves=work / "saves.json"))
            .strip()
            .splitlines()[-1]
        )
        tracebacks = (work / "server.log").read_text(errors="replace").count("Traceback")
        results["tracebacks_in_log"] = tracebacks
        print(json.dumps(results, ensure_ascii=False, indent=1))
        (REPO / "var").mkdir(exist_ok=True)
        (REPO / "var" / "bench-load.json").write_text(
            json.dumps(results, ensure_ascii=False, indent=1)
        )
        integrity = results["integrity"]
        ok = not (integrity["missing"] or integrity["duplicated"] or integrity["final_value_wrong"])
        ok = ok and results["ready_after_faults"] == 200
        return 0 if ok else 1
    finally:
        for p in processes:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    p.kill()
        subprocess.run(["bash", "-c", f"source scripts/pg; PG_DIR={pg_dir} pg_stop"], cwd=REPO)


if __name__ == "__main__":
    sys.exit(main())
