"""批量导入 in the browser: choose several files, start, and watch the job's page turn from
排队中 to 已完成 (htmx polling) once the worker has read them, then offer the report."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from jixiao.core.serialization import form_to_data
from jixiao.web.evaluations import demo
from jixiao.web.evaluations.models import Evaluation
from jixiao.web.jobs.services import jobs_run_pending
from jixiao.web.organisations.models import FiscalYear
from tests.web.test_browser import chromium, open_as, shot  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def _file(name: str, form) -> dict:
    data = json.dumps(form_to_data(form), ensure_ascii=False).encode("utf-8")
    return {"name": name, "mimeType": "application/json", "buffer": data}


def test_bulk_import_shows_progress_then_the_report(world, open_as, live_server):  # noqa: F811
    FiscalYear.objects.create(year=2023, is_open=True)
    page = open_as(world.unit_user)
    page.goto(f"{live_server.url}/import/")
    bulk = page.locator("#bulk-import")
    expect(bulk.get_by_role("heading", name="批量导入")).to_be_visible()
    bulk.locator('input[name="files"]').set_input_files(
        [
            _file("中心2023.json", demo.centre_form(2023)),
            _file("中心2022.json", demo.centre_form(2022)),
        ]
    )
    bulk.get_by_role("button", name="开始批量导入").click()
    expect(page.get_by_text("排队中")).to_be_visible()

    jobs_run_pending()  # the worker

    expect(page.locator(".job-done")).to_have_text("已完成", timeout=15_000)
    expect(page.get_by_text("1 份表单已保存为草稿，1 份需逐个导入确认")).to_be_visible()
    expect(page.get_by_role("link", name="下载 批量导入报告.csv")).to_be_visible()
    shot(page, "bulk-import-done")
    assert Evaluation.objects.filter(organisation=world.unit, year=2023).count() == 1
