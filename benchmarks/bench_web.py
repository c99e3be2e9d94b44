"""Web benchmarks on a generated province (``demo_data``): a 主管部门's 汇总 of 200 units and
the finance bureau's dashboard for a year, on SQLite and on PostgreSQL. The dashboard page is
timed as served (server time through the whole Django stack: median and 95th percentile), kept
(read back from its snapshot) and after a change (each request finds a unit's form changed: its
department's part of the roll-up is rolled up again, the other parts merged as kept), to one
person and to 50 people at once served by 4 worker processes.

Each database runs in its own process (Django is configured once per process): SQLite in a
temporary file, PostgreSQL on a private server started and stopped by ``scripts/pg``. Each
timing is printed next to a baseline measured in the same run: for the 汇总 and
``dashboard_for``, the bare query that loads the rows the operation reads; for the page, a
logged-in page that reads nothing (the session's seconds left), served the same way (50 users:
by 4 worker processes). Goal: each under 300 ms on PostgreSQL; the dashboard's lines say whether
it is met.

Size: ``JIXIAO_BENCH_UNITS`` (default 5000) units × ``JIXIAO_BENCH_YEARS`` (default 5) years.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import Result, timed

REPO = Path(__file__).resolve().parent.parent
GOAL = "< 0.300 s on PostgreSQL"
GOAL_SECONDS = 0.300


def _worker() -> None:
    """Inside a process whose DATABASE_URL is set: load the province, measure, print JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from jixiao.demo.generator import BUREAU
    from jixiao.web.consolidation.selectors import consolidation_preview
    from jixiao.web.consolidation.services import consolidation_build
    from jixiao.web.dashboards.models import DashboardSnapshot, SubtreePart
    from jixiao.web.dashboards.selectors import dashboard_for
    from jixiao.web.evaluations.models import Evaluation
    from jixiao.web.monitoring.models import MonitoringRecord
    from jixiao.web.organisations.models import Membership, Organisation
    from jixiao.web.season.models import FormFacts

    units = int(os.environ.get("JIXIAO_BENCH_UNITS", "5000"))
    years = int(os.environ.get("JIXIAO_BENCH_YEARS", "5"))
    call_command("migrate", verbosity=0)
    call_command("demo_data", units=units, years=years, last_year=2024, stdout=sys.stderr)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    year = 2024
    bureau = Organisation.objects.get(name=BUREAU)
    department = Organisation.objects.filter(parent=bureau).order_by("path").first()
    assert department is not None
    children = Evaluation.objects.filter(
        organisation__parent=department, year=year, form_type="department_overall"
    )
    # Every unit approved, so that the 汇总 really reads all of them; the department's own
    # form editable, so that it can be rebuilt.
    children.update(status="dept_approved")
    Evaluation.objects.filter(organisation=department, year=year).update(status="draft")
    user = User.objects.create_user(username="bench_builder")
    Membership.objects.create(user=user, organisation=department, role="filler")

    def load_children() -> None:
        list(children.values_list("data", flat=True))

    def load_figures() -> None:
        list(
            FormFacts.objects.filter(organisation__path__startswith=bureau.path).values_list(
                "organisation_id", "year", "form_type", "status", "actual_spending"
            )
        )

    def dashboard_rolled_up() -> None:
        # What the first reader after a bulk load pays: every department's part rolled up.
        DashboardSnapshot.objects.all().delete()
        SubtreePart.objects.all().delete()
        dashboard_for(bureau, year)

    def dashboard_changed() -> None:
        # What the first reader after a form changed pays: its department's part rolled up
        # again, the others merged as kept.
        _change(changed)
        dashboard_for(bureau, year)

    _monitoring(bureau, year)
    finance = User.objects.create_user(username="bench_finance")
    Membership.objects.create(user=finance, organisation=bureau, role="finance_admin")
    url = f"/dashboards/{bureau.pk}/?year={year}"
    # The form that changes before each cold request: a unit's, so that its department's part
    # of the roll-up is out of date with the bureau's snapshot (the bureau, its department, the
    # unit), as a saved form makes them.
    unit = Organisation.objects.filter(path__startswith=department.path, kind="unit").first()
    assert unit is not None
    changed = unit.path

    served = {
        # A logged-in page that reads nothing (the session's seconds left): the stack's cost.
        "hello": _served(HELLO, finance.pk, users=1, repeat=20),
        "hello_users": _served(HELLO, finance.pk, users=USERS, repeat=REQUESTS_PER_USER),
        "warm": _served(url, finance.pk, users=1, repeat=10),
        "warm_users": _served(url, finance.pk, users=USERS, repeat=REQUESTS_PER_USER),
        "cold": _served(url, finance.pk, users=1, repeat=5, cold=changed),
        "cold_users": _served(url, finance.pk, users=USERS, repeat=1, cold=changed),
        "tile": _served(url, finance.pk, users=1, repeat=5, cold=changed, counter="monitoring"),
    }
    results: dict[str, Any] = {}
    for name, times in served.items():
        results[f"{name}_p50"] = statistics.median(times)
        results[f"{name}_p95"] = _p95(times)
    results.update(
        {
            "dashboard_rolled_up": timed(dashboard_rolled_up, 5),
            "dashboard_changed": timed(dashboard_changed, 5),
            "units_in_department": children.count(),
            "forms_total": Evaluation.objects.count(),
            "monitoring_records": MonitoringRecord.objects.count(),
            "load_children": timed(load_children, 5),
            "preview": timed(lambda: consolidation_preview(department, year), 5),
            "build": timed(
                lambda: consolidation_build(department=department, year=year, user=user), 5
            ),
            "load_figures": timed(load_figures, 5),
            "dashboard": timed(lambda: dashboard_for(bureau, year), 5),
        }
    )
    print(json.dumps(results))


