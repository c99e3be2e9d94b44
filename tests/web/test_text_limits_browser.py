"""The character counter in a real browser: it follows what is typed, turns red past the
printable length, and a refused save brings the text back in its field."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.web.test_browser import chromium, open_as, shot  # noqa: F401

pytestmark = pytest.mark.browser


def test_the_counter_follows_typing_and_warns_past_the_limit(world, open_as, live_server):  # noqa: F811
    page = open_as(world.unit_user)
    page.goto(f"{live_server.url}/evaluations/{world.unit_form.pk}/edit/")
    field = page.locator("#f-problems")
    counter = page.locator('[data-count-for="f-problems"]')
    field.fill("存在问题一二三")
    expect(counter).to_contain_text("已输入 7 / 最多 2000 字")
    expect(counter).not_to_have_class("char-count over")
    field.fill("超" * 2003)
    expect(counter).to_contain_text("已输入 2003 / 最多 2000 字")
    expect(counter).to_have_class("char-count over")
    expect(counter).to_contain_text("超出部分无法保存")
    shot(page, "editor_counter_over")
    page.get_by_role("button", name="保存草稿").first.click()
    expect(page.get_by_text("“存在问题”最多 2000 字").first).to_be_visible()
    expect(field).to_have_value("超" * 2003)
