"""Import holes found in review: previews wait server-side (expiry, size cap, owner only), the
form index is checked, and a file is not trusted — a differing department, unit or year is
said, and a draft is never replaced without showing what would change and asking."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from jixiao.core.serialization import form_to_data
from jixiao.web.evaluations import demo
from jixiao.web.evaluations.models import Evaluation, ImportPreview

CONFIRM = "evaluations:import_confirm"


def _upload(client, form_data: dict, name: str = "form.json"):
    content = json.dumps(form_data, ensure_ascii=False).encode()
    return client.post(reverse("evaluations:import"), {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def migrants_file():
    """The sibling unit's own form, as a unit user might upload it by mistake."""
    return form_to_data(demo.migrants_form(2022))


def test_previews_wait_in_the_database_not_the_session(world, client_for, migrants_file):
    client = client_for(world.unit_user)
    token = _upload(client, migrants_file).context["token"]
    preview = ImportPreview.objects.get(token=token)
    assert preview.user == world.unit_user
    assert not any("import" in key for key, _ in client.session.items())


def test_a_preview_is_for_its_owner_only_and_expires(world, client_for, migrants_file):
    token = _upload(client_for(world.unit_user), migrants_file).context["token"]
    post = {"token": token, "index": "0", "organisation": str(world.unit.pk), "confirmed": "1"}
    stranger = client_for(world.unit_filler).post(reverse(CONFIRM), post, follow=True)
    assert "导入内容已失效" in stranger.content.decode()
    ImportPreview.objects.update(created_at=timezone.now() - timedelta(hours=2))
    late = client_for(world.unit_user).post(reverse(CONFIRM), post, follow=True)
    assert "导入内容已失效" in late.content.decode()
    assert not Evaluation.objects.filter(organisation=world.unit, pk__gt=world.other_form.pk)


def test_a_preview_over_the_size_cap_is_refused(world, client_for, settings, migrants_file):
    settings.IMPORT_PREVIEW_MAX_BYTES = 1000
    response = _upload(client_for(world.unit_user), migrants_file)
    assert response.status_code == 400
    assert "超过预览上限" in response.content.decode()
    assert not ImportPreview.objects.exists()


@pytest.mark.parametrize("index", ["-1", "1", "x", ""])
def test_a_form_index_outside_the_file_is_refused(world, client_for, migrants_file, index):
    client = client_for(world.unit_user)
    token = _upload(client, migrants_file).context["token"]
    post = {"token": token, "index": index, "organisation": str(world.unit.pk), "confirmed": "1"}
    response = client.post(reverse(CONFIRM), post, follow=True)
    assert "导入内容已失效" in response.content.decode()


def test_another_units_form_is_flagged_and_never_lands_on_their_draft(
    world, client_for, migrants_file
):
    client = client_for(world.unit_user)
    token = _upload(client, migrants_file).context["token"]
    post = {"token": token, "index": "0", "organisation": str(world.unit.pk)}
    check = client.post(reverse(CONFIRM), post)
    page = check.content.decode()
    assert f"文件中的部门为“{demo.MIGRANTS}”，将保存到的单位是“{world.unit.name}”" in page
    # The unit's own department form of 2022 exists: replacing it is shown field by field.
    assert "已有该表单" in page and "修改前" in page
    world.refresh()
    assert world.unit_form.version == 1
    # The sibling unit's form is not the user's to choose.
    other = {**post, "organisation": str(world.other_unit.pk), "confirmed": "1"}
    refused = client.post(reverse(CONFIRM), other, follow=True)
    assert "选择的单位无效" in refused.content.decode()
    world.refresh()
    assert world.other_form.version == 1


def test_a_year_that_is_not_being_filled_is_flagged(world, client_for):
    from jixiao.web.organisations.models import FiscalYear

    FiscalYear.objects.update_or_create(year=2023, defaults={"is_open": True})
    FiscalYear.objects.filter(year=2022).update(is_open=True)
    old = form_to_data(demo.centre_form(2019))
    client = client_for(world.unit_user)
    token = _upload(client, old).context["token"]
    check = client.post(
        reverse(CONFIRM), {"token": token, "index": "0", "organisation": str(world.unit.pk)}
    )
    assert "文件中的年度为 2019，不是正在填报的年度（2022、2023）" in check.content.decode()
    assert not Evaluation.objects.filter(year=2019).exists()
