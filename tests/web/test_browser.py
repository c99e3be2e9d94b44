"""A person's path through the browser, in Chinese: fill, see the core's figures and findings
change while typing, submit, be returned, resubmit, be approved twice, download.

Debian chromium driven by Playwright (never ``playwright install``); screenshots of the main
pages go to ``var/screenshots`` for a person to look at. The browser runs in Chinese: the
context's ``locale`` sets the language pages are asked in, but the browser's own words on file
and date inputs (选择文件, 年/月/日) come from its resource bundle, which Chromium on Linux picks
by ``LANGUAGE`` and finds in Debian's chromium-l10n (``scripts/bootstrap test``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--lang=zh-CN",
]
# Chromium on Linux takes its interface language from the environment (LANGUAGE), not from
# --lang. LANG stays as it is: a LANG naming a locale the system has not generated leaves the
# browser in ASCII, and downloads with Chinese names are then saved as "download".
ENV = {**os.environ, "LANGUAGE": "zh_CN"}
ZH_PAK = Path("/usr/lib/chromium/locales/zh-CN.pak")
SHOTS = Path(__file__).parents[2] / "var" / "screenshots"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, env=ENV)
        yield browser
        browser.close()


@pytest.fixture
def open_as(chromium, live_server):
    contexts = []

    def login(user) -> Page:
        context = chromium.new_context(
            locale="zh-CN", viewport={"width": 1400, "height": 1000}, accept_downloads=True
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("用户名").fill(user.username)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        expect(page.get_by_role("heading", name="绩效自评表")).to_be_visible()
        return page

    yield login
    for context in contexts:
        context.close()


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_fill_submit_return_resubmit_approve_and_download(world, open_as, live_server):
    pk = world.unit_form.pk
    detail = f"{live_server.url}/evaluations/{pk}/"

    # The unit fills in its form: the core recomputes while they type.
    unit = open_as(world.unit_user)
    shot(unit, "list")
    unit.get_by_role("link", name=world.unit_form.title).click()
    shot(unit, "detail")
    unit.get_by_role("link", name="编辑").click()
    completion = unit.locator("#fig-funds-completion_rate")
    expect(completion).to_have_text("98.30%")
    sources = unit.locator("#slot-funds-spending_by_source")
    expect(sources).to_be_empty()

    unit.get_by_label("实际支出数").fill("300.00")
    expect(completion).to_have_text("73.96%")
    expect(sources).to_contain_text("与实际支出数300.00万元不一致")
    expect(unit.locator("#summary-panel")).to_contain_text("1 个错误")
    shot(unit, "editor-finding")

    unit.get_by_label("一般公共预算").fill("300.00")
    expect(sources).to_be_empty()
    expect(unit.locator("#summary-panel")).to_contain_text("核验通过")
    unit.get_by_role("button", name="保存草稿").click()
    expect(unit.locator(".messages")).to_contain_text("草稿已保存")
    expect(unit.get_by_label("实际支出数")).to_have_value("300.00")

    unit.goto(detail)
    unit.get_by_role("button", name="提交审核").click()
    expect(unit.locator(".pagehead .status")).to_have_text("已提交")

    # The department reviewer returns it with a comment.
    reviewer = open_as(world.reviewer)
    reviewer.goto(detail)
    reviewer.get_by_label("审核意见").fill("请补充存在问题的原因分析。")
    reviewer.get_by_role("button", name="退回修改").click()
    expect(reviewer.locator(".pagehead .status")).to_have_text("退回")

    # The unit reads the comment, changes the form and submits again.
    unit.goto(f"{detail}edit/")
    expect(unit.locator(".returned")).to_contain_text("请补充存在问题的原因分析。")
    unit.get_by_label("存在问题").fill("支出集中在下半年：两个项目合同在9月后签订。")
    unit.get_by_role("button", name="保存草稿").click()
    expect(unit.locator(".messages")).to_contain_text("草稿已保存")
    unit.goto(detail)
    unit.get_by_role("button", name="提交审核").click()
    expect(unit.locator(".pagehead .status")).to_have_text("已提交")

    # The reviewer sees what changed since the last round, and approves.
    reviewer.goto(detail)
    expect(reviewer.get_by_text("与上一轮提交相比的修改（1 处）")).to_be_visible()
    expect(reviewer.locator("table.changes")).to_contain_text("两个项目合同在9月后签订")
    shot(reviewer, "review-changes")
    reviewer.get_by_role("button", name="审核通过").click()
    expect(reviewer.locator(".pagehead .status")).to_have_text("主管部门审核通过")

    # Finance approves, downloads the spreadsheet and the PDF, and publishes.
    finance = open_as(world.finance)
    finance.goto(detail)
    finance.get_by_role("button", name="审核通过").click()
    expect(finance.locator(".pagehead .status")).to_have_text("财政审核通过")
    for label, suffix, magic in (("Excel", ".xlsx", b"PK"), ("PDF", ".pdf", b"%PDF")):
        with finance.expect_download() as info:
            finance.get_by_role("link", name=re.compile(f"下载 {label}")).click()
        download = info.value
        assert download.suggested_filename.endswith(suffix)
        assert Path(download.path()).read_bytes().startswith(magic)
    finance.get_by_role("button", name="公开").click()
    expect(finance.locator(".pagehead .status")).to_have_text("已公开")
    finance.get_by_role("link", name="修改记录").click()
    expect(finance.locator(".history-entry").first).to_contain_text("公开")
    shot(finance, "history")

    world.refresh()
    assert world.unit_form.status == "published"
    assert world.unit_form.data["funds"]["actual_spending"] == "300.00"


def test_another_unit_cannot_open_the_form_by_its_address(world, open_as, live_server):
    page = open_as(world.other_unit_user)
    response = page.goto(f"{live_server.url}/evaluations/{world.unit_form.pk}/edit/")
    assert response is not None and response.status == 404


def test_start_next_years_form_from_last_years_and_find_it_waiting(world, open_as, live_server):
    unit = open_as(world.unit_user)
    expect(unit.locator("#nav-queue .badge")).to_have_text("1")
    unit.get_by_role("link", name="新建表单").click()
    unit.get_by_label("被评价年度").fill("2023")
    unit.get_by_label("沿用上一年度的表单").check()
    unit.get_by_role("button", name="新建并开始填写").click()
    expect(unit.locator(".messages")).to_contain_text("已新建")
    # Last year's indicator names and targets are there; its results are not.
    expect(unit.get_by_label("关键指标").first).to_have_value("矛盾纠纷调处成功率")
    expect(unit.get_by_label("指标值").first).to_have_value("≥95%")
    expect(unit.get_by_label("指标完成情况").first).to_have_value("")
    expect(unit.get_by_label("实际支出数")).to_have_value("")
    shot(unit, "new-carried-over")
    expect(unit.locator("#nav-queue .badge")).to_have_text("2")
    unit.get_by_role("link", name="待我处理").click()
    expect(unit.get_by_role("heading", name="待填报（2）")).to_be_visible()


def _accessible(page: Page) -> list[tuple[str, str, str]]:
    """(role, name, value) of every node of the page's accessibility tree, as Chromium exposes
    its native controls (the words of a file or date input are not in the DOM)."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    session.detach()
    return [
        (
            str(n.get("role", {}).get("value", "")),
            str(n.get("name", {}).get("value", "")),
            str(n.get("value", {}).get("value", "")),
        )
        for n in nodes
    ]


