"""The 项目支出绩效目标申报表 in the browser: start one, fill it in the editor, have it checked,
save it and download it. Persona: the unit's 填报人 (``unit_user``)."""

from __future__ import annotations

import json

from django.urls import reverse

from jixiao.web.evaluations.editor.session import as_post
from jixiao.web.evaluations.models import Evaluation
from tests.conftest import FIXTURES

NEW = reverse("evaluations:new")
KEY = "project_target"


def _start(client, world, name="天河区法治宣传教育项目"):  # type: ignore[no-untyped-def]
    return client.post(
        NEW,
        {
            "organisation": str(world.unit.pk),
            "year": "2024",
            "form_type": KEY,
            "project_name": name,
            "start": "blank",
        },
    )


def _created(response) -> Evaluation:  # type: ignore[no-untyped-def]
    assert response.status_code == 302, response.content.decode()[:2000]
    pk = int(response["Location"].rstrip("/").split("/")[-2])
    return Evaluation.objects.get(pk=pk)


def _filled(evaluation: Evaluation) -> dict[str, str]:
    sample = json.loads((FIXTURES / "sample_target_declaration.json").read_text(encoding="utf-8"))
    post = as_post(KEY, {**sample, "year": evaluation.year})
    post["version"] = str(evaluation.version)
    return post


def test_the_new_form_page_offers_the_declaration(world, client_for):
    page = client_for(world.unit_user).get(NEW).content.decode()
    assert "项目支出绩效目标申报表" in page


def test_a_declaration_needs_its_project_name(world, client_for):
    response = _start(client_for(world.unit_user), world, name="")
    assert response.status_code == 400
    assert "请填写项目名称" in response.content.decode()


def test_a_blank_declaration_opens_in_its_editor(world, client_for):
    client = client_for(world.unit_user)
    evaluation = _created(_start(client, world))
    assert (evaluation.form_type, evaluation.title) == (KEY, "天河区法治宣传教育项目")
    assert evaluation.data["implementing_unit"] == world.unit.name
    assert evaluation.ruleset_version
    page = client.get(reverse("evaluations:edit", kwargs={"pk": evaluation.pk})).content.decode()
    assert "中长期目标" in page and "其中：财政拨款" in page
    assert "请填写年度目标" in page  # the blank form's findings are shown by field


def test_the_filled_declaration_is_saved_and_checked(world, client_for):
    client = client_for(world.unit_user)
    evaluation = _created(_start(client, world))
    edit = reverse("evaluations:edit", kwargs={"pk": evaluation.pk})
    post = _filled(evaluation)
    post["funds-other"] = "30.00"  # 180 + 30 is not the total of 200
    response = client.post(edit, post)
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.data["funds"]["other"] == "30.00"
    assert evaluation.data["indicators"][5]["name"] == "群众法治知识知晓率"
    page = client.get(edit).content.decode()
    assert "与年度资金总额200.00不一致" in page
    assert "210.00" in page  # the core's 财政拨款与其他资金合计


def test_a_second_declaration_of_the_same_project_is_refused(world, client_for):
    client = client_for(world.unit_user)
    _created(_start(client, world))
    response = _start(client, world)
    assert response.status_code == 400
    assert "项目支出绩效目标申报表，不能重复新建" in response.content.decode()


def test_the_declaration_downloads_as_xlsx_and_pdf(world, client_for):
    client = client_for(world.unit_user)
    evaluation = _created(_start(client, world))
    client.post(reverse("evaluations:edit", kwargs={"pk": evaluation.pk}), _filled(evaluation))
    for fmt, magic in (("xlsx", b"PK"), ("pdf", b"%PDF")):
        url = reverse("evaluations:export", kwargs={"pk": evaluation.pk, "fmt": fmt})
        response = client.get(url)
        assert response.status_code == 200
        assert response.content.startswith(magic)
