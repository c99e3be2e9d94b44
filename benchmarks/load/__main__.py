"""``make bench-load``: the season's last day on gunicorn + PostgreSQL, then the same load with
faults (a gunicorn worker killed with SIGKILL; PostgreSQL stopped and restarted; the files
folder's disk filled up, then freed), all on 127.0.0.1 and bounded in users and time. Prints
requests/s, p50/p95 and errors per phase, then checks against what the users saw succeed that
every saved value is stored exactly once, every submission and approval once, and every change
of every form has its audit row; and, for the full disk, that uploads got the Chinese page, no
row names a missing file, no partial file is left, and uploads work again once space returns.

The files folder is a small ext4 filesystem on a loop device (root only; unmounted and removed
afterwards, also on failure); without root the disk fault is left out and said so.

Size: JIXIAO_LOAD_UNITS (1000) units × JIXIAO_LOAD_YEARS (2) years of generated forms around the
2 × 40 forms being filled (one set per phase); JIXIAO_LOAD_USERS (50), JIXIAO_LOAD_SECONDS (60)
per phase; JIXIAO_LOAD_DISK_MB (256) the files disk.
"""

from __future__ import annotations

import contextlib
import csv
import io
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

OPEN_DATA = """
from jixiao.web.portal.selectors import published_forms
from jixiao.web.portal.services import open_data_write
for year in sorted(set(published_forms().values_list("year", flat=True))):
    open_data_write(year=year)
"""

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
forms = {{}}
for phase in ("0", "1"):  # each phase fills, submits and approves forms of its own
    forms[phase] = []
    for i in range({n}):
        name = f"压测单位{{phase}}-{{i:03d}}"
        unit = Organisation.objects.create(name=name, kind="unit", parent=department)
        user = User.objects.create_user(f"filler{{phase}}{{i:03d}}", password="{pw}")
        for role in ("filler", "unit_head"):
            Membership.objects.create(user=user, organisation=unit, role=role)
        form = demo.centre_form(2023).model_copy(update={{"department": unit.name}})
        form = complete(form, rules_named(None, "department_overall"))
        e = evaluation_create(organisation=unit, form=form, user=None)
        forms[phase].append([user.username, e.pk])
unit = Organisation.objects.create(name="压测上传单位", kind="unit", parent=department)
user = User.objects.create_user("uploader", password="{pw}")
Membership.objects.create(user=user, organisation=unit, role="filler")
form = demo.centre_form(2023).model_copy(update={{"department": unit.name}})
form = complete(form, rules_named(None, "department_overall"))
forms["uploader"] = [user.username, evaluation_create(organisation=unit, form=form, user=None).pk]
print(json.dumps(forms))
"""

# Against what the users saw succeed (``seen``: per phase, the locust file's record), every
# load form's stored history: each save a user saw succeed is stored exactly once, nothing is
# stored twice, the last one is the form's content; each submission and approval the user saw
# is stored once, with its review round or decision; and every change of every load form has its
# audit row (a history row naming the person and the reason, one per version, no gaps).
CHECK = """
import json
import re
from collections import Counter
from jixiao.web.evaluations.models import Evaluation, ReviewDecision, ReviewRound
seen = json.load(open("{seen}"))
forms = json.loads('{forms}')
report = {{"forms": 0, "saves_seen": 0, "saves_stored": 0, "missing": 0, "duplicated": 0,
          "unseen_but_stored": 0, "final_value_wrong": 0, "submits_seen": 0,
          "submits_stored": 0, "submits_missing": 0, "approvals_seen": 0, "approvals_stored": 0,
          "approvals_missing": 0, "steps_twice": 0, "changes": 0, "changes_without_audit": 0,
          "audit_without_person": 0}}
