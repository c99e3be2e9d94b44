"""The portal's files are written once per publication by the worker and served whole: a
year's open data with its length (never cut off mid-row), each published version's PDF
rendered once."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.storage import default_storage
from django.test import TestCase

from jixiao.web.evaluations import services as evaluation_services
from jixiao.web.jobs.services import jobs_run_pending
from jixiao.web.portal import services
from jixiao.web.portal.models import OpenDataFile
from tests.web.consolidation.conftest import approve


def _publish(world, evaluation, head):
    evaluation = approve(evaluation, head, world.reviewer)
    evaluation = evaluation_services.evaluation_approve(evaluation=evaluation, user=world.finance)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return evaluation_services.evaluation_publish(evaluation=evaluation, user=world.finance)


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_until_the_worker_has_written_the_year_visitors_are_asked_to_come_back(world, client_for):
    _publish(world, world.unit_form, world.unit_user)
    response = client_for(None).get("/public/2022/indicators.csv")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "正在生成" in response.content.decode()

    assert jobs_run_pending() >= 1
    response = client_for(None).get("/public/2022/indicators.csv")
    assert response.status_code == 200
    body = _body(response)
    stored = OpenDataFile.objects.get(year=2022, kind="csv")
    assert int(response["Content-Length"]) == len(body) == stored.size
    assert body.endswith(b"\r\n"), "the file ends with a whole row"
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == 3 and stored.forms == 1


def test_visitors_waiting_for_the_file_ask_the_worker_for_it_once(world, client_for):
    from django_tasks_db.models import DBTaskResult

    _publish(world, world.unit_form, world.unit_user)
    builds = DBTaskResult.objects.filter(task_path__endswith="open_data_build")
    queued = builds.count()
    for _ in range(3):
        assert client_for(None).get("/public/2022/forms.jsonl").status_code == 503
    assert builds.count() == queued + 1


def test_a_new_publication_replaces_the_file_and_removes_the_old_one(world, client_for):
    _publish(world, world.unit_form, world.unit_user)
    jobs_run_pending()
    first = OpenDataFile.objects.get(year=2022, kind="jsonl")
    assert _body(client_for(None).get("/public/2022/forms.jsonl")).count(b"\n") == 1

    _publish(world, world.other_form, world.other_unit_user)
    # Until the worker has run, visitors get the previous, complete file.
    assert _body(client_for(None).get("/public/2022/forms.jsonl")).count(b"\n") == 1
    jobs_run_pending()
    second = OpenDataFile.objects.get(year=2022, kind="jsonl")
    assert second.path != first.path and second.forms == 2
    assert not default_storage.exists(first.path)
    assert _body(client_for(None).get("/public/2022/forms.jsonl")).count(b"\n") == 2


def test_nothing_is_rewritten_when_nothing_was_published(world):
    _publish(world, world.unit_form, world.unit_user)
    jobs_run_pending()
    before = {f.kind: (f.path, f.built_at) for f in OpenDataFile.objects.all()}
    services.open_data_write(year=2022)
    assert {f.kind: (f.path, f.built_at) for f in OpenDataFile.objects.all()} == before


def test_each_published_version_is_rendered_to_pdf_once(world, client_for, monkeypatch):
    published = _publish(world, world.unit_form, world.unit_user)
    jobs_run_pending()
    path = services.pdf_path(published.pk, published.version)
    assert default_storage.exists(path)

    def no_rendering(fmt):
        raise AssertionError("the stored PDF should have been served")

    monkeypatch.setattr("jixiao.formats.registry.get_exporter", no_rendering)
    response = client_for(None).get(f"/public/forms/{published.pk}/download/pdf/")
    assert response.status_code == 200 and _body(response).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("url", "lines"), [("/public/1999/indicators.csv", 1), ("/public/1999/forms.jsonl", 0)]
)
def test_a_year_with_nothing_published_downloads_empty(url, lines, client_for, db):
    response = client_for(None).get(url)
    assert response.status_code == 200
    assert _body(response).count(b"\n") == lines  # the CSV's header only
