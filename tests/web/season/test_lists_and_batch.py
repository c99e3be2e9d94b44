"""The 自评表 list at scale, the batch steps and the bureau's re-scoring."""

from __future__ import annotations

import zipfile
from io import BytesIO

from django.urls import reverse

from jixiao.web.evaluations import demo
from jixiao.web.evaluations import services as evaluation_services
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.jobs.models import Job
from jixiao.web.jobs.services import jobs_run_pending
from jixiao.web.notifications.models import Notification
from jixiao.web.organisations.models import Organisation
from jixiao.web.season.models import FormFacts, LineScore
from tests.web.conftest import make_form


def _project(world):
    return make_form(world.unit, demo.centre_project_form(2022, world.department.name))


def _through_finance(world, evaluation):
    evaluation = evaluation_services.evaluation_submit(
        evaluation=evaluation, user=world.unit_user, explanation="已核对"
    )
    evaluation = evaluation_services.evaluation_approve(evaluation=evaluation, user=world.reviewer)
    return evaluation_services.evaluation_approve(evaluation=evaluation, user=world.finance)


def test_the_list_shows_the_figures_and_filters_searches_and_sorts(world, client_for, task):
    project = _project(world)
    client = client_for(world.finance)
    page = client.get("/").content.decode()
    assert "年初预算" in page and "执行率" in page and "截止时间" in page
    facts = FormFacts.objects.get(evaluation=project)
    assert facts.self_score is not None and facts.grade
    page = client.get("/", {"form_type": "project"}).content.decode()
    assert project.title in page and world.other_form.title not in page
    page = client.get("/", {"q": world.other_unit.name}).content.decode()
    assert world.other_form.title in page and project.title not in page
    assert client.get("/", {"sort": "-score", "page": "abc", "year": "x"}).status_code == 200


def test_the_list_is_paginated_with_the_same_queries_whatever_the_number_of_forms(
    world, client_for, django_assert_num_queries
):
    client = client_for(world.finance)
    client.get("/")
    with django_assert_num_queries(11) as few:
        client.get("/")
    for n in range(60):
        unit = Organisation.objects.create(name=f"单位{n}", kind="unit", parent=world.department)
        make_form(unit, demo.centre_form(2022))
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get("/").content.decode()
    assert "第 1 / 2 页，共 62 条" in page
    assert "第 2 / 2 页" in client.get("/", {"page": 2}).content.decode()


