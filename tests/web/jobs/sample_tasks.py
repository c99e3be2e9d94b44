"""Tasks the job tests enqueue, importable by a worker process too."""

from __future__ import annotations

from django_tasks import task

from jixiao.web.jobs.services import JobFailure, job_running


@task()
def count_to(job_id: str, n: int) -> int:
    with job_running(job_id) as job:
        for i in range(1, n + 1):
            job.progress(i, n, f"第 {i} 步")
        job.attach(name="计数.txt", content=" ".join(str(i) for i in range(1, n + 1)).encode())
    return n


@task()
def refuse(job_id: str) -> None:
    with job_running(job_id):
        raise JobFailure("该年度尚未发布，无法生成。")


@task()
def crash(job_id: str) -> None:
    with job_running(job_id):
        raise ZeroDivisionError("a bug, not a message for users")
