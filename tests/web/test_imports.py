"""Import in the browser: the report is shown first, nothing is saved until confirmed."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.web.evaluations.models import Evaluation

SEED_JSON = Path(__file__).parents[1] / "fixtures" / "seed_form.json"


def _upload(client, content: bytes, name: str):
    return client.post(reverse("evaluations:import"), {"file": SimpleUploadedFile(name, content)})


def test_an_uploaded_form_is_previewed_then_saved_on_confirmation(world, client_for):
    world.unit_form.delete()
    client = client_for(world.unit_user)
    before = Evaluation.objects.count()
    response = _upload(client, SEED_JSON.read_bytes(), "seed_form.json")
    page = response.content.decode()
    assert response.status_code == 200
    assert "读取报告" in page
    assert Evaluation.objects.count() == before
    token = response.context["token"]
    post = {"token": token, "index": "0", "organisation": str(world.unit.pk)}
    check = client.post(reverse("evaluations:import_confirm"), post)
    # The file names another department: said, and asked again before anything is saved.
    assert check.status_code == 200
    assert "文件内容与导入目标不一致" in check.content.decode()
    assert Evaluation.objects.count() == before
    confirm = client.post(reverse("evaluations:import_confirm"), {**post, "confirmed": "1"})
    assert confirm.status_code == 302
    created = Evaluation.objects.exclude(pk=world.other_form.pk).get()
    assert created.organisation == world.unit
    assert created.data["funds"]["actual_spending"] == "1961.88"
    assert created.history.first().history_user == world.unit_user


def test_an_unreadable_file_gets_a_chinese_message(world, client_for):
    response = _upload(client_for(world.unit_user), b"\x00\x01\x02garbage", "x.bin")
    assert response.status_code == 400
    assert 'class="problem"' in response.content.decode()


def test_a_user_cannot_import_into_another_units_organisation(world, client_for):
    client = client_for(world.unit_user)
    response = _upload(client, SEED_JSON.read_bytes(), "seed_form.json")
    confirm = client.post(
        reverse("evaluations:import_confirm"),
        {"token": response.context["token"], "index": "0", "organisation": world.other_unit.pk},
    )
    assert confirm.status_code == 302
    assert not Evaluation.objects.filter(organisation=world.other_unit, year=2022).exclude(
        pk=world.other_form.pk
    )


def test_reviewers_and_outsiders_cannot_import(world, client_for):
    for user in (world.reviewer, world.outsider):
        assert client_for(user).get(reverse("evaluations:import")).status_code == 403


def test_importing_this_years_form_again_updates_the_draft_and_says_so(world, client_for):
    client = client_for(world.unit_user)
    response = _upload(client, SEED_JSON.read_bytes(), "seed_form.json")
    post = {"token": response.context["token"], "index": "0", "organisation": str(world.unit.pk)}
    check = client.post(reverse("evaluations:import_confirm"), post)
    assert "已有该表单" in check.content.decode()
    world.refresh()
    assert world.unit_form.version == 1
    client.post(reverse("evaluations:import_confirm"), {**post, "confirmed": "1"})
    world.refresh()
    assert world.unit_form.version == 2
    assert world.unit_form.data["funds"]["actual_spending"] == "1961.88"
    assert world.unit_form.history.first().history_change_reason == "导入：seed_form.json"


def test_the_page_states_the_limits_in_force(world, client_for, settings):
    settings.IMPORT_MAX_BYTES = 5 * 1024 * 1024
    settings.IMPORT_MAX_PAGES = 40
    page = client_for(world.unit_user).get(reverse("evaluations:import")).content.decode()
    assert "文件不超过 5 MB，PDF 不超过 40 页" in page


def test_a_60_mb_file_is_refused_with_its_size_and_the_limit(world, client_for):
    response = _upload(
        client_for(world.unit_user), b"%PDF-1.7\n" + b"0" * (60 * 1024 * 1024), "big.pdf"
    )
    assert response.status_code == 400
    assert "文件过大（60 MB），最多可导入 20 MB" in response.content.decode()


def test_a_pdf_of_500_pages_is_refused_on_the_web_at_its_page_limit(world, client_for):
    from tests.formats.test_limits import blank_pdf

    response = _upload(client_for(world.unit_user), blank_pdf(500), "publication.pdf")
    assert response.status_code == 400
    page = response.content.decode()
    assert "PDF 文件有 500 页，超出可导入的篇幅（最多 100 页）" in page


def test_a_workbook_bomb_is_refused_without_being_opened(world, client_for):
    from tests.formats.test_limits import workbook

    bomb = workbook(
        lambda xml: xml.replace(
            b"</sheetData>",
            b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
        )
    )
    response = _upload(client_for(world.unit_user), bomb, "bomb.xlsx")
    assert response.status_code == 400
    assert "Excel 工作表过大" in response.content.decode()


def test_the_preview_shows_the_form_as_read_and_names_each_findings_field(world, client_for):
    seed = Path(__file__).parents[1] / "fixtures" / "seed_form.json"
    page = _upload(client_for(world.unit_user), seed.read_bytes(), "seed.json").content.decode()
    # The form itself, as the print view lays it out, before anything is saved.
    assert "部门资金情况" in page and "1961.88" in page and "天河区城市社区网格化" in page
    # Findings by the field's name, not by its path in the JSON.
    assert "主要任务 第1项 › 关键指标 第2项 › 指标完成情况" in page
    text = re.sub(r"<[^>]+>", " ", page)
    assert "tasks[0].indicators[1].actual" not in text
