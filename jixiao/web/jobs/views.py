"""A job's progress page (refreshed by htmx until it finishes) and its result file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jixiao.web.jobs import selectors


@login_required
@require_GET
def job_detail(request: HttpRequest, pk: str) -> HttpResponse:
    job = selectors.job_of(request.user, pk)
    template = "jobs/_progress.html" if request.htmx else "jobs/detail.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job})


@login_required
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    return render(request, "jobs/list.html", {"jobs": selectors.jobs_of(request.user)[:50]})


@login_required
@require_GET
def job_download(request: HttpRequest, pk: str) -> FileResponse:
    job = selectors.job_of(request.user, pk)
    if not job.result_file or not default_storage.exists(job.result_file):
        raise Http404("该任务没有可下载的文件")
    return FileResponse(
        default_storage.open(job.result_file, "rb"), as_attachment=True, filename=job.result_name
    )