def test_file_and_date_inputs_speak_chinese(world, open_as, live_server):
    from django.utils import timezone

    from jixiao.web.season.services import task_issue

    assert ZH_PAK.exists(), "Debian's chromium-l10n is missing: run scripts/bootstrap test"
    today = timezone.localdate()
    task = task_issue(
        issuer=world.bureau,
        user=world.finance,
        year=2022,
        title="2022年度绩效自评",
        form_types=["department_overall"],
        departments=[world.department],
        unit_due=today + timedelta(days=10),
        department_due=today + timedelta(days=20),
        instructions="",
        today=today,
    )
    unit = open_as(world.unit_user)
    unit.set_viewport_size({"width": 1366, "height": 768})
    unit.goto(f"{live_server.url}/import/")
    file_input = unit.locator("input[type=file]").first
    expect(file_input).to_be_visible()
    shot(unit, "native-inputs-import")
    # Beside its button (选择文件, not "Choose File") the input says 未选择任何文件, not "No file
    # chosen": the browser's own words, which the accessibility tree carries as its value.
    values = [value for role, _, value in _accessible(unit) if role == "button"]
    assert "未选择任何文件" in values, values

    finance = open_as(world.finance)
    finance.set_viewport_size({"width": 1366, "height": 768})
    finance.goto(f"{live_server.url}/season/{task.pk}/")
    date_input = finance.locator("input[type=date]").first
    date_input.scroll_into_view_if_needed()
    shot(finance, "native-inputs-date")
    parts = [name for role, name, _ in _accessible(finance) if role == "spinbutton"]
    # 年/月/日 where an English bundle shows mm/dd/yyyy.
    assert parts[:3] == ["年 年", "月 月", "日 日"], parts