order = lambda m: (int(m.split("-")[1]), int(m.rsplit("-", 1)[1]))
for phase, pairs in forms.items():
    if not phase.isdigit():
        continue
    saves = seen[phase]["saves"]
    steps = seen[phase]["steps"]
    for _user, pk in pairs:
        e = Evaluation.objects.get(pk=pk)
        history = list(e.history.order_by("history_id"))
        stored = Counter()
        for row in history:
            if row.history_change_reason == "保存草稿":
                report["saves_stored"] += 1
                text = json.dumps(row.data, ensure_ascii=False)
                for m in re.findall(r"load-\\d-filler\\d+-\\d+", text):
                    stored[m] += 1
        markers = [m for m in saves.get(str(pk), []) if m]
        report["forms"] += 1
        report["saves_seen"] += len(markers)
        report["missing"] += sum(1 for m in markers if stored[m] == 0)
        report["duplicated"] += sum(1 for m, n in stored.items() if n > 1)
        report["unseen_but_stored"] += sum(1 for m in stored if m not in set(markers))
        last = max(stored, key=order, default=None)
        if last and last not in json.dumps(e.data, ensure_ascii=False):
            report["final_value_wrong"] += 1
        done = steps.get(str(pk), [])
        rounds = ReviewRound.objects.filter(evaluation=e).count()
        approvals = ReviewDecision.objects.filter(round__evaluation=e, outcome="approved").count()
        submit_rows = sum(1 for r in history if r.history_change_reason == "提交审核")
        approve_rows = sum(1 for r in history if r.history_change_reason.endswith("通过"))
        report["submits_seen"] += done.count("submit")
        report["submits_stored"] += submit_rows
        report["submits_missing"] += max(0, done.count("submit") - min(rounds, submit_rows))
        report["approvals_seen"] += done.count("approve")
        report["approvals_stored"] += approve_rows
        report["approvals_missing"] += max(0, done.count("approve") - min(approvals, approve_rows))
        report["steps_twice"] += (submit_rows > 1) + (approve_rows > 1)
        report["steps_twice"] += (rounds != submit_rows) + (approvals != approve_rows)
        # One audit row per change: the rows after creation are versions 2, 3, … without gaps
        # for saves, and every transition row, each naming a person and a reason.
        changes = history[1:]
        report["changes"] += len(changes)
        versions = [r.version for r in history if r.history_change_reason == "保存草稿"]
        report["changes_without_audit"] += (e.version - 1) - len(set(versions))
        report["audit_without_person"] += sum(
            1 for r in changes if r.history_user_id is None or not r.history_change_reason
        )
# The disk-full fault: every evidence row's file is there, whole; no other file under evidence/.
import os
from django.core.files.storage import default_storage
from jixiao.web.evidence.models import Evidence
rows = {{e.storage_key: e.size for e in Evidence.objects.all()}}
report["evidence_rows"] = len(rows)
report["rows_missing_file"] = sum(
    1 for key, size in rows.items()
    if not default_storage.exists(key) or default_storage.size(key) != size
)
root = str(default_storage.location)
on_disk = [
    os.path.relpath(os.path.join(folder, name), root)
    for folder, _dirs, names in os.walk(os.path.join(root, "evidence"))
    for name in names
]
report["partial_or_stray_files"] = sum(1 for key in on_disk if key not in rows)
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


def mount_small_disk(work: Path, megabytes: int) -> tuple[Path, str]:
    """The files folder on an ext4 filesystem of its own (a loop device), so that the run can
    fill it; returns the folder and why it could not be mounted ("" when it was)."""
    image, folder = work / "files.img", work / "files"
    folder.mkdir()
    if os.geteuid() != 0:
        return folder, "not root: loop mounts need root"
    for cmd in (
        ["truncate", "-s", f"{megabytes}M", str(image)],
        ["mkfs.ext4", "-q", "-F", "-m", "0", str(image)],
        ["mount", "-o", "loop", str(image), str(folder)],
    ):
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode:
            image.unlink(missing_ok=True)
            return folder, f"{cmd[0]}: {done.stderr.strip()}"
    return folder, ""


def unmount_small_disk(work: Path) -> None:
    subprocess.run(["umount", str(work / "files")], capture_output=True)
    (work / "files.img").unlink(missing_ok=True)


def fill(folder: Path) -> Path:
    """Write zeros until the filesystem has not one block left."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for size in (1 << 20, 4096, 1):
            block = b"\0" * size
            with contextlib.suppress(OSError):
                while os.write(fd, block):
                    pass
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
    return filler


def noise_png(side: int) -> bytes:
    """A photo-sized PNG that does not compress."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(3 * side * side)).save(buffer, "PNG")
    return buffer.getvalue()


