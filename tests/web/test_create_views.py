"""Starting a new form in the browser: who may, blank or carried over, duplicates refused."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from jixiao.web.evaluations import demo
from jixiao.web.evaluations.editor.session import as_post
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.organisations.models import FiscalYear, Membership
from tests.web.conftest import make_form, make_user

NEW = reverse("evaluations:new")
PROJECT = "综治视联网运行维护项目"


def _post(client, organisation, **fields):
    data = {
        "organisation": str(organisation.pk),
        "year": "2023",
        "form_type": "department_overall",
        "project_name": "",
        "start": "blank",
    }
    data.update(fields)
    return client.post(NEW, data)


def _created(response) -> Evaluation:
    assert response.status_code == 302, response.content.decode()[:2000]
    pk = int(response["Location"].rstrip("/").split("/")[-2])
    return Evaluation.objects.get(pk=pk)


def test_a_unit_user_sees_both_form_types_and_both_ways_to_start(world, client_for):
    page = client_for(world.unit_user).get(NEW).content.decode()
    for text in ("部门整体支出绩效自评表", "项目支出绩效自评表", "空白表单", "沿用上一年度的表单"):
        assert text in page
    assert world.unit.name in page
    assert world.other_unit.name not in page


@pytest.mark.parametrize("persona", ["reviewer", "finance", "observer", "outsider"])
def test_people_who_fill_in_no_forms_cannot_open_the_page(world, client_for, persona):
    assert client_for(getattr(world, persona)).get(NEW).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client_for, world):
    response = client_for(None).get(NEW)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_blank_department_form_opens_in_the_editor(world, client_for):
    response = _post(client_for(world.unit_filler), world.unit)
    evaluation = _created(response)
    assert response["Location"] == reverse("evaluations:edit", kwargs={"pk": evaluation.pk})
    assert (evaluation.organisation, evaluation.year, evaluation.status) == (
        world.unit,
        2023,
        "draft",
    )
    assert evaluation.data["department"] == world.unit.name
    assert evaluation.data["funds"]["actual_spending"] is None
    assert evaluation.created_by == world.unit_filler
    assert evaluation.history.first().history_change_reason == "新建表单（空白）"


def test_last_years_department_form_is_carried_over_without_its_results(world, client_for):
    evaluation = _created(_post(client_for(world.unit_user), world.unit, start="previous"))
    data = evaluation.data
    old = world.unit_form.data
    assert data["title"] == f"2023年度{demo.CENTRE}部门整体支出绩效自评表"
    assert data["annual_goals"]["expected"] == old["annual_goals"]["expected"]
    assert [i["name"] for i in data["tasks"][0]["indicators"]] == [
        "矛盾纠纷调处成功率",
        "规范化建设综治中心数量",
    ]
    assert data["tasks"][0]["indicators"][0]["target"] == "≥95%"
    assert data["tasks"][0]["indicators"][0]["actual"] is None
    assert data["tasks"][0]["funds"] is None
    assert data["funds"]["initial_budget"] is None
    assert data["key_projects"][0]["name"] == "综治视联网运行维护项目"
    assert data["key_projects"][0]["achievements"] == []
    assert data["problems"] == ""


def test_a_second_department_form_for_the_same_year_is_refused_in_chinese(world, client_for):
    response = _post(client_for(world.unit_user), world.unit, year="2022")
    assert response.status_code == 400
    page = response.content.decode()
    assert f"{demo.CENTRE}2022年度的部门整体支出绩效自评表已存在，不能重复新建。" in page
    assert Evaluation.objects.filter(organisation=world.unit, year=2022).count() == 1


def test_carrying_over_with_no_form_last_year_says_so(world, client_for):
    response = _post(client_for(world.unit_user), world.unit, year="2030", start="previous")
    assert response.status_code == 400
    assert "没有找到" in response.content.decode()
    assert "2029年度的部门整体支出绩效自评表" in response.content.decode()


def test_a_project_form_needs_its_project_name(world, client_for):
    response = _post(client_for(world.unit_user), world.unit, form_type="project")
    assert response.status_code == 400
    assert "新建项目支出绩效自评表时请填写项目名称。" in response.content.decode()


def test_a_blank_project_form_names_the_unit_and_its_department(world, client_for):
    evaluation = _created(
        _post(client_for(world.unit_user), world.unit, form_type="project", project_name="新项目")
    )
    assert evaluation.title == "新项目"
    assert evaluation.data["implementing_unit"] == world.unit.name
    assert evaluation.data["department"] == world.department.name
    assert {i["level1"] for i in evaluation.data["indicators"]} == {
        "产出指标",
        "效益指标",
        "满意度指标",
    }


def test_a_project_form_is_carried_over_by_its_name(world, client_for):
    make_form(world.unit, demo.centre_project_form(2022, world.department.name))
    evaluation = _created(
        _post(
            client_for(world.unit_user),
            world.unit,
            form_type="project",
            project_name=PROJECT,
            start="previous",
        )
    )
    indicators = evaluation.data["indicators"]
    assert [i["name"] for i in indicators][:2] == ["保障视频会商场次", "终端在线率"]
    assert indicators[0]["target"] == "≥300场"
    assert all(i["actual"] is None and i["rating"] is None for i in indicators)
    assert evaluation.data["funds"]["total"]["executed"] is None


def test_carrying_over_an_unknown_project_lists_last_years_projects(world, client_for):
    make_form(world.unit, demo.centre_project_form(2022, world.department.name))
    response = _post(
        client_for(world.unit_user),
        world.unit,
        form_type="project",
        project_name="不存在的项目",
        start="previous",
    )
    assert response.status_code == 400
    assert f"上年度的项目有：{PROJECT}" in response.content.decode()


def test_the_same_project_twice_in_a_year_is_refused_and_another_is_not(world, client_for):
    client = client_for(world.unit_user)
    _created(_post(client, world.unit, form_type="project", project_name="项目甲"))
    response = _post(client, world.unit, form_type="project", project_name="项目甲")
    assert response.status_code == 400
    assert "已有项目“项目甲”的项目支出绩效自评表，不能重复新建。" in response.content.decode()
    _created(_post(client, world.unit, form_type="project", project_name="项目乙"))
    # Another unit may evaluate a project of the same name.
    _created(
        _post(
            client_for(world.other_unit_user),
            world.other_unit,
            form_type="project",
            project_name="项目甲",
        )
    )


def test_the_database_refuses_a_duplicate_project_form_too(world):
    form = make_form(world.unit, demo.centre_project_form(2022, world.department.name))
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.create(
            organisation=world.unit,
            year=2022,
            form_type="project",
            title=form.title,
            data=form.data,
            ruleset_id=form.ruleset_id,
        )


def test_renaming_a_project_onto_another_is_refused_and_keeps_what_was_typed(world, client_for):
    make_form(world.unit, demo.centre_project_form(2022, world.department.name))
    client = client_for(world.unit_user)
    other = _created(
        _post(client, world.unit, year="2022", form_type="project", project_name="项目乙")
    )
    post = as_post("project", other.data)
    post.update({"version": str(other.version), "project_name": PROJECT, "problems": "未保存"})
    response = client.post(reverse("evaluations:edit", kwargs={"pk": other.pk}), post)
    assert response.status_code == 400
    page = response.content.decode()
    assert "不能重复新建" in page or "已有项目" in page
    assert f'value="{PROJECT}"' in page
    assert "未保存" in page
    other.refresh_from_db()
    assert other.title == "项目乙"


def test_a_closed_year_takes_no_new_forms(world, client_for):
    FiscalYear.objects.create(year=2023, is_open=False)
    response = _post(client_for(world.unit_user), world.unit)
    assert response.status_code == 400
    assert "2023年度已停止填报" in response.content.decode()


def test_another_units_id_is_not_found(world, client_for):
    response = _post(client_for(world.unit_user), world.other_unit)
    assert response.status_code == 404
    assert not Evaluation.objects.filter(organisation=world.other_unit, year=2023).exists()


@pytest.mark.parametrize("organisation_id", ["999999", "abc", ""])
def test_an_unknown_organisation_id_is_not_found(world, client_for, organisation_id):
    client = client_for(world.unit_user)
    assert client.post(NEW, {"organisation": organisation_id, "year": "2023"}).status_code == 404


def test_an_organisation_seen_but_not_filled_in_is_forbidden(world, client_for):
    # Fills in for the unit, reviews the department: sees the sibling unit's forms, fills none.
    both = make_user("both", world.unit, Membership.Role.FILLER)
    Membership.objects.create(
        user=both, organisation=world.department, role=Membership.Role.DEPARTMENT_REVIEWER
    )
    response = _post(client_for(both), world.other_unit)
    assert response.status_code == 403
    assert not Evaluation.objects.filter(organisation=world.other_unit, year=2023).exists()


def test_starting_a_form_needs_the_csrf_token(world, client_for):
    response = _post(client_for(world.unit_user, csrf=True), world.unit)
    assert response.status_code == 403
    assert not Evaluation.objects.filter(organisation=world.unit, year=2023).exists()


def test_the_list_offers_a_new_form_to_those_who_fill_in(world, client_for):
    assert NEW in client_for(world.unit_user).get(reverse("evaluations:list")).content.decode()
    assert NEW not in client_for(world.reviewer).get(reverse("evaluations:list")).content.decode()
