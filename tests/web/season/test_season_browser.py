"""The season in the browser, in Chinese: the bureau issues a task (with its rule set), the
department chases the late unit (催报), the unit sees the task and the reminder, fills in its
form and submits, the department and the
bureau approve in batch, the bureau re-scores a line and publishes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jixiao.web.evaluations import demo
from jixiao.web.season.models import FormFacts, LineScore, Reminder
from tests.web.conftest import make_form
from tests.web.test_browser import chromium, open_as, shot  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def _submit(page, url: str) -> None:
    page.goto(url)
    explanation = page.locator("textarea[name=explanation]")
    if explanation.count():
        explanation.fill("偏差原因已核实。")
    page.get_by_role("button", name="提交审核").click()
    expect(page.locator(".pagehead .status")).to_have_text("已提交")


def _batch(page, base: str, titles: list[str], action: str) -> None:
    page.goto(f"{base}/")
    for title in titles:
        page.get_by_label(f"选择{title}").check()
    page.get_by_label("批量操作").select_option(label=action)
    page.get_by_role("button", name="执行").click()


def test_issue_remind_submit_batch_approve_score_and_publish(world, open_as, live_server):  # noqa: F811
    project = make_form(world.unit, demo.centre_project_form(2022, world.department.name))
    base = live_server.url
    today = timezone.localdate()

    # The bureau issues the task to the department.
    finance = open_as(world.finance)
    finance.get_by_role("link", name="自评任务").click()
    finance.get_by_role("link", name="下发自评任务").click()
    finance.get_by_label("任务名称").fill("2022年度绩效自评")
    finance.get_by_label("部门整体支出绩效自评表").check()
    finance.get_by_label("项目支出绩效自评表").check()
    finance.get_by_label(world.department.name).check()
    finance.get_by_label("被评价年度").fill("2022")
    finance.get_by_label("单位截止日期").fill((today + timedelta(days=2)).isoformat())
    finance.get_by_label("主管部门截止日期（审核、汇总）").fill(
        (today + timedelta(days=9)).isoformat()
    )
    finance.get_by_label("填报说明").fill("请按通知要求填报。")
    finance.get_by_label("评分规则集（此后新建的表单按此评分）").select_option("national-strict")
    finance.get_by_role("button", name="下发").click()
    expect(finance.get_by_role("heading", name="2022年度绩效自评")).to_be_visible()
    expect(finance.locator("#progress")).to_contain_text(world.unit.name)
    expect(finance.get_by_text("national-strict@2020.1", exact=False)).to_be_visible()
    shot(finance, "season-progress")

    # The department chases the unit with a message.
    reviewer = open_as(world.reviewer)
    reviewer.get_by_role("link", name="2022年度绩效自评").first.click()
    reviewer.get_by_label(f"选择{world.unit.name}").check()
    reviewer.get_by_label("催报内容（可不填，按默认提醒）").fill("请今天内提交")
    reviewer.get_by_role("button", name="催报所选单位").click()
    expect(reviewer.get_by_text("已向 1 个单位催报")).to_be_visible()
    assert Reminder.objects.get().message == "请今天内提交"

    # The unit sees its task with days left and the reminder, then submits both forms.
    unit = open_as(world.unit_user)
    expect(unit.locator("#pending-tasks")).to_contain_text("剩余 2 天")
    unit.locator("#nav-notifications").click()
    expect(unit.get_by_text("请今天内提交")).to_be_visible()
    shot(unit, "season-notifications")
    # It fills in what was missing and saves, then submits both forms.
    unit.goto(f"{base}/evaluations/{world.unit_form.pk}/edit/")
    unit.get_by_label("存在问题").fill("部分项目合同签订较晚，支出集中在下半年。")
    unit.get_by_role("button", name="保存草稿").click()
    expect(unit.locator(".messages")).to_contain_text("草稿已保存")
    world.unit_form.refresh_from_db()
    assert world.unit_form.data["problems"] == "部分项目合同签订较晚，支出集中在下半年。"
    _submit(unit, f"{base}/evaluations/{world.unit_form.pk}/")
    _submit(unit, f"{base}/evaluations/{project.pk}/")

    # The department approves both in one go; then the bureau.
    _batch(reviewer, base, [world.unit_form.title, project.title], "批量审核通过")
    expect(reviewer.get_by_text("已审核通过 2 份表单")).to_be_visible()
    _batch(finance, base, [project.title], "批量审核通过")
    expect(finance.get_by_text("已审核通过 1 份表单")).to_be_visible()

    # The bureau re-scores budget execution with a reason; the grade follows its score.
    finance.goto(f"{base}/evaluations/{project.pk}/")
    finance.get_by_role("link", name="复核评分").click()
    finance.get_by_label("预算执行率复核得分").fill("5")
    finance.get_by_label("预算执行率调整理由").fill("执行进度滞后")
    finance.get_by_role("button", name="保存复核评分").click()
    expect(finance.locator("#bureau-review")).to_contain_text("执行进度滞后")
    facts = FormFacts.objects.get(evaluation=project)
    assert facts.bureau_score == facts.self_score - LineScore.objects.get().self_score + 5
    shot(finance, "season-bureau-score")

    # And publishes it.
    finance.get_by_role("button", name="公开").click()
    expect(finance.locator(".pagehead .status")).to_have_text("已公开")
