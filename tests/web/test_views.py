"""Every view with every persona: who sees what, IDOR attempts, CSRF, escaping, the editor's
live computation, optimistic locking and failed saves that keep what was typed."""

from __future__ import annotations

import copy

import pytest
from django.urls import reverse

from jixiao.web.evaluations.editor.session import as_post

# (url name, extra kwargs, method)
PAGES = [
    ("evaluations:detail", {}, "get"),
    ("evaluations:edit", {}, "get"),
    ("evaluations:history", {}, "get"),
    ("evaluations:export", {"fmt": "json"}, "get"),
    ("evaluations:compute", {}, "post"),
]

# persona → expected status per page above, for the unit's own form
EXPECTED = {
    "unit_user": [200, 200, 200, 200, 200],
    "other_unit_user": [404, 404, 404, 404, 404],
    "reviewer": [200, 403, 200, 200, 403],
    "finance": [200, 403, 200, 200, 403],
    "observer": [200, 403, 200, 200, 403],
    "outsider": [404, 404, 404, 404, 404],
}


def _url(name, evaluation, extra):
    return reverse(name, kwargs={"pk": evaluation.pk, **extra})


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_persona_gets_exactly_the_pages_their_role_allows(world, client_for, persona):
    client = client_for(getattr(world, persona))
    got = []
    for name, extra, method in PAGES:
        url = _url(name, world.unit_form, extra)
        if method == "get":
            response = client.get(url)
        else:
            response = client.post(url, as_post("department_overall", world.unit_form.data))
        got.append(response.status_code)
    assert got == EXPECTED[persona]