def _monitoring(bureau: Any, year: int) -> None:
    """Every unit's monitoring record of ``year`` as of August, spending at varied paces (the
    dashboard's 运行监控预警 tile counts them all): ``demo_data`` makes none."""
    from decimal import Decimal

    from jixiao.core.monitoring import BudgetExecution, MonitoringForm
    from jixiao.core.monitoring.models import ExecutionKind
    from jixiao.web.monitoring.lights import lights_refresh_all
    from jixiao.web.monitoring.models import MonitoringRecord
    from jixiao.web.organisations.models import Organisation

    units = Organisation.objects.filter(path__startswith=bureau.path, kind="unit")
    rows = []
    for n, (pk, name) in enumerate(units.values_list("pk", "name")):
        budget = Decimal(100 + n % 50)
        spent = {m: Decimal(4 + n % 7) for m in range(1, 9)}
        execution = BudgetExecution(
            kind=ExecutionKind.UNIT,
            name=name,
            year=year,
            initial_budget=budget,
            annual_budget=budget,
            monthly_spending=spent,
        )
        form = MonitoringForm(
            kind=ExecutionKind.UNIT, name=name, year=year, month=8, execution=execution
        )
        rows.append(
            MonitoringRecord(
                organisation_id=pk,
                year=year,
                kind="unit",
                name=name,
                month=8,
                data=form.model_dump(mode="json"),
            )
        )
    MonitoringRecord.objects.bulk_create(rows, batch_size=500)
    # Loaded in bulk, as an import would: judged once, as ``manage.py monitoring_lights`` does.
    lights_refresh_all()


HELLO = "/account/session/"
USERS = 50
REQUESTS_PER_USER = 4
WORKERS = 4


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[-1] if len(times) > 1 else times[0]


def _change(path: str, counter: str = "generation") -> None:
    """A form of the organisation at ``path`` changed (``counter`` ``"monitoring"``: a
    monitoring record): the snapshots and parts of the roll-up of every organisation on its path
    (or only their warnings tile) are out of date, as :func:`subtree_changed` counts it."""
    from django.db.models import F

    from jixiao.web.dashboards.models import SubtreeChange

    ids = [int(part) for part in path.strip("/").split("/")]
    SubtreeChange.objects.bulk_create(
        [SubtreeChange(organisation_id=pk) for pk in ids], ignore_conflicts=True
    )
    SubtreeChange.objects.filter(pk__in=ids).update(**{counter: F(counter) + 1})


def _serve(
    url: str, user_pk: int, repeat: int, cold: str | None = None, counter: str = "generation"
) -> list[float]:
    """One person opening ``url`` ``repeat`` times in a worker process: the server time of each
    request (the whole Django stack, no network). ``cold``: the path of the organisation one of
    whose forms changes (untimed) before each request, so that the request finds its snapshot
    and its department's part out of date."""
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(pk=user_pk))
    times = []
    for _ in range(repeat):
        if cold is not None:
            _change(cold, counter)
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    return times


