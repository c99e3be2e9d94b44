"""In the browser: the reviewer's warnings page shows the December spender red, with the
explanation of each warning and the year-end projection."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.web.test_browser import shot

pytestmark = pytest.mark.browser


def test_the_reviewer_sees_the_red_light_and_why(world, unit_record, open_as, live_server):
    page = open_as(world.reviewer)
    page.goto(f"{live_server.url}/monitoring/warnings/?year=2023")
    expect(page.get_by_role("heading", name="2023年度 运行监控预警：全部")).to_be_visible()
    row = page.locator("tr.board-row").first
    expect(row.locator("span.light").first).to_have_text("红")
    expect(row).to_contain_text("落后44.33个百分点")
    expect(row).to_contain_text("第四季度")
    expect(row).to_contain_text("按此进度推算全年预计支出100.80万元")
    shot(page, "monitoring-warnings")

    page.get_by_role("link", name=world.unit.name).click()
    expect(
        page.get_by_role("heading", name=f"2023年度 单位监控：{world.unit.name}")
    ).to_be_visible()
    expect(page.locator(".printview")).to_contain_text("绩效运行监控表")
    shot(page, "monitoring-form")
