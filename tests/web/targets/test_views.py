"""Targets pages with the personas: who sees, who edits, the live check's findings, CSRF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.urls import reverse

from jixiao.core.serialization import form_from_data
from jixiao.core.targets import targets_from_previous
from jixiao.web.targets.models import TargetSet
from jixiao.web.targets.services import targets_create
from tests.web.targets.conftest import form_post

pytestmark = pytest.mark.django_db
SEED = Path(__file__).parents[2] / "fixtures" / "seed_form.json"


def test_the_unit_sees_its_targets_and_others_get_404(world, unit_targets, client_for):
    url = reverse("targets:edit", args=[unit_targets.pk])
    assert client_for(world.unit_user).get(url).status_code == 200
    assert client_for(world.reviewer).get(url).status_code == 200
    assert client_for(world.finance).get(url).status_code == 200
    assert client_for(world.other_unit_user).get(url).status_code == 404
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302  # to the login page
    listed = client_for(world.other_unit_user).get(reverse("targets:list")).content.decode()
    assert world.unit.name not in listed


def test_only_the_units_people_may_save_or_check(world, unit_targets, client_for):
    post = form_post(unit_targets, budget="500")
    url = reverse("targets:edit", args=[unit_targets.pk])
    assert client_for(world.reviewer).post(url, post).status_code == 403
    assert client_for(world.other_unit_user).post(url, post).status_code == 404
    check = reverse("targets:check", args=[unit_targets.pk])
    assert client_for(world.other_unit_user).post(check, post).status_code == 404
    response = client_for(world.unit_user).post(url, post)
    assert response.status_code == 302
    unit_targets.refresh_from_db()
    assert unit_targets.data["budget"] == "500" and unit_targets.version == 2


def test_a_post_without_the_csrf_token_is_refused(world, unit_targets, client_for):
    client = client_for(world.unit_user, csrf=True)
    url = reverse("targets:edit", args=[unit_targets.pk])
    assert client.post(url, form_post(unit_targets)).status_code == 403
    step = reverse("targets:transition", args=[unit_targets.pk, "submit"])
    assert client.post(step).status_code == 403


def test_the_live_check_explains_an_unmeasurable_value_and_forgets_it_once_fixed(
    world, unit_targets, client_for
):
    client = client_for(world.unit_user)
    check = reverse("targets:check", args=[unit_targets.pk])
    name = "tasks-0-indicators-0-value"
    vague = client.post(check, form_post(unit_targets, **{name: "排名全市前列"})).content.decode()
    assert "无法量化" in vague and "排名全市前5名" in vague
    assert 'id="q-tasks-0-indicators-0" hx-swap-oob="true"><p class="finding' in vague
    fixed = client.post(check, form_post(unit_targets, **{name: "≥96%"})).content.decode()
    assert "无法量化" not in fixed


def test_a_script_typed_into_a_field_is_shown_as_text(world, unit_targets, client_for):
    client = client_for(world.unit_user)
    check = reverse("targets:check", args=[unit_targets.pk])
    attack = "<script>alert(1)</script>"
    post = form_post(unit_targets, **{"tasks-0-indicators-0-name": attack})
    assert "<script>alert(1)" not in client.post(check, post).content.decode()
    # Issue 10, defect 5: the check answers findings only, so the value must also be seen where
    # it is rendered: the editor page shown again, and after saving.
    url = reverse("targets:edit", args=[unit_targets.pk])
    shown_again = client.post(url, {**post, "op": "add:tasks-0-indicators"}).content.decode()
    assert attack not in shown_again
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in shown_again
    assert client.post(url, post).status_code == 302
    saved = client.get(url).content.decode()
    assert attack not in saved
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in saved


def test_add_and_remove_buttons_change_the_page_but_save_nothing(world, unit_targets, client_for):
    client = client_for(world.unit_user)
    url = reverse("targets:edit", args=[unit_targets.pk])
    added = client.post(url, form_post(unit_targets, op="add:tasks-0-indicators"))
    assert 'name="tasks-0-indicators-2-name"' in added.content.decode()
    removed = client.post(url, form_post(unit_targets, op="remove:tasks-1"))
    assert 'name="tasks-1-goal"' not in removed.content.decode()
    unit_targets.refresh_from_db()
    assert unit_targets.version == 1 and len(unit_targets.data["tasks"]) == 2


def test_the_seed_departments_targets_flag_its_unmeasurable_indicators(world, client_for):
    """Acceptance: 2023 targets drafted from the seed flag 排名全市前列 and 持续开展…"""
    seed = form_from_data(json.loads(SEED.read_text(encoding="utf-8")))
    targets = targets_from_previous(seed, 2023)
    target_set = targets_create(
        organisation=world.department, year=2023, user=None, targets=targets
    )
    page = client_for(world.reviewer).get(reverse("targets:edit", args=[target_set.pk]))
    body = page.content.decode()
    assert "排名全市前列" in body and "持续开展人口数据的常态化治理工作" in body
    assert body.count("无法量化") >= 2
    assert "请改为可量化的指标，如：排名全市前5名" in body
    assert "请写明数量、频次或完成标准" in body


def test_review_steps_are_for_reviewers_and_the_handoff_for_the_unit(
    world, unit_targets, client_for
):
    submit = reverse("targets:transition", args=[unit_targets.pk, "submit"])
    approve = reverse("targets:transition", args=[unit_targets.pk, "approve"])
    handoff = reverse("handoff:start", args=[unit_targets.pk])
    assert client_for(world.unit_filler).post(submit).status_code == 403
    assert client_for(world.unit_user).post(approve).status_code == 403
    assert client_for(world.reviewer).post(handoff).status_code == 403
    assert client_for(world.other_unit_user).post(handoff).status_code == 404
    assert (
        client_for(world.unit_user)
        .post(reverse("targets:transition", args=[unit_targets.pk, "bogus"]))
        .status_code
        == 404
    )
    response = client_for(world.unit_user).post(handoff)
    assert response.status_code == 302 and "/evaluations/" in response["Location"]
    assert TargetSet.objects.get(pk=unit_targets.pk).status == "draft"


def test_the_editor_offers_the_mof_second_level_categories_and_keeps_an_odd_one(
    world, unit_targets, client_for
):
    data = dict(unit_targets.data)
    data["tasks"][0]["indicators"][0]["level2"] = "自定义类别"
    unit_targets.data = data
    unit_targets.save()
    page = client_for(world.unit_user).get(reverse("targets:edit", args=[unit_targets.pk]))
    html = page.content.decode()
    first = html[html.index('name="tasks-0-indicators-0-level2"') :]
    first = first[: first.index("</select>")]
    for category in ("数量指标", "质量指标", "可持续影响指标", "服务对象满意度指标"):
        assert f"<option>{category}</option>" in first
    assert '<option value="自定义类别" selected>自定义类别（不在规定类别中）</option>' in first
