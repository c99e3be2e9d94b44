"""Probes for a load balancer or systemd: ``/healthz`` says the process answers; ``/readyz``
says it can do its work: the database answers, every migration is applied, and (unless tasks
run in the request) a worker was heard from within ``WORKER_STALE_SECONDS``."""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

_migrated = False  # once true it stays true for this process: new migrations come with new code


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"alive": True})


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _migrations() -> bool:
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connection)
        _migrated = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrated


def _worker() -> bool:
    from jixiao.web.jobs.selectors import workers_alive

    return workers_alive().exists()


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, bool] = {"database": _database()}
    try:
        checks["migrations"] = checks["database"] and _migrations()
        if settings.TASK_BACKEND != "immediate":
            checks["worker"] = checks["database"] and _worker()
    except DatabaseError:
        checks.setdefault("migrations", False)
        checks["worker"] = False
    ready = all(checks.values())
    response = JsonResponse({"ready": ready, "checks": checks}, status=200 if ready else 503)
    # A 503 here is an answer, not a server error: keep probes out of the error log.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response
