"""Background jobs on the database queue, run in process by the real worker loop: a person
starts one, watches its progress and downloads its result; a failure says why in Chinese
without showing a traceback; nobody else sees someone's job."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.web.jobs.models import Job
from jixiao.web.jobs.services import FAILED_MESSAGE, job_start, jobs_run_pending
from tests.web.jobs import sample_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def files_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_job_waits_in_the_queue_until_a_worker_runs_it(world):
    job = job_start(sample_tasks.count_to, title="数到三", user=world.unit_user, n=3)
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED
    assert job.task_result_id

    assert jobs_run_pending() == 1

    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (Job.Status.DONE, 3, 3)
    assert job.message == "第 3 步"
    assert job.started_at and job.finished_at and job.finished_at >= job.started_at
    assert sample_tasks.count_to.get_result(job.task_result_id).return_value == 3


def test_the_owner_watches_progress_then_downloads_the_result(world, client_for):
    client = client_for(world.unit_user)
    job = job_start(sample_tasks.count_to, title="数到三", user=world.unit_user, n=3)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "数到三" in page and "排队中" in page
    assert 'hx-trigger="every 2s"' in page, "an unfinished job's page refreshes itself"

    jobs_run_pending()
    partial = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "已完成" in partial and "（3 / 3）" in partial
    assert "hx-trigger" not in partial, "a finished job stops polling"
    assert "<html" not in partial

    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"1 2 3"
    assert "attachment" in download["Content-Disposition"]

    listing = client.get(reverse("jobs:list")).content.decode()
    assert job.get_absolute_url() in listing


def test_nobody_else_sees_the_job(world, client_for):
    job = job_start(sample_tasks.count_to, title="数到三", user=world.unit_user, n=3)
    jobs_run_pending()
    other = client_for(world.other_unit_user)
    assert other.get(job.get_absolute_url()).status_code == 404
    assert other.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert job.get_absolute_url() not in other.get(reverse("jobs:list")).content.decode()


def test_a_refusal_reaches_the_user_in_its_own_words(world, client_for):
    job = job_start(sample_tasks.refuse, title="生成", user=world.unit_user)
    jobs_run_pending()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message == "该年度尚未发布，无法生成。"
    page = client_for(world.unit_user).get(job.get_absolute_url()).content.decode()
    assert "失败" in page and "该年度尚未发布" in page


def test_a_crash_is_logged_and_the_user_gets_a_plain_message(world, client_for, caplog):
    job = job_start(sample_tasks.crash, title="生成", user=world.unit_user)
    with caplog.at_level("ERROR", logger="jixiao.jobs"):
        jobs_run_pending()
    job.refresh_from_db()
    assert (job.status, job.message) == (Job.Status.FAILED, FAILED_MESSAGE)
    assert "ZeroDivisionError" in caplog.text
    page = client_for(world.unit_user).get(job.get_absolute_url()).content.decode()
    assert "ZeroDivisionError" not in page and "Traceback" not in page