def test_batch_approval_goes_through_the_workflow_and_reports_what_it_could_not_do(
    world, client_for
):
    submitted = evaluation_services.evaluation_submit(
        evaluation=world.unit_form, user=world.unit_user, explanation="已核对"
    )
    response = client_for(world.reviewer).post(
        "/season/batch/",
        {"action": "approve", "ids": [submitted.pk, world.other_form.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "已审核通过 1 份表单" in page
    assert "未处理" in page  # the other form is still a draft
    world.refresh()
    assert world.unit_form.status == Evaluation.Status.DEPT_APPROVED
    assert world.other_form.status == Evaluation.Status.DRAFT


def test_batch_return_needs_one_comment_that_every_unit_receives(world, client_for):
    for form, user in (
        (world.unit_form, world.unit_user),
        (world.other_form, world.other_unit_user),
    ):
        evaluation_services.evaluation_submit(evaluation=form, user=user, explanation="已核对")
    client = client_for(world.reviewer)
    ids = [world.unit_form.pk, world.other_form.pk]
    page = client.post("/season/batch/", {"action": "return", "ids": ids}, follow=True)
    assert "批量退回须填写退回意见" in page.content.decode()
    client.post("/season/batch/", {"action": "return", "ids": ids, "comment": "请补充佐证"})
    world.refresh()
    assert world.unit_form.status == world.other_form.status == Evaluation.Status.RETURNED
    bodies = Notification.objects.filter(kind="returned").values_list("body", flat=True)
    assert len(bodies) >= 2 and all("请补充佐证" in b for b in bodies)


def test_batch_export_builds_a_zip_with_pdf_xlsx_and_both_scores_on_the_queue(world, client_for):
    project = _through_finance(world, _project(world))
    client = client_for(world.finance)
    response = client.post("/season/batch/", {"action": "export", "ids": [project.pk]})
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.status == Job.Status.QUEUED
    jobs_run_pending()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and (job.done, job.total) == (1, 1)
    download = client.get(reverse("jobs:download", args=[job.pk]))
    names = zipfile.ZipFile(BytesIO(b"".join(download.streaming_content))).namelist()
    assert any(n.endswith(".pdf") for n in names) and any(n.endswith(".xlsx") for n in names)
    assert "评分汇总.xlsx" in names
    assert client_for(world.reviewer).get(job.get_absolute_url()).status_code == 404


def _run_queued_in(order):
    """Run the queued tasks as a worker would, the export's parts in ``order`` (their
    numbers), then whatever they queued."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    )
    queued = {r.args_kwargs["kwargs"]["part"]: r for r in DBTaskResult.objects.ready()}
    assert sorted(queued) == sorted(order)
    for part in order:
        result = queued[part]
        result.claim(worker.worker_id)
        worker.run_task(result)
        yield part
    jobs_run_pending()


def test_a_batch_export_is_split_in_parts_that_zip_complete_in_any_order(
    world, client_for, monkeypatch
):
    from jixiao.web.season import batch

    monkeypatch.setattr(batch, "PART_SIZE", 2)
    forms = [
        world.unit_form,
        world.other_form,
        _project(world),
        make_form(world.unit, demo.centre_form(2023)),
        make_form(world.other_unit, demo.migrants_form(2023)),
    ]
    client = client_for(world.finance)
    client.post("/season/batch/", {"action": "export", "ids": [f.pk for f in forms]})
    job = Job.objects.get()
    assert (job.done, job.total) == (0, 5)
    for ran, part in enumerate(_run_queued_in([2, 0, 1]), start=1):
        job.refresh_from_db()
        if ran < 3:  # the parts' forms are summed; the ZIP waits for every part
            assert job.status == Job.Status.RUNNING and not job.result_file
            assert job.done == {1: 1, 2: 3}[ran], part
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and (job.done, job.total) == (5, 5)
    download = client.get(reverse("jobs:download", args=[job.pk]))
    archive = zipfile.ZipFile(BytesIO(b"".join(download.streaming_content)))
    names = archive.namelist()
    assert len(names) == len(set(names)) == 5 * 2 + 1  # a PDF and an XLSX each, the scores
    for evaluation in forms:
        mine = [n for n in names if n.startswith(f"{evaluation.organisation.name}/")]
        assert any(evaluation.title in n and n.endswith(".pdf") for n in mine), evaluation
        assert any(evaluation.title in n and n.endswith(".xlsx") for n in mine), evaluation
    assert all(archive.read(n) for n in names)
    # In the forms' order, whatever order the parts ran in: unit by unit.
    folders = [n.split("/")[0] for n in names if "/" in n]
    assert folders == sorted(folders, key=lambda name: folders.index(name))
    scores = archive.read("评分汇总.xlsx")
    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(scores)).active.iter_rows(values_only=True))
    assert len(rows) == 1 + 5
    from django.core.files.storage import default_storage

    assert not default_storage.exists(f"jobs/{job.pk}/parts/00000.zip")  # parts cleaned up


def test_the_bureau_rescores_a_line_with_a_reason_and_the_grade_follows(world, client_for):
    project = _through_finance(world, _project(world))
    client = client_for(world.finance)
    page = client.get(f"/season/score/{project.pk}/").content.decode()
    assert "复核评分" in page
    facts = FormFacts.objects.get(evaluation=project)
    self_score = facts.self_score
    response = client.post(
        f"/season/score/{project.pk}/", {"score:funds.total": "0", "reason:funds.total": ""}
    )
    assert response.status_code == 400
    assert "请填写调整理由" in response.content.decode()
    client.post(
        f"/season/score/{project.pk}/",
        {"score:funds.total": "0", "reason:funds.total": "资金未按进度支出"},
    )
    facts.refresh_from_db()
    line = LineScore.objects.get(evaluation=project, path="funds.total")
    assert line.bureau_score == 0 and line.self_score > 0 and line.reason == "资金未按进度支出"
    assert facts.self_score == self_score  # the unit's score is kept
    assert facts.bureau_score == self_score - line.self_score
    assert facts.grade == facts.bureau_grade
    assert (
        client_for(world.reviewer)
        .post(f"/season/score/{project.pk}/", {"score:funds.total": "1", "reason:funds.total": "x"})
        .status_code
        == 400
        or not LineScore.objects.filter(bureau_score=1).exists()
    )


def test_a_unit_cannot_rescore_its_own_form(world, client_for):
    project = _through_finance(world, _project(world))
    response = client_for(world.unit_user).post(
        f"/season/score/{project.pk}/", {"score:funds.total": "10", "reason:funds.total": "x"}
    )
    assert response.status_code == 403
    assert not LineScore.objects.exists()


def test_forms_stored_before_the_one_figure_table_get_their_row_on_migration(world):
    from importlib import import_module

    from django.apps import apps

    FormFacts.objects.all().delete()
    migration = import_module("jixiao.web.season.migrations.0004_figures_of_every_form")
    migration.rebuild(apps, None)
    facts = FormFacts.objects.get(evaluation=world.unit_form)
    assert facts.initial_budget is not None and facts.rate is not None and facts.task is None
    assert (facts.organisation, facts.year, facts.status) == (
        world.unit,
        world.unit_form.year,
        world.unit_form.status,
    )


def test_the_list_figures_follow_a_saved_change_and_survive_workflow_steps(world):
    data = {**world.unit_form.data}
    data["funds"] = {**data["funds"], "initial_budget": "500.00"}
    saved = evaluation_services.evaluation_save_draft(
        evaluation=world.unit_form, data=data, expected_version=1, user=world.unit_user
    )
    facts = FormFacts.objects.get(evaluation=saved)
    assert str(facts.initial_budget) == "500.00" and facts.version == saved.version
    submitted = evaluation_services.evaluation_submit(
        evaluation=saved, user=world.unit_user, explanation="已核对"
    )
    facts.refresh_from_db()
    assert str(facts.initial_budget) == "500.00" and facts.submitted_at is not None
    assert submitted.version == facts.version


def test_the_portal_lists_published_forms_with_their_figures(world, client_for):
    project = _through_finance(world, _project(world))
    evaluation_services.evaluation_publish(evaluation=project, user=world.finance)
    facts = FormFacts.objects.get(evaluation=project)
    page = client_for(None).get("/public/").content.decode()
    assert project.title in page and str(facts.initial_budget) in page and facts.grade in page


def test_lists_and_dashboards_read_one_row_per_form_filled_by_the_core(world):
    from django.db.models import Q

    from jixiao.core.season import stored_figures
    from jixiao.core.serialization import form_from_data
    from jixiao.web.dashboards.selectors import _forms

    facts = FormFacts.objects.get(evaluation=world.unit_form)
    expected = stored_figures(form_from_data(world.unit_form.data), world.unit_form.rules)
    assert facts.initial_budget == expected["initial_budget"]
    assert facts.actual_spending == expected["actual_spending"] and facts.rate == expected["rate"]
    charted = {
        f.organisation: f for f in _forms(Q(organisation__path__startswith=world.bureau.path))
    }
    assert charted[world.unit.pk].initial_budget == facts.initial_budget
    assert charted[world.unit.pk].status == world.unit_form.status
