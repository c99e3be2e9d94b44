"""A refused save or step never loses what the person typed: a bad number, an invalid choice,
a stale version, a form locked for review, a submission with errors, a review decision on a
form that has moved on. Each page comes back with the typed values in their inputs, a Chinese
message, and nothing stored."""

from __future__ import annotations

import copy
import html
import re

import pytest
from django.urls import reverse

from jixiao.web.evaluations import demo
from jixiao.web.evaluations.editor.session import as_post
from jixiao.web.evaluations.services import evaluation_approve, evaluation_submit
from jixiao.web.organisations.models import Membership
from tests.web.conftest import make_form, make_user

NARRATIVE = "这段文字还没有保存，不能丢"


def _project(world):
    return make_form(world.unit, demo.centre_project_form(2022, world.department.name))


def _form(world, kind):
    return world.unit_form if kind == "department" else _project(world)


# The narrative field and a money field of each form, by POST name.
FIELDS = {
    "department": ("problems", "funds-actual_spending"),
    "project": ("problems", "funds-total-executed"),
}


def _save(client, evaluation, version=None, **changes):
    post = as_post(evaluation.form_type, evaluation.data)
    post["version"] = str(evaluation.version if version is None else version)
    post.update(changes)
    return client.post(reverse("evaluations:edit", kwargs={"pk": evaluation.pk}), post)


def _input_value(page: str, name: str) -> str | None:
    """What the page's input or textarea named ``name`` holds (None if it has no input)."""
    found = re.search(rf'<input id="f-{name}" name="{name}" value="([^"]*)"', page)
    if found:
        return html.unescape(found.group(1))
    found = re.search(rf'<textarea id="f-{name}" name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    return html.unescape(found.group(1)) if found else None


def _unchanged(evaluation, before):
    evaluation.refresh_from_db()
    assert evaluation.version == before.version
    assert evaluation.data == before.data


@pytest.mark.parametrize("kind", ["department", "project"])
def test_a_bad_number_keeps_every_typed_value(world, client_for, kind):
    evaluation = _form(world, kind)
    before = copy.deepcopy(evaluation)
    narrative, money = FIELDS[kind]
    response = _save(
        client_for(world.unit_user), evaluation, **{narrative: NARRATIVE, money: "七十六万"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert _input_value(page, narrative) == NARRATIVE
    assert _input_value(page, money) == "七十六万"
    assert "请填写数字" in page and "尚未保存" in page
    _unchanged(evaluation, before)


def test_an_invalid_choice_is_said_in_chinese_and_keeps_the_rest(world, client_for):
    evaluation = _project(world)
    before = copy.deepcopy(evaluation)
    response = _save(
        client_for(world.unit_user),
        evaluation,
        problems=NARRATIVE,
        **{"indicators-0-nature": "≈", "indicators-0-actual": "320场"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "请从下拉列表中选择" in page
    assert "Input should be" not in page
    assert _input_value(page, "problems") == NARRATIVE
    assert _input_value(page, "indicators-0-actual") == "320场"
    _unchanged(evaluation, before)


@pytest.mark.parametrize("kind", ["department", "project"])
def test_a_stale_version_keeps_every_typed_value(world, client_for, kind):
    evaluation = _form(world, kind)
    stale = copy.deepcopy(evaluation)
    narrative, money = FIELDS[kind]
    assert _save(client_for(world.unit_filler), evaluation, measures="甲").status_code == 302
    evaluation.refresh_from_db()
    saved = copy.deepcopy(evaluation)
    response = _save(client_for(world.unit_user), stale, **{narrative: NARRATIVE, money: "70.00"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "其他人已在您打开之后修改并保存了此表单" in page
    assert _input_value(page, narrative) == NARRATIVE
    assert _input_value(page, money) == "70.00"
    _unchanged(evaluation, saved)


@pytest.mark.parametrize("kind", ["department", "project"])
def test_a_form_locked_for_review_keeps_what_was_typed_in_its_inputs(world, client_for, kind):
    evaluation = _form(world, kind)
    page_copy = copy.deepcopy(evaluation)  # the editor was opened before the form was submitted
    evaluation_submit(evaluation=evaluation, user=world.unit_user, explanation="已说明")
    evaluation.refresh_from_db()
    locked = copy.deepcopy(evaluation)
    narrative, money = FIELDS[kind]
    response = _save(
        client_for(world.unit_filler), page_copy, **{narrative: NARRATIVE, money: "70.00"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "审核期间不能修改" in page
    assert "您填写的内容仍保留在下方" in page
    assert _input_value(page, narrative) == NARRATIVE
    assert _input_value(page, money) == "70.00"
    _unchanged(evaluation, locked)


def _transition(client, evaluation, step, **data):
    """The refused step redirects (never left on the POST URL); the page after it is read."""
    url = reverse("evaluations:transition", kwargs={"pk": evaluation.pk, "step": step})
    response = client.post(url, data)
    assert response.status_code == 302
    return client.get(response["Location"])


def test_a_submission_refused_for_errors_keeps_the_explanation(world, client_for):
    evaluation = world.unit_form
    # Two errors (the sources no longer add up to the spending, and the printed completion rate
    # no longer follows from it) and a warning (no problems stated).
    evaluation.data["funds"]["actual_spending"] = "300.00"
    evaluation.data["problems"] = ""
    evaluation.save()
    response = _transition(
        client_for(world.unit_user), evaluation, "submit", explanation="问题将在下月补充"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "表单还有 2 个错误，改正后才能提交" in page
    assert re.search(r'<textarea name="explanation"[^>]*>问题将在下月补充</textarea>', page)
    evaluation.refresh_from_db()
    assert evaluation.status == "draft"


def test_a_review_comment_survives_a_refused_return(world, client_for):
    evaluation_submit(evaluation=world.unit_form, user=world.unit_user)
    second = make_user("second_reviewer", world.department, Membership.Role.DEPARTMENT_REVIEWER)
    # The other reviewer approves first; this one's return is refused, the comment kept.
    evaluation_approve(evaluation=world.unit_form, user=second)
    response = _transition(
        client_for(world.reviewer), world.unit_form, "return", comment="请补充问题分析"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "表单当前状态为“主管部门审核通过”，这一步需由财政局管理员执行，您没有该角色。" in page
    assert re.search(r"<textarea readonly[^>]*>请补充问题分析</textarea>", page)
    world.refresh()
    assert world.unit_form.status == "dept_approved"


def test_a_return_without_comment_comes_back_with_the_form_to_write_one(world, client_for):
    evaluation_submit(evaluation=world.unit_form, user=world.unit_user)
    response = _transition(client_for(world.reviewer), world.unit_form, "return", comment=" ")
    assert response.status_code == 200
    page = response.content.decode()
    assert "退回时必须填写审核意见" in page
    assert 'name="comment"' in page
