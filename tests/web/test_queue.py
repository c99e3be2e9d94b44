""" "待我处理": each persona's queue follows the form through the workflow, with the count in
the navigation bar."""

from __future__ import annotations

import re

from django.urls import reverse

from jixiao.web.evaluations.selectors import evaluations_awaiting, queue_of
from jixiao.web.evaluations.services import (
    evaluation_approve,
    evaluation_publish,
    evaluation_return,
    evaluation_submit,
)

QUEUE = reverse("evaluations:queue")


def _titles(user) -> list[str]:
    return [item.evaluation.organisation.name for item in queue_of(user)]


def _badge(client) -> str | None:
    page = client.get(reverse("evaluations:list")).content.decode()
    found = re.search(
        r'id="nav-queue">待我处理(?:<span class="badge"[^>]*>(\d+)</span>)?</a>', page
    )
    assert found, "the navigation bar has no 待我处理 link"
    return found.group(1)


def test_drafts_wait_for_their_own_unit_only(world):
    assert _titles(world.unit_user) == [world.unit.name]
    assert _titles(world.other_unit_user) == [world.other_unit.name]
    (item,) = queue_of(world.unit_user)
    assert item.need == "草稿，填写完成后提交审核"
    (item,) = queue_of(world.unit_filler)
    assert item.need == "草稿，待填写"


def test_reviewers_finance_observers_and_outsiders_have_nothing_while_units_draft(world):
    for user in (world.reviewer, world.finance, world.observer, world.outsider):
        assert _titles(user) == [], user


def test_a_form_moves_from_queue_to_queue_along_the_workflow(world):
    form = world.unit_form
    evaluation_submit(evaluation=form, user=world.unit_user)
    assert _titles(world.unit_user) == []
    assert _titles(world.reviewer) == [world.unit.name]
    assert queue_of(world.reviewer)[0].need == "已提交，待主管部门审核"

    evaluation_return(evaluation=form, user=world.reviewer, comment="请补充")
    assert _titles(world.reviewer) == []
    assert queue_of(world.unit_user)[0].need == "已退回，修改后提交审核"
    assert queue_of(world.unit_filler)[0].need == "已退回，修改后请单位负责人提交"

    evaluation_submit(evaluation=form, user=world.unit_user)
    evaluation_approve(evaluation=form, user=world.reviewer)
    assert _titles(world.reviewer) == []
    assert _titles(world.finance) == [world.unit.name]
    assert queue_of(world.finance)[0].need == "主管部门已审核通过，待财政审核"

    evaluation_approve(evaluation=form, user=world.finance)
    assert queue_of(world.finance)[0].need == "财政已审核通过，待公开"
    evaluation_publish(evaluation=form, user=world.finance)
    assert _titles(world.finance) == []
    assert _titles(world.observer) == []


def test_a_reviewer_sees_submitted_forms_of_its_subtree_only(world):
    from jixiao.web.organisations.models import Membership, Organisation
    from tests.web.conftest import make_user

    elsewhere = Organisation.objects.create(
        name="别的部门", kind=Organisation.Kind.DEPARTMENT, parent=world.bureau
    )
    stranger = make_user("stranger", elsewhere, Membership.Role.DEPARTMENT_REVIEWER)
    evaluation_submit(evaluation=world.unit_form, user=world.unit_user)
    assert evaluations_awaiting(stranger).count() == 0
    assert evaluations_awaiting(world.reviewer).count() == 1


def test_the_queue_page_groups_forms_and_links_to_them(world, client_for):
    evaluation_submit(evaluation=world.unit_form, user=world.unit_user)
    response = client_for(world.reviewer).get(QUEUE)
    page = response.content.decode()
    assert response.status_code == 200
    assert "待审核（1）" in page
    assert reverse("evaluations:detail", kwargs={"pk": world.unit_form.pk}) in page
    assert world.other_form.title not in page


def test_a_unit_is_sent_to_the_editor_from_its_queue(world, client_for):
    page = client_for(world.unit_user).get(QUEUE).content.decode()
    assert "待填报（1）" in page
    assert reverse("evaluations:edit", kwargs={"pk": world.unit_form.pk}) in page


def test_an_empty_queue_says_so(world, client_for):
    page = client_for(world.observer).get(QUEUE).content.decode()
    assert "目前没有等待您处理的表单。" in page


def test_the_navigation_bar_counts_what_waits(world, client_for):
    assert _badge(client_for(world.reviewer)) is None
    evaluation_submit(evaluation=world.unit_form, user=world.unit_user)
    evaluation_submit(evaluation=world.other_form, user=world.other_unit_user)
    assert _badge(client_for(world.reviewer)) == "2"
    assert _badge(client_for(world.unit_user)) is None


def test_anonymous_visitors_are_sent_to_log_in(world, client_for):
    response = client_for(None).get(QUEUE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
