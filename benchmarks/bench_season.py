"""The 自评 season at scale, on a generated province (``demo_data``) with a task issued for its
last year: the 自评表 list, 待我处理, the API list, the public portal, the 汇总 overview and the
bureau's 填报进度, each one page, a batch approval of 200 forms, and a batch export of 200
forms (PDF and XLSX each, in a ZIP) run on the database queue by one ``manage.py worker`` and by
two (the ratio says how it scales); on SQLite and on PostgreSQL (the export on PostgreSQL
only).

Each page is timed through Django's test client (server time: URL routing, middleware, queries,
template), next to a baseline measured in the same run: the bare query of the rows the page
shows. Page sizes in KB and query counts are printed too (a page's queries must not grow with
the province). Goals: pages under 300 ms and 200 KB on PostgreSQL; 200 approvals under 5 s.

Size: ``JIXIAO_BENCH_UNITS`` (default 5000) units × ``JIXIAO_BENCH_YEARS`` (default 5) years;
``JIXIAO_BENCH_EXPORT`` (default 200) forms exported, 0 to skip; ``JIXIAO_BENCH_DATABASES``
(default ``sqlite,postgresql``) the databases.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

from benchmarks.bench_web import _run_on as _run_web
from benchmarks.common import Result, timed

GOAL = "< 0.300 s, < 200 KB on PostgreSQL"


def _worker() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()
    from datetime import timedelta

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from jixiao.demo.generator import BUREAU
    from jixiao.web.evaluations.models import Evaluation
    from jixiao.web.organisations.models import Membership, Organisation
    from jixiao.web.season import services
    from jixiao.web.season.models import FormFacts

    units = int(os.environ.get("JIXIAO_BENCH_UNITS", "5000"))
    years = int(os.environ.get("JIXIAO_BENCH_YEARS", "5"))
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("demo_data", units=units, years=years, last_year=2024, stdout=sys.stderr)
    generate_seconds = time.perf_counter() - started
    year = 2024
    bureau = Organisation.objects.get(name=BUREAU)
    departments = list(Organisation.objects.filter(parent=bureau).order_by("path"))
    admin = User.objects.create_user(username="bench_finance")
    Membership.objects.create(user=admin, organisation=bureau, role="finance_admin")
    reviewer = User.objects.create_user(username="bench_reviewer")
    Membership.objects.create(
        user=reviewer, organisation=departments[0], role="department_reviewer"
    )
    today = timezone.localdate()
    started = time.perf_counter()
    task = services.task_issue(
        issuer=bureau,
        user=admin,
        year=year,
        title="2024年度绩效自评",
        form_types=["department_overall", "project"],
        departments=departments,
        unit_due=today - timedelta(days=3),
        department_due=today + timedelta(days=7),
    )
    issue_seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    finance = Client()
    finance.force_login(admin)
    review = Client()
    review.force_login(reviewer)

    def page(client: Client, url: str) -> tuple[float, int, int]:
        client.get(url)  # warm
        counted: list[str] = []

        def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            counted.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            size = len(client.get(url).content)
        return timed(lambda: client.get(url), 5), size, len(counted)

    def bare_list() -> None:
        list(
            FormFacts.objects.select_related("evaluation__organisation")
            .order_by("-evaluation__updated_at")[:50]
            .values_list("evaluation__title", "initial_budget", "rate", "grade")
        )

    def bare_progress() -> None:
        list(FormFacts.objects.filter(task=task).values_list("evaluation__organisation_id", "due"))

    measured = {
        "forms": Evaluation.objects.count(),
        "units": Organisation.objects.count(),
        "generate": generate_seconds,
        "task_forms": FormFacts.objects.filter(task=task).count(),
        "issue": issue_seconds,
        "bare_list": timed(bare_list, 5),
        "bare_progress": timed(bare_progress, 5),
        "list": page(finance, "/"),
        "list_filtered": page(finance, f"/?year={year}&overdue=1&sort=-score"),
        "list_page_40": page(finance, "/?page=40"),
        "queue": page(review, "/queue/"),
        "api": page(finance, "/api/evaluations?page_size=50"),
        "portal": page(Client(), "/public/"),
        "overview": page(finance, f"/consolidation/?year={year}"),
        "progress": page(finance, f"/season/{task.pk}/"),
    }
    # 200 department-approved forms approved by the bureau in one batch.
    chosen = list(Evaluation.objects.filter(year=year).order_by("pk")[:200])
    Evaluation.objects.filter(pk__in=[e.pk for e in chosen]).update(status="dept_approved")
    chosen = list(
        Evaluation.objects.filter(pk__in=[e.pk for e in chosen]).select_related("organisation")
    )
    started = time.perf_counter()
    result = services.evaluations_review_many(evaluations=chosen, user=admin, approve=True)
    measured["batch_approve"] = time.perf_counter() - started
    measured["batch_done"] = len(result.done)
    exported = int(os.environ.get("JIXIAO_BENCH_EXPORT", "200"))
    if exported and connection.vendor == "postgresql":
        ids = [e.pk for e in chosen[:exported]]
        measured["export_forms"] = len(ids)
        measured["export_1"], _ = _export_with(ids, 1, admin)
        measured["export_2"], measured["export_2_shares"] = _export_with(ids, 2, admin)
    print(json.dumps(measured))


def _export_with(ids: list[int], workers: int, user: Any) -> tuple[float, list[int]]:
    """Wall time of a batch export of ``ids`` as the site runs it: the job queued on the
    database queue in its parts, then ``workers`` ``manage.py worker --batch`` processes
    started together, each running what is queued until nothing is (the last part's worker
    runs the final ZIP); the job must be done with every form in its ZIP."""
    import subprocess
    import zipfile

    from django.core.files.storage import default_storage
    from django.db import connection

    from jixiao.web.evaluations.models import Evaluation
    from jixiao.web.jobs.models import Job
    from jixiao.web.season.batch import batch_export_start

    forms = list(Evaluation.objects.filter(pk__in=ids).select_related("organisation"))
    job = batch_export_start(user=user, evaluations=forms)
    connection.close()
    command = [sys.executable, "manage.py", "worker", "--batch", "--interval", "0.1", "-v", "0"]
    started = time.perf_counter()
    running = [subprocess.Popen(command, stdout=subprocess.DEVNULL) for _ in range(workers)]
    codes = [process.wait() for process in running]
    seconds = time.perf_counter() - started
    assert codes == [0] * workers, codes
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, (job.status, job.message)
    with default_storage.open(job.result_file, "rb") as stored:
        pdfs = [n for n in zipfile.ZipFile(stored).namelist() if n.endswith(".pdf")]
    assert len(pdfs) == len(ids), f"{len(pdfs)} of {len(ids)} PDFs in the ZIP"
    from django_tasks_db.models import DBTaskResult

    # How the parts were shared: with two workers each must have run some.
    # and the parts' busy time over the wall time (about 2 when they ran side by side).
    shares: dict[str, int] = {}
    busy = 0.0
    for worker_ids, began, ended in DBTaskResult.objects.filter(
        task_path__endswith="batch_export_part", args_kwargs__kwargs__job_id=str(job.pk)
    ).values_list("worker_ids", "started_at", "finished_at"):
        for worker_id in worker_ids[-1:]:
            shares[worker_id] = shares.get(worker_id, 0) + 1
        busy += (ended - began).total_seconds()
    print(f"export, {workers} workers: parts busy {busy / seconds:.2f} × wall", file=sys.stderr)
    return seconds, [*sorted(shares.values()), round(busy / seconds, 2)]


def run() -> list[Result]:
    results: list[Result] = []
    databases = os.environ.get("JIXIAO_BENCH_DATABASES", "sqlite,postgresql").split(",")
    for database in databases:
        r = _run_web(database, module="benchmarks.bench_season")
        goal = GOAL if database == "postgresql" else ""
        print(
            f"  {database}: {r['units']} organisations, {r['forms']} forms generated in "
            f"{r['generate']:.0f} s, {r['task_forms']} on the task; "
            f"issuing it took {r['issue']:.2f} s",
            flush=True,
        )
        for key, label, baseline, base_key in (
            ("list", "自评表 list, page 1", "bare query of 50 rows", "bare_list"),
            (
                "list_filtered",
                "自评表 list, filtered and sorted",
                "bare query of 50 rows",
                "bare_list",
            ),
            ("list_page_40", "自评表 list, page 40", "bare query of 50 rows", "bare_list"),
            ("queue", "待我处理 (a department)", "bare query of 50 rows", "bare_list"),
            ("api", "API list, 50 a page", "bare query of 50 rows", "bare_list"),
            ("portal", "public portal list", "bare query of 50 rows", "bare_list"),
            ("overview", "汇总 overview (departments)", "bare query of 50 rows", "bare_list"),
            ("progress", "填报进度 of the bureau", "bare query of task forms", "bare_progress"),
        ):
            seconds, size, queries = r[key]
            results.append(
                Result(
                    f"{database}: {label} ({size // 1024} KB, {queries} queries)",
                    seconds,
                    baseline,
                    r[base_key],
                    goal,
                )
            )
        results.append(
            Result(
                f"{database}: batch approval of {r['batch_done']} forms",
                r["batch_approve"],
                goal="< 5 s" if database == "postgresql" else "",
            )
        )
        if "export_1" in r:
            n = r["export_forms"]
            results.append(
                Result(f"{database}: batch export of {n} forms, 1 queue worker", r["export_1"])
            )
            results.append(
                Result(
                    f"{database}: batch export of {n} forms, 2 queue workers "
                    f"(parts run by each, busy/wall: {r['export_2_shares']})",
                    r["export_2"],
                    "1 worker",
                    r["export_1"],
                    "ratio < 1 (scales with workers)",
                )
            )
    return results


if __name__ == "__main__":
    if "--worker" in sys.argv:
        _worker()
    else:
        for result in run():
            print(result)
