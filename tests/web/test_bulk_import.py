"""批量导入: several files or a ZIP, read by the real importer as a job on the database queue,
each form saved as a draft only when nothing needs the person's eye; progress and a report."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.core.serialization import form_to_data
from jixiao.web.evaluations import demo
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.jobs.models import Job
from jixiao.web.jobs.services import jobs_run_pending
from jixiao.web.organisations.models import FiscalYear
from tests.web.conftest import Role, make_user


def _json(form) -> bytes:
    return json.dumps(form_to_data(form), ensure_ascii=False).encode("utf-8")


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _report(client, job: Job) -> list[dict[str, str]]:
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_a_zip_and_a_file_become_drafts_as_a_job_with_progress_and_a_report(world, client_for):
    for year in (2023, 2024):
        FiscalYear.objects.create(year=year, is_open=True)
    client = client_for(world.unit_user)
    bundle = _zip(
        {
            "2023/中心2023.json": _json(demo.centre_form(2023)),
            "2022/中心2022.json": _json(demo.centre_form(2022)),  # would replace the 2022 form
            "2022/来穗2022.json": _json(demo.migrants_form(2022)),  # another unit's
            "__MACOSX/._中心2023.json": b"\x00\x05",
            "损坏.pdf": b"%PDF-1.4 not really",
        }
    )
    before = set(Evaluation.objects.values_list("pk", flat=True))
    response = client.post(
        reverse("evaluations:import_bulk"),
        {
            "files": [
                SimpleUploadedFile("表单.zip", bundle),
                SimpleUploadedFile("中心2024.json", _json(demo.centre_form(2024))),
            ]
        },
    )
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.status, job.title) == (Job.Status.QUEUED, "批量导入 2 个文件")
    assert set(Evaluation.objects.values_list("pk", flat=True)) == before, "nothing yet"

    assert jobs_run_pending() == 1

    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert (job.done, job.total) == (5, 5)
    assert "2 份表单已保存为草稿，2 份需逐个导入确认，1 个文件无法读取" in job.message
    page = client.get(job.get_absolute_url()).content.decode()
    assert "已完成" in page and "批量导入报告.csv" in page

    new = Evaluation.objects.exclude(pk__in=before)
    assert sorted(new.values_list("year", flat=True)) == [2023, 2024]
    assert {e.organisation for e in new} == {world.unit}
    assert all(e.status == "draft" for e in new)
    assert new.get(year=2024).history.first().history_user == world.unit_user

    rows = {r["文件"]: r for r in _report(client, job)}
    assert rows["表单.zip/2023/中心2023.json"]["结果"] == "已保存为草稿"
    assert rows["表单.zip/2023/中心2023.json"]["链接"] == reverse(
        "evaluations:detail", args=[new.get(year=2023).pk]
    )
    assert rows["表单.zip/2022/中心2022.json"]["结果"] == "未保存"
    assert "已有该表单" in rows["表单.zip/2022/中心2022.json"]["说明"]
    assert rows["表单.zip/2022/来穗2022.json"]["结果"] == "未保存"
    assert "不是您填报的单位" in rows["表单.zip/2022/来穗2022.json"]["说明"]
    assert rows["表单.zip/损坏.pdf"]["结果"] == "无法读取"
    assert rows["中心2024.json"]["结果"] == "已保存为草稿"
    assert not any("__MACOSX" in name for name in rows)
    assert not Evaluation.objects.filter(organisation=world.other_unit).exclude(
        pk=world.other_form.pk
    )
    _dirs, uploaded = default_storage.listdir(f"imports/{world.unit_user.pk}")
    assert uploaded == [], "the uploaded files are removed once read"


def test_a_file_naming_a_unit_the_person_does_not_fill_for_is_left_unsaved(world, client_for):
    # The department's filler fills in for both units; the file names neither.
    filler = make_user("both_units", world.department, Role.FILLER)
    form = demo.centre_form(2022).model_copy(update={"department": "别的单位"})
    client = client_for(filler)
    client.post(
        reverse("evaluations:import_bulk"),
        {"files": [SimpleUploadedFile("别的.json", _json(form))]},
    )
    jobs_run_pending()
    (row,) = _report(client, Job.objects.get())
    assert row["结果"] == "未保存" and "“别的单位”不是您填报的单位" in row["说明"]


def test_a_chosen_unit_still_refuses_a_file_naming_another(world, client_for):
    client = client_for(world.unit_user)
    client.post(
        reverse("evaluations:import_bulk"),
        {
            "files": [SimpleUploadedFile("来穗2023.json", _json(demo.migrants_form(2023)))],
            "organisation": str(world.unit.pk),
        },
    )
    jobs_run_pending()
    job = Job.objects.get()
    (row,) = _report(client, job)
    assert row["结果"] == "未保存" and demo.MIGRANTS in row["说明"]
    assert not Evaluation.objects.filter(year=2023)


def test_bad_batches_are_refused_on_the_page_in_chinese(world, client_for):
    client = client_for(world.unit_user)
    empty = client.post(reverse("evaluations:import_bulk"), {})
    assert empty.status_code == 400 and "请选择要导入的文件" in empty.content.decode()
    foreign = client.post(
        reverse("evaluations:import_bulk"),
        {
            "files": [SimpleUploadedFile("a.json", _json(demo.centre_form(2023)))],
            "organisation": str(world.other_unit.pk),
        },
    )
    assert foreign.status_code == 400 and "选择的单位无效" in foreign.content.decode()
    assert not Job.objects.exists()


def test_a_broken_zip_is_reported_not_crashed(world, client_for):
    client = client_for(world.unit_user)
    client.post(
        reverse("evaluations:import_bulk"),
        {"files": [SimpleUploadedFile("坏.zip", b"PK\x03\x04 broken")]},
    )
    jobs_run_pending()
    job = Job.objects.get()
    assert job.status == Job.Status.DONE
    (row,) = _report(client, job)
    assert (row["结果"], row["说明"]) == ("无法读取", "不是有效的 ZIP 压缩包")


def test_only_people_who_fill_in_forms_may_bulk_import(world, client_for):
    response = client_for(world.reviewer).post(
        reverse("evaluations:import_bulk"),
        {"files": [SimpleUploadedFile("a.json", _json(demo.centre_form(2023)))]},
    )
    assert response.status_code == 403
    assert not Job.objects.exists()
