"""The finance officer opens the dashboard in a browser: the charts draw on canvases, and a
chart turns into its table."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from jixiao.web.evaluations import demo
from jixiao.web.organisations.models import Organisation
from tests.web.conftest import make_form
from tests.web.test_browser import chromium, open_as, shot  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def test_finance_sees_the_dashboard_charts_drawn(world, open_as, live_server):  # noqa: F811
    for n, (initial, adjusted, actual) in enumerate(
        [("300.00", "380.00", "300.00"), ("800.00", "790.00", "785.00")]
    ):
        org = Organisation.objects.create(
            name=f"示例部门{n + 1}", kind=Organisation.Kind.DEPARTMENT, parent=world.bureau
        )
        form = demo.centre_form(2022)
        form.department = org.name
        form.funds.initial_budget, form.funds.adjusted_budget = initial, adjusted
        form.funds.actual_spending = actual
        form.funds.spending_by_source.general_public_budget = actual
        make_form(org, form)
    page = open_as(world.finance)
    page.goto(f"{live_server.url}/dashboards/{world.bureau.pk}/?year=2022")
    expect(page.get_by_role("heading", name="各部门预算完成率与预算调整率")).to_be_visible()
    canvas = page.locator("#chart-rates canvas")
    expect(canvas).to_have_count(1)
    box = canvas.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 300
    # Something was drawn: the canvas is not blank.
    painted = page.evaluate(
        """() => {
            const c = document.querySelector('#chart-rates canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
            return n;
        }"""
    )
    assert painted > 1000
    expect(page.locator("#chart-progress canvas")).to_have_count(1)
    page.wait_for_timeout(1500)  # let the charts' entry animation finish before the picture
    shot(page, "dashboard-finance")
    page.locator("#card-rates").get_by_role("button", name="表格").click()
    expect(page.locator("#table-rates")).to_contain_text("示例部门1")
    shot(page, "dashboard-finance-table")