class Uploader:
    """A person uploading evidence (佐证材料) to their own draft through the real page."""

    def __init__(self, base: str, username: str, form_id: int) -> None:
        import requests

        self.base, self.form_id = base, form_id
        self.session = requests.Session()
        self.session.get(f"{base}/login/", timeout=30)
        self.session.post(
            f"{base}/login/",
            data={
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.session.cookies.get("csrftoken", ""),
            },
            headers={"Referer": f"{base}/login/"},
            timeout=60,
        )

    def upload(self, content: bytes, name: str) -> tuple[int, str]:
        page = f"{self.base}/evaluations/{self.form_id}/edit/"
        self.session.get(page, timeout=30)
        answer = self.session.post(
            f"{self.base}/evaluations/{self.form_id}/evidence/",
            data={
                "csrfmiddlewaretoken": self.session.cookies.get("csrftoken", ""),
                "name": name,
                "path": "tasks[0].indicators[0]",
            },
            files={"file": (name, content, "image/png")},
            headers={"Referer": page},
            allow_redirects=False,
            timeout=60,
        )
        return answer.status_code, answer.text


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
    files, no_disk = mount_small_disk(work, int(os.environ.get("JIXIAO_LOAD_DISK_MB", "256")))
    env["JIXIAO_FILES_DIR"] = str(files)
    if no_disk:
        print(f"load: no disk-full fault ({no_disk}); tests/web/test_storage_full.py", flush=True)
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
        # The open-data files as the worker keeps them on a season's day: written once per
        # publication, before the day starts (demo_data publishes without the queue).
        started = time.monotonic()
        manage(env, "shell", "--no-imports", "-c", OPEN_DATA)
        print(f"load: open-data files written in {time.monotonic() - started:.0f}s", flush=True)
        forms = forms.strip().splitlines()[-1]
        env.update(JIXIAO_LOAD_FORMS=forms, JIXIAO_LOAD_PASSWORD=PASSWORD)
        uploader_name, uploader_form = json.loads(forms)["uploader"]
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
        disk: dict[str, object] = {}

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
            if no_disk:
                return
            time.sleep(seconds * 0.15)
            uploader = Uploader(base, uploader_name, uploader_form)
            photo = noise_png(300)
            before = uploader.upload(photo, "满盘之前.png")[0]
            filler = fill(files)
            answers: list[int] = []
            pages_chinese = pages_traceback = 0
            for n in range(5):
                status, text = uploader.upload(noise_png(300), f"满盘{n}.png")
                answers.append(status)
                pages_chinese += "存储空间已满，文件未保存" in text
                pages_traceback += "Traceback" in text
            filler.unlink()  # space returns; nothing is restarted
            after = uploader.upload(noise_png(300), "空间恢复后.png")[0]
            disk.update(
                upload_before=before,
                answers_while_full=answers,
                chinese_pages=pages_chinese,
                tracebacks_in_pages=pages_traceback,
                upload_after_space_returns=after,
            )
            faults.append(
                f"t={seconds * 0.65:.0f}s files disk filled: uploads answered {answers}, "
                f"then {after} once space returned"
            )

        env["JIXIAO_LOAD_SAVES"] = str(work / "saves-faults.json")
        env["JIXIAO_LOAD_PHASE"] = "1"
        injector = threading.Thread(target=inject)
        injector.start()
        results["faults"] = locust(env, base, work / "faults", users, seconds)
        injector.join()
        results["fault_events"] = faults
        results["disk_full"] = disk or no_disk
        time.sleep(3)
        results["ready_after_faults"] = ready(base)
        print(f"load: with faults {results['faults']}; {faults}", flush=True)

        seen = {
            phase: json.loads((work / f"saves-{name}.json").read_text())
            for phase, name in (("0", "normal"), ("1", "faults"))
        }
        (work / "seen.json").write_text(json.dumps(seen))
        check = CHECK.format(seen=work / "seen.json", forms=forms)
        results["integrity"] = json.loads(
            manage(env, "shell", "--no-imports", "-c", check).strip().splitlines()[-1]
        )
        print(f"load: integrity {results['integrity']}", flush=True)
        tracebacks = (work / "server.log").read_text(errors="replace").count("Traceback")
        results["tracebacks_in_log"] = tracebacks
        print(json.dumps(results, ensure_ascii=False, indent=1))
        (REPO / "var").mkdir(exist_ok=True)
        (REPO / "var" / "bench-load.json").write_text(
            json.dumps(results, ensure_ascii=False, indent=1)
        )
        integrity = results["integrity"]
        bad = ("missing", "duplicated", "final_value_wrong", "submits_missing")
        bad += ("approvals_missing", "steps_twice", "changes_without_audit", "audit_without_person")
        ok = not any(integrity[key] for key in bad)
        ok = ok and results["ready_after_faults"] == 200
        if disk:
            ok = ok and disk["upload_after_space_returns"] == 302
            ok = ok and disk["chinese_pages"] == len(disk["answers_while_full"])  # type: ignore[arg-type]
            ok = ok and not (integrity["rows_missing_file"] or integrity["partial_or_stray_files"])
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
        if not no_disk:
            unmount_small_disk(work)


if __name__ == "__main__":
    sys.exit(main())
