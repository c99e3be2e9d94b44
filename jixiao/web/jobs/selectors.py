"""Reading jobs and worker heartbeats."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from jixiao.web.jobs.models import Job, WorkerBeat


def job_of(user: AbstractBaseUser | AnonymousUser, job_id: UUID | str) -> Job:
    """The job if ``user`` started it (staff see every job); 404 otherwise, so that a job's
    existence is not revealed to others."""
    jobs = Job.objects.all() if getattr(user, "is_staff", False) else jobs_of(user)
    job = jobs.filter(pk=job_id).first()
    if job is None:
        raise Http404("没有找到该任务")
    return job


def jobs_of(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Job]:
    if not user.is_authenticated:
        return Job.objects.none()
    return Job.objects.filter(owner_id=user.pk)


def workers_alive() -> QuerySet[WorkerBeat]:
    since = timezone.now() - timedelta(seconds=settings.WORKER_STALE_SECONDS)
    return WorkerBeat.objects.filter(seen_at__gte=since)
