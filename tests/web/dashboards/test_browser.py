"""The finance officer opens the dashboard in a browser: the charts draw on canvases, and a
chart turns into its table."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from jixiao.web.evaluations import demo
from jixiao.web.evaluations.models import Evaluation
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


def test_a_click_on_a_bar_or_a_ring_slice_opens_the_forms_behind_it(
    world,
    open_as,  # noqa: F811
    live_server,
):
    page = open_as(world.finance)
    page.goto(f"{live_server.url}/dashboards/{world.bureau.pk}/?year=2022")
    page.wait_for_timeout(800)  # the charts' entry animation

    def click_bar(chart: str, series: int, index: int) -> None:
        """Click the middle of one drawn bar (where ECharts laid it out)."""
        page.locator(f"#chart-{chart}").scroll_into_view_if_needed()
        box = page.locator(f"#chart-{chart}").bounding_box()
        assert box is not None
        x, y = page.evaluate(
            """([id, series, index]) => {
                const chart = echarts.getInstanceByDom(document.getElementById(id));
                const bar = chart.getModel().getSeriesByIndex(series).getData()
                    .getItemLayout(index);
                return [bar.x + bar.width / 2, bar.y + bar.height / 2];
            }""",
            [f"chart-{chart}", series, index],
        )
        page.mouse.click(box["x"] + x, box["y"] + y)

    click_bar("rates", 0, 0)  # the department's 预算完成率 bar
    page.wait_for_url(f"**/?department={world.department.pk}&year=2022")
    expect(page.get_by_text("只列出")).to_contain_text("测试主管部门")
    expect(page.locator("#evaluation-list")).to_contain_text(world.unit_form.title)

    # A slice of the 填报进度 ring: the 部门整体支出 forms in that status.
    page.go_back()
    page.locator("#chart-progress").scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    box = page.locator("#chart-progress").bounding_box()
    assert box is not None
    name, x, y = page.evaluate(
        """() => {
            const chart = echarts.getInstanceByDom(document.getElementById('chart-progress'));
            const data = chart.getModel().getSeriesByIndex(0).getData();
            let i = 0;
            while (data.getName(i) === '未填报') i++;  // a slice with forms behind it
            const s = data.getItemLayout(i), mid = (s.startAngle + s.endAngle) / 2;
            const r = (s.r + s.r0) / 2;
            return [data.getName(i), s.cx + r * Math.cos(mid), s.cy + r * Math.sin(mid)];
        }"""
    )
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_url("**&form_type=department_overall")
    status = next(v for v, label in Evaluation.Status.choices if label == name)
    assert f"status={status}" in page.url