@pytest.mark.parametrize("name,extra,method", PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(world, client_for, name, extra, method):
    client = client_for(None)
    url = _url(name, world.unit_form, extra)
    response = client.get(url) if method == "get" else client.post(url, {})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("step", ["submit", "approve", "return", "publish"])
def test_another_unit_cannot_move_the_form_by_any_step(world, client_for, step):
    client = client_for(world.other_unit_user)
    url = reverse("evaluations:transition", kwargs={"pk": world.unit_form.pk, "step": step})
    assert client.post(url, {"comment": "x"}).status_code == 404
    world.refresh()
    assert world.unit_form.status == "draft"


def test_another_unit_cannot_save_into_the_form(world, client_for):
    client = client_for(world.other_unit_user)
    post = as_post("department_overall", world.unit_form.data)
    post.update({"version": "1", "problems": "篡改"})
    response = client.post(reverse("evaluations:edit", kwargs={"pk": world.unit_form.pk}), post)
    assert response.status_code == 404
    world.refresh()
    assert world.unit_form.version == 1


def test_the_list_shows_only_visible_forms(world, client_for):
    page = client_for(world.unit_user).get(reverse("evaluations:list")).content.decode()
    assert world.unit.name in page
    assert world.other_unit.name not in page


@pytest.mark.parametrize("fmt", ["xlsx", "pdf", "json"])
def test_exports_are_refused_to_another_unit(world, client_for, fmt):
    url = reverse("evaluations:export", kwargs={"pk": world.other_form.pk, "fmt": fmt})
    assert client_for(world.unit_user).get(url).status_code == 404


def test_an_unknown_export_format_is_not_found(world, client_for):
    url = reverse("evaluations:export", kwargs={"pk": world.unit_form.pk, "fmt": "exe"})
    assert client_for(world.unit_user).get(url).status_code == 404


@pytest.mark.parametrize("fmt,magic", [("xlsx", b"PK\x03\x04"), ("pdf", b"%PDF"), ("json", b"{")])
def test_a_visible_form_downloads_in_each_format(world, client_for, fmt, magic):
    url = reverse("evaluations:export", kwargs={"pk": world.unit_form.pk, "fmt": fmt})
    response = client_for(world.reviewer).get(url)
    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert "attachment" in response["Content-Disposition"]


def test_posts_without_a_csrf_token_are_refused(world, client_for):
    client = client_for(world.unit_user, csrf=True)
    post = as_post("department_overall", world.unit_form.data)
    post["version"] = "1"
    for url in [
        reverse("evaluations:edit", kwargs={"pk": world.unit_form.pk}),
        reverse("evaluations:compute", kwargs={"pk": world.unit_form.pk}),
        reverse("evaluations:transition", kwargs={"pk": world.unit_form.pk, "step": "submit"}),
        reverse("evaluations:import"),
    ]:
        assert client.post(url, post).status_code == 403, url
    world.refresh()
    assert world.unit_form.status == "draft"


def test_a_post_with_the_pages_csrf_token_is_accepted(world, client_for):
    client = client_for(world.unit_user, csrf=True)
    url = reverse("evaluations:detail", kwargs={"pk": world.unit_form.pk})
    client.get(url)
    token = client.cookies["csrftoken"].value
    submit = reverse("evaluations:transition", kwargs={"pk": world.unit_form.pk, "step": "submit"})
    client.post(submit, {"csrfmiddlewaretoken": token})
    world.refresh()
    assert world.unit_form.status == "submitted"


def _save(client, evaluation, **changes):
    post = as_post(evaluation.form_type, evaluation.data)
    post["version"] = str(evaluation.version)
    post.update(changes)
    return client.post(reverse("evaluations:edit", kwargs={"pk": evaluation.pk}), post)


def test_narratives_with_script_tags_are_shown_as_text(world, client_for):
    client = client_for(world.unit_user)
    attack = "<script>alert('x')</script>"
    assert _save(client, world.unit_form, problems=attack).status_code == 302
    for name in ("evaluations:detail", "evaluations:edit", "evaluations:history"):
        page = client.get(reverse(name, kwargs={"pk": world.unit_form.pk})).content.decode()
        assert attack not in page, name
        assert "&lt;script&gt;" in page, name


def test_saving_a_draft_records_the_change(world, client_for):
    response = _save(client_for(world.unit_user), world.unit_form, problems="进度偏慢")
    assert response.status_code == 302
    world.refresh()
    assert world.unit_form.data["problems"] == "进度偏慢"
    assert world.unit_form.version == 2


def test_a_stale_save_is_refused_and_the_page_keeps_what_was_typed(world, client_for):
    first, second = client_for(world.unit_user), client_for(world.unit_filler)
    stale = copy.deepcopy(world.unit_form)
    assert _save(first, world.unit_form, problems="甲的修改").status_code == 302
    response = _save(second, stale, problems="乙的修改", **{"funds-actual_spending": "399.99"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "其他人已在您打开之后修改并保存了此表单" in page
    assert "乙的修改" in page
    assert 'value="399.99"' in page
    world.refresh()
    assert world.unit_form.data["problems"] == "甲的修改"


def test_an_unreadable_number_is_kept_with_an_error_beside_it(world, client_for):
    response = _save(
        client_for(world.unit_user),
        world.unit_form,
        problems="还没保存的文字",
        **{"funds-actual_spending": "三百万"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="三百万"' in page
    assert "请填写数字" in page
    assert "还没保存的文字" in page
    world.refresh()
    assert world.unit_form.version == 1


def test_the_compute_endpoint_returns_the_cores_figures_and_findings(world, client_for):
    client = client_for(world.unit_user)
    post = as_post("department_overall", world.unit_form.data)
    post["funds-actual_spending"] = "300.00"
    response = client.post(
        reverse("evaluations:compute", kwargs={"pk": world.unit_form.pk}),
        post,
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    # 300.00 / 405.60 = 73.964…% → 73.96%
    assert 'id="fig-funds-completion_rate" hx-swap-oob="true">73.96%<' in page
    assert "与实际支出数300.00万元不一致" in page
    world.refresh()
    assert world.unit_form.data["funds"]["actual_spending"] == "398.72"


def test_adding_and_removing_rows_keeps_the_rest_unsaved(world, client_for):
    client = client_for(world.unit_user)
    response = _save(client, world.unit_form, op="add:tasks", problems="未保存")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="tasks-2-expected_goal"' in page
    assert "任务3" in page
    assert "未保存" in page
    response = _save(client, world.unit_form, op="remove:tasks-0")
    page = response.content.decode()
    assert 'name="tasks-1-expected_goal"' not in page
    assert "完善网格化服务管理" in page
    world.refresh()
    assert len(world.unit_form.data["tasks"]) == 2


def test_moving_a_goal_down_swaps_it_with_the_next(world, client_for):
    response = _save(
        client_for(world.unit_user), world.unit_form, op="down:annual_goals-expected-0"
    )
    page = response.content.decode()
    first = page.index("完善网格化服务管理，夯实")
    second = page.index("推进综治中心规范化建设，提升")
    assert first < second


def test_a_submitted_form_opens_read_only(world, client_for):
    client = client_for(world.unit_user)
    submit = reverse("evaluations:transition", kwargs={"pk": world.unit_form.pk, "step": "submit"})
    client.post(submit)
    response = client.get(reverse("evaluations:edit", kwargs={"pk": world.unit_form.pk}))
    assert response.status_code == 302
    assert _save(client, world.unit_form, problems="x").status_code == 400


def test_the_reviewer_sees_what_changed_since_the_last_round(world, client_for):
    unit, reviewer = client_for(world.unit_user), client_for(world.reviewer)
    pk = world.unit_form.pk

    def step(client, name, **data):
        url = reverse("evaluations:transition", kwargs={"pk": pk, "step": name})
        return client.post(url, data)

    step(unit, "submit")
    step(reviewer, "return", comment="请补充问题分析")
    world.refresh()
    assert world.unit_form.status == "returned"
    edit_page = unit.get(reverse("evaluations:edit", kwargs={"pk": pk})).content.decode()
    assert "请补充问题分析" in edit_page
    _save(unit, world.unit_form, problems="下半年支出集中，进度不均衡。")
    step(unit, "submit")
    page = reviewer.get(reverse("evaluations:detail", kwargs={"pk": pk})).content.decode()
    assert "与上一轮提交相比的修改（1 处）" in page
    assert "下半年支出集中，进度不均衡。" in page


def test_returning_without_a_comment_shows_a_message(world, client_for):
    unit, reviewer = client_for(world.unit_user), client_for(world.reviewer)
    pk = world.unit_form.pk
    unit.post(reverse("evaluations:transition", kwargs={"pk": pk, "step": "submit"}))
    response = reviewer.post(
        reverse("evaluations:transition", kwargs={"pk": pk, "step": "return"}), follow=True
    )
    assert "退回时必须填写审核意见" in response.content.decode()
    world.refresh()
    assert world.unit_form.status == "submitted"


def test_the_history_page_lists_who_changed_which_field(world, client_for):
    client = client_for(world.unit_user)
    _save(client, world.unit_form, problems="新的问题描述")
    page = client.get(reverse("evaluations:history", kwargs={"pk": world.unit_form.pk}))
    text = page.content.decode()
    assert "unit_user" in text
    assert "存在问题" in text
    assert "新的问题描述" in text


def test_the_project_editor_shows_score_and_grade(db, world, client_for):
    from jixiao.web.evaluations import demo
    from tests.web.conftest import make_form

    project = make_form(world.unit, demo.centre_project_form(2022, "测试主管部门"))
    page = (
        client_for(world.unit_user)
        .get(reverse("evaluations:edit", kwargs={"pk": project.pk}))
        .content.decode()
    )
    assert 'id="fig-total_score"' in page
    assert 'id="fig-grade">优<' in page


def test_the_list_narrows_to_an_organisation_and_a_year_from_a_drill_down_link(world, client_for):
    from jixiao.web.evaluations import demo as demo_forms
    from tests.web.conftest import make_form

    make_form(world.unit, demo_forms.centre_form(2021))
    reviewer = client_for(world.reviewer)
    page = reviewer.get(f"/?department={world.unit.pk}&year=2022").content.decode()
    assert "只列出" in page and world.unit.name in page and "2022年度" in page
    assert page.count('data-label="年度">2022<') == 1  # the unit's 2022 form only
    assert 'data-label="年度">2021<' not in page
    page = reviewer.get(f"/?department={world.department.pk}").content.decode()
    assert page.count('data-label="年度">') == 3  # both units, both years
    # An organisation outside the person's reach is ignored: no name of it is shown.
    other = client_for(world.other_unit_user).get(f"/?department={world.unit.pk}").content.decode()
    assert "只列出" not in other and world.unit.name not in other
    assert client_for(world.unit_user).get("/?department=abc&year=99999").status_code == 200
