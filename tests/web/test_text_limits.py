"""Text length limits in the editor and the services: every limited field shows
"已输入 n / 最多 m 字", an oversize save is refused in Chinese with the text kept in its input
(and through the API), and an amount typed with three decimals is a finding beside its field."""

from __future__ import annotations

import copy
import re

import pytest
from django.urls import reverse

from jixiao.web.api.services import token_create
from jixiao.web.evaluations.editor.session import as_post
from tests.web.test_failed_saves import _input_value, _unchanged

MOST = 2000  # 部门整体绩效, 存在问题: one printed page


def _save(client, evaluation, **changes):
    post = as_post(evaluation.form_type, evaluation.data)
    post["version"] = str(evaluation.version)
    post.update(changes)
    return client.post(reverse("evaluations:edit", kwargs={"pk": evaluation.pk}), post)


def _counter(page: str, name: str) -> str:
    found = re.search(
        rf'<small class="char-count([^"]*)" data-count-for="f-{name}" data-most="(\d+)"'
        rf"[^>]*>已输入 <b>(\d+)</b> / 最多 (\d+) 字",
        page,
    )
    assert found, f"no counter for {name}"
    over, most, count, shown = found.groups()
    assert most == shown
    return f"{count}/{most}{over}"


def test_the_editor_counts_each_limited_field(world, client_for):
    evaluation = world.unit_form
    page = client_for(world.unit_user).get(reverse("evaluations:edit", args=[evaluation.pk]))
    body = page.content.decode()
    problems = evaluation.data.get("problems", "")
    assert _counter(body, "problems") == f"{len(problems)}/{MOST}"
    assert _counter(body, "tasks-0-achievement").endswith("/500")
    assert _counter(body, "department").endswith("/100")
    # Amounts have no counter.
    assert 'data-count-for="f-funds-actual_spending"' not in body


def test_an_oversize_text_is_refused_and_kept_in_its_input(world, client_for):
    evaluation = world.unit_form
    before = copy.deepcopy(evaluation)
    long_text = "问题" * 1001  # 2002 characters
    response = _save(client_for(world.unit_user), evaluation, problems=long_text)
    assert response.status_code == 400
    page = response.content.decode()
    assert "保存失败" in page and "尚未保存" in page
    assert "“存在问题”最多 2000 字" in page and "已输入 2002 字" in page
    assert _input_value(page, "problems") == long_text
    assert _counter(page, "problems") == f"2002/{MOST} over"
    _unchanged(evaluation, before)


def test_a_text_at_the_limit_saves_with_browser_line_breaks_counted_once(world, client_for):
    evaluation = world.unit_form
    text = "甲" * (MOST - 2) + "\r\n乙"  # 2000 characters as a person counts them
    assert _save(client_for(world.unit_user), evaluation, problems=text).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.data["problems"].replace("\r\n", "\n") == text.replace("\r\n", "\n")


def test_the_api_refuses_an_oversize_text(world, client):
    evaluation = world.unit_form
    _, token = token_create(user=world.unit_user, name="测试", scope="write")
    data = {**evaluation.data, "overall_performance": "绩" * (MOST + 1)}
    response = client.put(
        f"/api/evaluations/{evaluation.pk}/draft",
        {"version": evaluation.version, "data": data},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 400
    assert "“部门整体绩效”最多 2000 字" in response.json()["detail"]
    evaluation.refresh_from_db()
    assert evaluation.data["overall_performance"] != data["overall_performance"]


@pytest.mark.parametrize("typed", ["12.345", "１２.３４５"])
def test_three_decimals_are_a_finding_beside_the_field(world, client_for, typed):
    evaluation = world.unit_form
    client = client_for(world.unit_user)
    # While typing: the core's finding comes back with the live figures.
    post = as_post(evaluation.form_type, evaluation.data)
    post["funds-actual_spending"] = typed
    live = client.post(reverse("evaluations:compute", args=[evaluation.pk]), post)
    assert "金额最多两位小数" in live.content.decode()
    # Saved as a draft (nothing typed is lost); the editor shows it beside 实际支出数.
    assert _save(client, evaluation, **{"funds-actual_spending": typed}).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.data["funds"]["actual_spending"] == "12.345"
    page = client.get(reverse("evaluations:edit", args=[evaluation.pk])).content.decode()
    slot = page[page.index('id="slot-funds-actual_spending"') :][:600]
    assert "金额最多两位小数" in slot and "12.345" in slot


def test_an_amount_typed_in_yuan_is_converted_to_wan_and_said(world, client_for):
    evaluation = world.unit_form
    client = client_for(world.unit_user)
    post = as_post(evaluation.form_type, evaluation.data)
    post["funds-actual_spending"] = "1000000元"
    live = client.post(reverse("evaluations:compute", args=[evaluation.pk]), post).content
    assert "已按元折算为万元：1000000元 = 100万元" in live.decode()
    saved = _save(client, evaluation, **{"funds-actual_spending": "1000000元"})
    assert saved.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.data["funds"]["actual_spending"] == "100"
    page = client.get(saved["Location"]).content.decode()
    assert "已按元折算为万元" in page
    # 万元 written in a 万元 cell is taken as it is, without a notice.
    post["funds-actual_spending"] = "100万元"
    live = client.post(reverse("evaluations:compute", args=[evaluation.pk]), post).content
    assert "折算" not in live.decode()


def test_a_refused_save_still_says_how_an_amount_was_converted(world, client_for):
    evaluation = world.unit_form
    response = _save(
        client_for(world.unit_user),
        evaluation,
        **{"funds-actual_spending": "2500元", "problems": "问" * (MOST + 1)},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert _input_value(page, "funds-actual_spending") == "2500元"
    slot = page[page.index('id="slot-funds-actual_spending"') :][:600]
    assert "已按元折算为万元：2500元 = 0.25万元" in slot
