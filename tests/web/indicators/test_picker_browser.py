"""In a browser: choosing a library indicator by its name fills the row of the targets editor."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from jixiao.web.indicators import services
from jixiao.web.targets.services import targets_create
from tests.web.indicators.test_library import GOOD, xlsx
from tests.web.test_browser import chromium, open_as  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def test_picking_a_library_indicator_fills_its_category_unit_and_nature(
    world,
    open_as,  # noqa: F811
    live_server,
):
    services.library_import(keeper=world.bureau, user=world.finance, content=xlsx(GOOD))
    targets = targets_create(organisation=world.unit, year=2023, user=world.unit_user)
    page = open_as(world.unit_user)
    page.goto(f"{live_server.url}/targets/{targets.pk}/")
    name = page.locator('input[name="tasks-0-indicators-0-name"]')
    expect(name).to_have_attribute("list", "library-names")
    with page.expect_response(lambda r: r.url.endswith("/check/")):
        name.fill("培训人次")
    expect(page.locator('[name="tasks-0-indicators-0-level1"]')).to_have_value("产出指标")
    expect(page.locator('[name="tasks-0-indicators-0-level2"]')).to_have_value("数量指标")
    expect(page.locator('[name="tasks-0-indicators-0-unit"]')).to_have_value("人次")
    expect(page.locator('[name="tasks-0-indicators-0-nature"]')).to_have_value("≥")
    # The fill set off the editor's live check: let it finish before the database is reset.
    page.wait_for_load_state("networkidle")
    expect(page.locator("#quality-panel")).to_be_visible()