def _served(
    url: str,
    user_pk: int,
    *,
    users: int,
    repeat: int,
    cold: str | None = None,
    counter: str = "generation",
) -> list[float]:
    """Server times of ``users`` people opening ``url`` at once (``repeat`` times each), served
    by ``WORKERS`` worker processes (as a WSGI server with that many workers would): each
    request's time in its worker, while the others use the CPU and the database. One user is
    served in this process. A first, untimed request warms the workers (and, unless each
    request is cold, builds the snapshot as the first visitor after a change would)."""
    from django.db import connections

    if users == 1:
        _serve(url, user_pk, 1)
        return _serve(url, user_pk, repeat, cold, counter)
    connections.close_all()  # each forked worker opens its own connection
    context = multiprocessing.get_context("fork")
    with context.Pool(WORKERS) as pool:
        pool.starmap(_serve, [(url, user_pk, 1)] * WORKERS)
        per_user = pool.starmap(_serve, [(url, user_pk, repeat, cold, counter)] * users)
    connections.close_all()
    return [t for times in per_user for t in times]


def _run_on(database: str, module: str = "benchmarks.bench_web") -> dict[str, Any]:
    """Run ``module``'s worker in a process of its own on ``database``; return its JSON."""
    python = sys.executable
    command = f'"{python}" -m {module} --worker'
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "JIXIAO_VAR_DIR": tmp}
        if database == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
            script = command
        else:
            env.pop("DATABASE_URL", None)
            script = (
                "source scripts/pg && pg_start >&2 && trap pg_stop EXIT && "
                "port=${DATABASE_URL##*:} && port=${port%%/*} && "
                '"$(pg_bindir)/createdb" -h 127.0.0.1 -p "$port" -U postgres jixiao && '
                f"{command}"
            )
        done = subprocess.run(
            ["bash", "-c", script], cwd=REPO, env=env, capture_output=True, text=True, check=False
        )
    if done.returncode != 0:
        raise RuntimeError(f"{module} on {database} failed:\n{done.stderr[-3000:]}")
    loaded: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


PAGES = (
    ("warm", "kept", 1),
    ("cold", "changed", 1),
    ("warm_users", "kept", USERS),
    ("cold_users", "changed", USERS),
    ("tile", "monitoring changed", 1),
)


def run() -> list[Result]:
    results: list[Result] = []
    for database in ("sqlite", "postgresql"):
        r = _run_on(database)
        units = int(r["units_in_department"])
        goal = GOAL if database == "postgresql" else ""
        results += [
            Result(
                f"{database}: 汇总 preview ({units} units)",
                r["preview"],
                "load unit forms",
                r["load_children"],
                goal,
            ),
            Result(
                f"{database}: 汇总 build and save ({units} units)",
                r["build"],
                "load unit forms",
                r["load_children"],
                goal,
            ),
            Result(
                f"{database}: dashboard_for, kept",
                r["dashboard"],
                "load figure rows",
                r["load_figures"],
            ),
            Result(
                f"{database}: dashboard_for, rolled up (every part)",
                r["dashboard_rolled_up"],
                "load figure rows",
                r["load_figures"],
            ),
            Result(
                f"{database}: dashboard_for, a form changed (one part)",
                r["dashboard_changed"],
                "load figure rows",
                r["load_figures"],
            ),
        ]
        # The page as served (server time), against a logged-in page that reads nothing served
        # the same way: at 50 users, the baseline is served under the same load.
        for key, state, users in PAGES:
            hello = "hello" if users == 1 else "hello_users"
            who = "1 user" if users == 1 else f"{users} users"
            for q in ("p50", "p95"):
                seconds = r[f"{key}_{q}"]
                met = (" met" if seconds < GOAL_SECONDS else " NOT met") if goal else ""
                results.append(
                    Result(
                        f"{database}: dashboard {state}, {who} {q}",
                        seconds,
                        f"logged-in page {q}",
                        r[f"{hello}_{q}"],
                        goal + met,
                    )
                )
    return results


if __name__ == "__main__":
    if "--worker" in sys.argv:
        _worker()
    else:
        for result in run():
            print(result)
