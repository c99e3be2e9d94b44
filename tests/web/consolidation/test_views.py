"""汇总 pages: who may see, build, submit and approve; the reason a step is refused is shown."""

from __future__ import annotations

import pytest

from jixiao.core.serialization import form_from_data
from jixiao.web.consolidation.models import Consolidation
from tests.web.consolidation.conftest import approve


def _url(world, step: str = "") -> str:
    return f"/consolidation/{world.department.pk}/2022/{step}"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("unit_user", 404),
        ("other_unit_user", 404),
        ("outsider", 404),
        ("reviewer", 200),
        ("finance", 200),
        ("observer", 200),
        ("dept_head", 200),
    ],
)
def test_the_overview_is_seen_only_by_those_reaching_the_department(
    world, dept_head, client_for, persona, status
):
    user = dept_head if persona == "dept_head" else getattr(world, persona)
    assert client_for(user).get(_url(world)).status_code == status


def test_anonymous_visitors_are_sent_to_log_in(world, client_for):
    assert client_for(None).get(_url(world)).status_code == 302
    assert client_for(None).post(_url(world, "build/")).status_code == 302


def test_the_index_links_every_year_the_department_or_its_units_filed_for(
    world, dept_head, client_for
):
    from jixiao.web.evaluations.models import Evaluation

    Evaluation.objects.filter(pk=world.other_form.pk).update(year=2021)
    page = client_for(dept_head).get("/consolidation/").content.decode()
    assert f"/consolidation/{world.department.pk}/2022/" in page
    assert f"/consolidation/{world.department.pk}/2021/" in page
    assert page.index("2022年度汇总") < page.index("2021年度汇总")  # latest first


def test_the_overview_lists_each_units_filing_state(world, dept_head, client_for):
    approve(world.unit_form, world.unit_user, world.reviewer)
    page = client_for(dept_head).get(_url(world)).content.decode()
    assert "主管部门审核通过" in page
    assert "草稿" in page
    assert f"{world.other_unit.name}（草稿）" in page  # why the 汇总 cannot go on yet


@pytest.mark.parametrize("persona", ["unit_user", "other_unit_user", "outsider"])
def test_units_cannot_build_another_departments_consolidation(world, client_for, persona):
    assert client_for(getattr(world, persona)).post(_url(world, "build/")).status_code == 404
    assert not Consolidation.objects.exists()


def test_a_reviewer_may_not_build(world, client_for):
    assert client_for(world.reviewer).post(_url(world, "build/")).status_code == 403


def test_building_needs_the_csrf_token(world, dept_head, client_for):
    assert client_for(dept_head, csrf=True).post(_url(world, "build/")).status_code == 403


def test_the_department_builds_after_previewing_and_sees_what_a_rebuild_changes(
    world, dept_head, dept_form, approve_units, client_for
):
    approve_units()
    client = client_for(dept_head)
    page = client.get(_url(world)).content.decode()
    assert "确认生成汇总表" in page
    fingerprint = page.split('name="fingerprint" value="')[1].split('"')[0]
    response = client.post(_url(world, "build/"), {"fingerprint": fingerprint}, follow=True)
    assert "汇总表已生成" in response.content.decode()
    dept_form.refresh_from_db()
    assert form_from_data(dept_form.data).consolidated
    page = client.get(_url(world)).content.decode()
    assert "无需重新汇总" in page
    # A stale preview is refused with the reason.
    response = client.post(_url(world, "build/"), {"fingerprint": "stale"}, follow=True)
    assert "发生了变化" in response.content.decode()


def test_a_refused_submission_says_which_units_hold_it_up(world, dept_head, dept_form, client_for):
    from jixiao.web.consolidation import services

    services.consolidation_build(department=world.department, year=2022, user=dept_head)
    response = client_for(dept_head).post(
        _url(world, "submit/"), {"explanation": "说明"}, follow=True
    )
    page = response.content.decode()
    assert "尚未全部审核通过" in page
    assert world.unit.name in page
    dept_form.refresh_from_db()
    assert dept_form.status == "draft"


def test_the_overview_takes_a_bounded_number_of_queries(
    world, dept_head, dept_form, approve_units, client_for, django_assert_max_num_queries
):
    approve_units()
    client = client_for(dept_head)
    with django_assert_max_num_queries(20):
        client.get(_url(world))
