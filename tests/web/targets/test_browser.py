"""In the browser: typing an unmeasurable indicator makes its finding appear beside the row,
fixing it makes the finding go (the core's check through htmx, no JavaScript rule)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.web.test_browser import shot

pytestmark = pytest.mark.browser


def test_a_finding_appears_while_typing_and_goes_once_fixed(
    world, unit_targets, open_as, live_server
):
    page = open_as(world.unit_user)
    page.goto(f"{live_server.url}/targets/{unit_targets.pk}/")
    expect(page.get_by_role("heading", name="2023年度 绩效目标申报表")).to_be_visible()
    slot = page.locator("#q-tasks-0-indicators-0")
    expect(slot).to_be_empty()

    value = page.locator('input[name="tasks-0-indicators-0-value"]')
    value.fill("排名全市前列")
    expect(slot).to_contain_text("无法量化")
    expect(slot).to_contain_text("排名全市前5名")
    expect(page.locator("#quality-panel")).to_contain_text("排名全市前列")
    slot.scroll_into_view_if_needed()
    shot(page, "targets-finding")

    value.fill("≥96%")
    expect(slot).to_be_empty()
    expect(page.locator("#quality-panel")).not_to_contain_text("排名全市前列")

    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_role("status")).to_contain_text("绩效目标已保存")
    unit_targets.refresh_from_db()
    assert unit_targets.data["tasks"][0]["indicators"][0]["value"] == "≥96%"
