"""In a browser: the reviewer picks a reusable phrase and comments on one field; the unit sees
the comment at the top and beside the field, answers it, and submits again."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from jixiao.web.evaluations.services import evaluation_submit
from jixiao.web.review.models import ReviewPhrase
from tests.web.test_browser import chromium, open_as  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def test_return_with_a_phrase_and_a_field_comment_then_answer_and_resubmit(
    world,
    open_as,  # noqa: F811
    live_server,
):
    ReviewPhrase.objects.create(organisation=world.department, text="请补充存在问题的原因分析。")
    form = evaluation_submit(evaluation=world.unit_form, user=world.unit_user, explanation="")
    detail = f"{live_server.url}/evaluations/{form.pk}/"

    reviewer = open_as(world.reviewer)
    reviewer.goto(detail)
    reviewer.get_by_role("button", name="请补充存在问题的原因分析。").click()
    expect(reviewer.get_by_label("审核意见")).to_have_value("请补充存在问题的原因分析。")
    reviewer.get_by_label("字段1").select_option(label="存在问题")
    reviewer.get_by_label("意见1").fill("只写了现象，没有原因。")
    reviewer.get_by_role("button", name="退回修改").click()
    expect(reviewer.locator(".pagehead .status")).to_have_text("退回")

    unit = open_as(world.unit_user)
    unit.goto(f"{detail}edit/")
    banner = unit.locator(".returned.banner")
    expect(banner).to_contain_text("请补充存在问题的原因分析。")
    expect(banner).to_contain_text("1 条待答复")
    # The comment is also beside its field, and read out with it.
    expect(unit.locator("#f-problems + p.field-note")).to_have_text(
        "审核意见：只写了现象，没有原因。"
    )
    expect(unit.get_by_label("存在问题", exact=True)).to_have_accessible_description(
        "审核意见：只写了现象，没有原因。"
    )
    unit.get_by_label("答复：存在问题").fill("已补充：合同签订在9月后。")
    unit.get_by_role("button", name="答复", exact=True).click()
    expect(unit.locator(".messages")).to_contain_text("已答复")
    unit.goto(detail)
    unit.get_by_role("button", name="提交审核").click()
    expect(unit.locator(".pagehead .status")).to_have_text("已提交")
