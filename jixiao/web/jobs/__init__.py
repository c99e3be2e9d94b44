"""Background jobs: work too long for a request, run by a worker, with progress the user sees.

The queue itself is Django's Tasks API (the ``django-tasks`` backport; ``TASKS`` in settings
chooses the database backend, RQ on Redis, or immediate). This app adds what the API leaves to
each project: a :class:`~jixiao.web.jobs.models.Job` row that a person can watch (status, a
progress count, a message, a result file in storage), and worker heartbeats for ``/readyz``.

How another app runs something in the background::

    # myapp/tasks.py
    from django_tasks import task
    from jixiao.web.jobs.services import job_running

    @task()
    def thing_rebuild(job_id: str, year: int) -> None:
        with job_running(job_id) as job:            # running → done, or failed with a message
            items = list_things(year)
            for number, item in enumerate(items, 1):
                rebuild(item)
                job.progress(number, len(items), f"已处理 {item.name}")
            job.attach(name=f"{year}年度.csv", content=b"...")  # optional: a file to download

    # myapp/services.py (inside the service's transaction)
    from jixiao.web.jobs.services import job_start

    job = job_start(thing_rebuild, title="重建2024年度数据", user=user, year=2024)
    return redirect(job.get_absolute_url())          # the progress page, refreshed by htmx

A job too long for one worker can be split so that several workers share it: queue one task
per part with ``job_enqueue(part_task, job, …)``, run each part inside ``job_part_running``
(the job stays running; a failing part fails it), and let the part that finds every part done
queue a last task that runs inside ``job_running`` (``jixiao/web/season/batch.py`` does this
for 批量导出).

Task arguments must be JSON (ids, not model instances). A task must be safe to run twice: a
worker that dies mid-way leaves its job "运行中", and the task may be enqueued again.
"""
