"""In the browser: the reviewer's warnings page shows the December spender yellow in July, with the
explanation of each warning and the year-end projection."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.web.test_browser import shot

pytestmark = pytest.mark.browser


def test_the_reviewer_sees_the_yellow_light_and_why(world, unit_record, open_as, live_server):
    page = open_as(world.reviewer)
    page.goto(f"{live_server.url}/monitoring/warnings/?year=2023")
    expect(page.get_by_role("heading", name="2023年度 运行监控预警：全部")).to_be_visible()
    row = page.locator("tr.board-row").first
    expect(row.locator("span.light").first).to_have_text("黄")
    expect(row).to_contain_text("落后15.33个百分点")
    expect(row).to_contain_text("规范化建设综治中心数量")
    expect(row).to_contain_text("按此进度推算全年预计支出309.60万元")
    shot(page, "monitoring-warnings")

    page.get_by_role("link", name=world.unit.name).click()
    expect(
        page.get_by_role("heading", name=f"2023年度 单位监控：{world.unit.name}")
    ).to_be_visible()
    expect(page.locator(".printview")).to_contain_text("绩效运行监控表")
    shot(page, "monitoring-form")


def test_the_unit_sees_the_warnings_change_as_it_types(world, unit_record, open_as, live_server):
    page = open_as(world.unit_user)
    page.goto(f"{live_server.url}/monitoring/{unit_record.pk}/")
    panel = page.locator("#live-panel")
    expect(panel.locator(".live-light .light")).to_have_text("黄")
    expect(panel.locator("#live-rate")).to_have_text("43.00%")
    shot(page, "monitoring-live-july")

    # Back to June: on pace, green. The server recomputes; the page does no arithmetic.
    page.get_by_label("监控截至月份").select_option("6")
    expect(panel.locator(".live-light .light")).to_have_text("绿")
    expect(panel.locator("#live-elapsed")).to_have_text("50.00%")

    # July again, with the big contract paid: 66.81% spent, ahead of time.
    page.get_by_label("监控截至月份").select_option("7")
    page.get_by_label("7月支出数").fill("104.20")
    expect(panel.locator("#live-rate")).to_have_text("66.81%")
    expect(panel).not_to_contain_text("落后")

    # A typo is named in the panel, and what was typed stays.
    page.get_by_label("8月支出数").fill("十二")
    expect(panel).to_contain_text("8月支出数：请填写金额数字")
    page.get_by_label("8月支出数").fill("")

    # Rows come and go without losing the figures typed above.
    page.get_by_role("button", name="＋ 添加指标").click()
    expect(page.locator('input[name="ind-2-name"]')).to_be_visible()
    expect(page.get_by_label("7月支出数")).to_have_value("104.20")
    page.locator('input[name="ind-2-name"]').fill("培训场次")
    page.get_by_role("button", name="删除第1行").click()
    expect(page.locator('input[name="ind-0-name"]')).to_have_value("规范化建设综治中心数量")
    expect(page.locator('input[name="ind-1-name"]')).to_have_value("培训场次")
    page.get_by_role("button", name="保存监控数据").click()
    expect(page.get_by_text("监控数据已保存。")).to_be_visible()
    expect(page.locator('input[name="ind-1-name"]')).to_have_value("培训场次")
    shot(page, "monitoring-live-saved")
